/**
 * A workspace's codebook: hierarchical codes (top-level codes are the dimensions), relations
 * between codes, and the history of every change. Each operation runs in one transaction and
 * records its row effects (change-log.ts), so any change can be reverted.
 */

import { randomUUID } from 'node:crypto'
import type { Code, CodeRelation } from '@tisserand/api-types'
import type { Kysely, Transaction } from 'kysely'
import { ApiError } from '../errors.ts'
import { newId } from '../store/ids.ts'
import type { Database } from '../store/schema.ts'
import type { CodeRelationTable, CodeTable } from '../store/schema-typology.ts'
import { EffectRecorder, parseEffects, serializeEffects } from './change-log.ts'
import { LEADS_TO, type SeedCode, STUDY_RELATIONS, STUDY_TYPOLOGY } from './seed.ts'

export type { Code, CodeRelation } from '@tisserand/api-types'

export interface CodebookView {
  codes: Code[]
  relations: CodeRelation[]
}

export interface ChangeView {
  id: string
  seq: number
  kind: string
  codeId: string | null
  summary: string
  actor: { id: string; name: string } | null
  createdAt: number
  revertsId: string | null
  revertedById: string | null
  effects: ReturnType<typeof parseEffects>
}

export type ChangeKind =
  | 'seed'
  | 'add'
  | 'update'
  | 'move'
  | 'merge'
  | 'retire'
  | 'restore'
  | 'relation.add'
  | 'relation.remove'
  | 'import'
  | 'revert'

export interface NewCode {
  parentId?: string | null
  label: string
  description?: string
  color?: string | null
  codable?: boolean
  /** Imports keep the codes' identities (REFI-QDA guids). */
  id?: string
}

export function toCode(row: CodeTable): Code {
  return {
    id: row.id,
    parentId: row.parent_id,
    label: row.label,
    description: row.description,
    color: row.color,
    position: Number(row.position),
    codable: Boolean(row.codable),
    retired: row.retired_at !== null,
    retiredAt: row.retired_at === null ? null : Number(row.retired_at),
  }
}

function toRelation(row: CodeRelationTable): CodeRelation {
  return { id: row.id, fromId: row.from_code_id, toId: row.to_code_id, kind: row.kind }
}

type Tx = Transaction<Database>

export interface ChangeResult {
  changeId: string
  codeId: string | null
}

export class Codebook {
  constructor(private readonly db: Kysely<Database>) {}

  async view(workspaceId: string, includeRetired = false): Promise<CodebookView> {
    let q = this.db.selectFrom('code').selectAll().where('workspace_id', '=', workspaceId)
    if (!includeRetired) q = q.where('retired_at', 'is', null)
    const codes = (await q.orderBy('position').orderBy('created_at').execute()).map(toCode)
    const live = new Set(codes.map((c) => c.id))
    const relations = (
      await this.db.selectFrom('code_relation').selectAll().where('workspace_id', '=', workspaceId).execute()
    )
      .map(toRelation)
      .filter((r) => live.has(r.fromId) && live.has(r.toId))
    return { codes, relations }
  }

  async get(workspaceId: string, codeId: string): Promise<Code | null> {
    const row = await this.db
      .selectFrom('code')
      .selectAll()
      .where('id', '=', codeId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    return row ? toCode(row) : null
  }

  /** The study workspace starts with the study's typology (only if it has no code at all). */
  async seedIfEmpty(workspaceId: string): Promise<boolean> {
    const any = await this.db
      .selectFrom('code')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    if (any) return false
    await this.change(workspaceId, null, 'seed', 'Typologie de l’étude', async (rec, tx) => {
      const ids = new Map<string, string>()
      const add = async (seed: SeedCode, parentId: string | null, position: number) => {
        const id = randomUUID()
        ids.set(seed.key, id)
        await insertCode(rec, workspaceId, id, {
          parentId,
          label: seed.label,
          description: seed.description,
          color: seed.color,
          position,
        })
        for (const [index, child] of (seed.children ?? []).entries()) await add(child, id, index)
      }
      for (const [index, seed] of STUDY_TYPOLOGY.entries()) await add(seed, null, index)
      for (const [from, to] of STUDY_RELATIONS) {
        await insertRelation(rec, workspaceId, ids.get(from) ?? '', ids.get(to) ?? '', LEADS_TO)
      }
      void tx
      return null
    })
    return true
  }

  async add(workspaceId: string, actorId: string, input: NewCode): Promise<ChangeResult> {
    return this.change(workspaceId, actorId, 'add', `+ ${input.label}`, async (rec, tx) => {
      const parentId = input.parentId ?? null
      if (parentId) await this.requireCode(tx, workspaceId, parentId, 'parentId')
      const id = input.id ?? randomUUID()
      await insertCode(rec, workspaceId, id, {
        parentId,
        label: input.label,
        description: input.description ?? '',
        color: input.color ?? null,
        codable: input.codable ?? true,
        position: await nextPosition(tx, workspaceId, parentId),
      })
      return id
    })
  }

  async update(
    workspaceId: string,
    actorId: string,
    codeId: string,
    patch: { label?: string; description?: string; color?: string | null },
  ): Promise<ChangeResult> {
    const code = await this.requireCode(this.db, workspaceId, codeId)
    const renamed = patch.label !== undefined && patch.label !== code.label
    const summary = renamed ? `${code.label} → ${patch.label}` : code.label
    return this.change(workspaceId, actorId, 'update', summary, async (rec) => {
      const set: Record<string, unknown> = {}
      if (patch.label !== undefined) set.label = patch.label
      if (patch.description !== undefined) set.description = patch.description
      if (patch.color !== undefined) set.color = patch.color
      if (Object.keys(set).length > 0) set.updated_at = Date.now()
      await rec.update('code', { id: codeId }, set)
      return codeId
    })
  }

  /** Moves a code under `parentId` (null: a dimension) at `position` among its new siblings. */
  async move(
    workspaceId: string,
    actorId: string,
    codeId: string,
    parentId: string | null,
    position: number | undefined,
  ): Promise<ChangeResult> {
    const code = await this.requireCode(this.db, workspaceId, codeId)
    return this.change(workspaceId, actorId, 'move', code.label, async (rec, tx) => {
      if (parentId) {
        await this.requireCode(tx, workspaceId, parentId, 'parentId')
        if (await this.isSelfOrDescendant(tx, codeId, parentId))
          throw new ApiError(400, 'invalid_move', 'A code cannot move under itself or its descendants')
      }
      const siblings = (await siblingsOf(tx, workspaceId, parentId)).filter((id) => id !== codeId)
      const at = Math.max(0, Math.min(position ?? siblings.length, siblings.length))
      siblings.splice(at, 0, codeId)
      await rec.update('code', { id: codeId }, { parent_id: parentId, updated_at: Date.now() })
      for (const [index, id] of siblings.entries()) await rec.update('code', { id }, { position: index })
      return codeId
    })
  }

  /**
   * Merges `sourceId` into `targetId`: the source's codings, children and relations move to the
   * target, then the source is retired. Reverting the change puts everything back.
   */
  async merge(
    workspaceId: string,
    actorId: string,
    sourceId: string,
    targetId: string,
  ): Promise<ChangeResult> {
    if (sourceId === targetId) throw new ApiError(400, 'invalid_merge', 'A code cannot merge into itself')
    const source = await this.requireCode(this.db, workspaceId, sourceId)
    const target = await this.requireCode(this.db, workspaceId, targetId, 'targetId')
    if (source.retired || target.retired) throw new ApiError(409, 'code_retired', 'Restore the code first')
    return this.change(
      workspaceId,
      actorId,
      'merge',
      `${source.label} → ${target.label}`,
      async (rec, tx) => {
        if (await this.isSelfOrDescendant(tx, sourceId, targetId))
          throw new ApiError(400, 'invalid_merge', 'A code cannot merge into its own descendant')
        const now = Date.now()
        let position = await nextPosition(tx, workspaceId, targetId)
        for (const child of await siblingsOf(tx, workspaceId, sourceId)) {
          await rec.update(
            'code',
            { id: child },
            { parent_id: targetId, position: position++, updated_at: now },
          )
        }
        const pageCodes = await tx
          .selectFrom('page_code')
          .selectAll()
          .where('code_id', '=', sourceId)
          .execute()
        for (const row of pageCodes) {
          await rec.delete('page_code', { page_id: row.page_id, code_id: sourceId })
          const exists = await tx
            .selectFrom('page_code')
            .select('page_id')
            .where('page_id', '=', row.page_id)
            .where('code_id', '=', targetId)
            .executeTakeFirst()
          if (!exists)
            await rec.insert(
              'page_code',
              { page_id: row.page_id, code_id: targetId },
              { ...row, code_id: targetId },
            )
        }
        const passages = await tx
          .selectFrom('passage_coding')
          .select('id')
          .where('code_id', '=', sourceId)
          .execute()
        for (const { id } of passages) await rec.update('passage_coding', { id }, { code_id: targetId })
        const relations = await tx
          .selectFrom('code_relation')
          .selectAll()
          .where((eb) => eb.or([eb('from_code_id', '=', sourceId), eb('to_code_id', '=', sourceId)]))
          .execute()
        for (const relation of relations) {
          const from = relation.from_code_id === sourceId ? targetId : relation.from_code_id
          const to = relation.to_code_id === sourceId ? targetId : relation.to_code_id
          const duplicate = await tx
            .selectFrom('code_relation')
            .select('id')
            .where('from_code_id', '=', from)
            .where('to_code_id', '=', to)
            .where('kind', '=', relation.kind)
            .executeTakeFirst()
          if (from === to || duplicate) await rec.delete('code_relation', { id: relation.id })
          else await rec.update('code_relation', { id: relation.id }, { from_code_id: from, to_code_id: to })
        }
        await rec.update('code', { id: sourceId }, { retired_at: now, updated_at: now })
        return targetId
      },
    )
  }

  /** Retires a code and its descendants: hidden from the codebook and the views, codings kept. */
  async retire(workspaceId: string, actorId: string, codeId: string): Promise<ChangeResult> {
    const code = await this.requireCode(this.db, workspaceId, codeId)
    if (code.retired) throw new ApiError(409, 'code_retired', 'This code is already retired')
    return this.change(workspaceId, actorId, 'retire', code.label, async (rec, tx) => {
      const now = Date.now()
      for (const id of [codeId, ...(await this.descendants(tx, codeId))]) {
        const row = await tx.selectFrom('code').select('retired_at').where('id', '=', id).executeTakeFirst()
        if (row && row.retired_at === null)
          await rec.update('code', { id }, { retired_at: now, updated_at: now })
      }
      return codeId
    })
  }

  /** Restores a retired code, with the descendants retired together with it. */
  async restore(workspaceId: string, actorId: string, codeId: string): Promise<ChangeResult> {
    const code = await this.requireCode(this.db, workspaceId, codeId)
    if (!code.retired) throw new ApiError(409, 'code_not_retired', 'This code is not retired')
    return this.change(workspaceId, actorId, 'restore', code.label, async (rec, tx) => {
      const now = Date.now()
      for (const id of [codeId, ...(await this.descendants(tx, codeId))]) {
        const row = await tx.selectFrom('code').select('retired_at').where('id', '=', id).executeTakeFirst()
        if (row && row.retired_at !== null && Number(row.retired_at) === code.retiredAt)
          await rec.update('code', { id }, { retired_at: null, updated_at: now })
      }
      if (code.parentId) {
        const parent = await tx
          .selectFrom('code')
          .select('retired_at')
          .where('id', '=', code.parentId)
          .executeTakeFirst()
        // A code restored under a retired parent comes back as a dimension of its own.
        if (parent && parent.retired_at !== null)
          await rec.update(
            'code',
            { id: codeId },
            { parent_id: null, position: await nextPosition(tx, workspaceId, null) },
          )
      }
      return codeId
    })
  }

  async addRelation(
    workspaceId: string,
    actorId: string,
    fromId: string,
    toId: string,
    kind: string,
  ): Promise<ChangeResult & { relationId: string }> {
    const from = await this.requireCode(this.db, workspaceId, fromId, 'fromId')
    const to = await this.requireCode(this.db, workspaceId, toId, 'toId')
    if (fromId === toId) throw new ApiError(400, 'invalid_relation', 'A relation needs two different codes')
    const exists = await this.db
      .selectFrom('code_relation')
      .select('id')
      .where('from_code_id', '=', fromId)
      .where('to_code_id', '=', toId)
      .where('kind', '=', kind)
      .executeTakeFirst()
    if (exists) throw new ApiError(409, 'relation_exists', 'These codes are already related this way')
    let relationId = ''
    const result = await this.change(
      workspaceId,
      actorId,
      'relation.add',
      `${from.label} → ${to.label}`,
      async (rec) => {
        relationId = await insertRelation(rec, workspaceId, fromId, toId, kind)
        return fromId
      },
    )
    return { ...result, relationId }
  }

  async removeRelation(workspaceId: string, actorId: string, relationId: string): Promise<ChangeResult> {
    const row = await this.db
      .selectFrom('code_relation')
      .selectAll()
      .where('id', '=', relationId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    if (!row) throw new ApiError(404, 'relation_not_found', 'No such relation')
    return this.change(workspaceId, actorId, 'relation.remove', row.kind, async (rec) => {
      await rec.delete('code_relation', { id: relationId })
      return row.from_code_id
    })
  }

  /** Adds many codes in one change (a REFI-QDA import), parents before children. */
  async importCodes(
    workspaceId: string,
    actorId: string,
    codes: (NewCode & { id: string; parentId: string | null })[],
    summary: string,
  ): Promise<ChangeResult & { ids: Map<string, string> }> {
    const ids = new Map<string, string>()
    const result = await this.change(workspaceId, actorId, 'import', summary, async (rec, tx) => {
      for (const code of codes) {
        const taken = await tx
          .selectFrom('code')
          .select('workspace_id')
          .where('id', '=', code.id)
          .executeTakeFirst()
        const id = taken ? randomUUID() : code.id
        ids.set(code.id, id)
        const parentId = code.parentId ? (ids.get(code.parentId) ?? null) : null
        await insertCode(rec, workspaceId, id, {
          parentId,
          label: code.label,
          description: code.description ?? '',
          color: code.color ?? null,
          codable: code.codable ?? true,
          position: await nextPosition(tx, workspaceId, parentId),
        })
      }
      return null
    })
    return { ...result, ids }
  }

  async history(workspaceId: string, limit = 200): Promise<ChangeView[]> {
    const rows = await this.db
      .selectFrom('codebook_change')
      .leftJoin('user', 'user.id', 'codebook_change.actor_id')
      .selectAll('codebook_change')
      .select(['user.name as actor_name'])
      .where('codebook_change.workspace_id', '=', workspaceId)
      .orderBy('codebook_change.seq', 'desc')
      .limit(limit)
      .execute()
    return rows.map((row) => ({
      id: row.id,
      seq: Number(row.seq),
      kind: row.kind,
      codeId: row.code_id,
      summary: row.summary,
      actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
      createdAt: Number(row.created_at),
      revertsId: row.reverts_id,
      revertedById: row.reverted_by_id,
      effects: parseEffects(row.effects),
    }))
  }

  /** Reverts one change by applying the inverse of its effects; recorded as a change itself. */
  async revert(workspaceId: string, actorId: string, changeId: string): Promise<ChangeResult> {
    const original = await this.db
      .selectFrom('codebook_change')
      .selectAll()
      .where('id', '=', changeId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    if (!original) throw new ApiError(404, 'change_not_found', 'No such codebook change')
    if (original.kind === 'seed')
      throw new ApiError(400, 'not_revertable', 'The initial typology cannot be reverted')
    if (original.reverted_by_id)
      throw new ApiError(409, 'already_reverted', 'This change was already reverted')
    return this.change(
      workspaceId,
      actorId,
      'revert',
      original.summary,
      async (rec, tx) => {
        await rec.undo(parseEffects(original.effects))
        await tx
          .updateTable('codebook_change')
          .set({ reverted_by_id: rec.changeId })
          .where('id', '=', changeId)
          .execute()
        return original.code_id
      },
      changeId,
    )
  }

  /** Runs one change in a transaction and records it with its effects. */
  private async change(
    workspaceId: string,
    actorId: string | null,
    kind: ChangeKind,
    summary: string,
    body: (rec: EffectRecorder & { changeId: string }, tx: Tx) => Promise<string | null>,
    revertsId: string | null = null,
  ): Promise<ChangeResult> {
    const changeId = newId()
    try {
      return await this.db.transaction().execute(async (tx) => {
        const rec = Object.assign(new EffectRecorder(tx), { changeId })
        const codeId = await body(rec, tx)
        const last = await tx
          .selectFrom('codebook_change')
          .select((eb) => eb.fn.max('seq').as('max'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirst()
        await tx
          .insertInto('codebook_change')
          .values({
            id: changeId,
            workspace_id: workspaceId,
            seq: Number(last?.max ?? 0) + 1,
            kind,
            code_id: codeId,
            actor_id: actorId,
            created_at: Date.now(),
            effects: serializeEffects(rec.effects),
            summary,
            reverts_id: revertsId,
            reverted_by_id: null,
          })
          .execute()
        return { changeId, codeId }
      })
    } catch (error) {
      if (String((error as { code?: string }).code ?? '').startsWith('SQLITE_CONSTRAINT'))
        throw new ApiError(409, 'conflict', 'This change conflicts with the codebook as it is now')
      throw error
    }
  }

  private async requireCode(
    db: Kysely<Database>,
    workspaceId: string,
    codeId: string,
    field = 'codeId',
  ): Promise<Code> {
    const row = await db
      .selectFrom('code')
      .selectAll()
      .where('id', '=', codeId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    if (!row) throw new ApiError(404, 'code_not_found', `${field}: no such code in this workspace`, field)
    return toCode(row)
  }

  private async descendants(db: Kysely<Database>, codeId: string): Promise<string[]> {
    const out: string[] = []
    let frontier = [codeId]
    while (frontier.length > 0) {
      const rows = await db.selectFrom('code').select('id').where('parent_id', 'in', frontier).execute()
      frontier = rows.map((r) => r.id)
      out.push(...frontier)
    }
    return out
  }

  private async isSelfOrDescendant(
    db: Kysely<Database>,
    ancestorId: string,
    codeId: string,
  ): Promise<boolean> {
    return codeId === ancestorId || (await this.descendants(db, ancestorId)).includes(codeId)
  }
}

async function insertCode(
  rec: EffectRecorder,
  workspaceId: string,
  id: string,
  input: {
    parentId: string | null
    label: string
    description: string
    color: string | null
    position: number
    codable?: boolean
  },
): Promise<void> {
  const now = Date.now()
  await rec.insert(
    'code',
    { id },
    {
      id,
      workspace_id: workspaceId,
      parent_id: input.parentId,
      label: input.label,
      description: input.description,
      color: input.color,
      position: input.position,
      codable: input.codable === false ? 0 : 1,
      retired_at: null,
      created_at: now,
      updated_at: now,
    },
  )
}

async function insertRelation(
  rec: EffectRecorder,
  workspaceId: string,
  fromId: string,
  toId: string,
  kind: string,
): Promise<string> {
  const id = newId()
  await rec.insert(
    'code_relation',
    { id },
    { id, workspace_id: workspaceId, from_code_id: fromId, to_code_id: toId, kind, created_at: Date.now() },
  )
  return id
}

async function siblingsOf(
  db: Kysely<Database>,
  workspaceId: string,
  parentId: string | null,
): Promise<string[]> {
  const rows = await db
    .selectFrom('code')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', parentId ? '=' : 'is', parentId)
    .where('retired_at', 'is', null)
    .orderBy('position')
    .orderBy('created_at')
    .execute()
  return rows.map((r) => r.id)
}

async function nextPosition(
  db: Kysely<Database>,
  workspaceId: string,
  parentId: string | null,
): Promise<number> {
  const row = await db
    .selectFrom('code')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', parentId ? '=' : 'is', parentId)
    .executeTakeFirst()
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1
}
