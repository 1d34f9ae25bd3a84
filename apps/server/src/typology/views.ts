/**
 * Cross-case views of the coding: the case × code matrix, code co-occurrence and code usage.
 * Cases are the workspace's case sheets and syntheses; retired codes and detached passages
 * (deleted from their page) are left out.
 */
import type { CodeUsage, Cooccurrence, Matrix, MatrixCell, MatrixCode } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'
import { type Code, toCode } from './codebook.ts'
import { type Viewer, visibleTo } from './visibility.ts'

export type { CodeUsage, Cooccurrence, Matrix, MatrixCell, MatrixCode } from '@tisserand/api-types'

/** Codes in tree order (each code followed by its descendants), with their dimension and path. */
export function orderedCodes(codes: Code[]): MatrixCode[] {
  const children = new Map<string | null, Code[]>()
  for (const code of codes) {
    const siblings = children.get(code.parentId) ?? []
    siblings.push(code)
    children.set(code.parentId, siblings)
  }
  const out: MatrixCode[] = []
  const visit = (parentId: string | null, dimensionId: string | null, depth: number, path: string[]) => {
    const list = (children.get(parentId) ?? []).sort((x, y) => x.position - y.position)
    for (const code of list) {
      const dimension = dimensionId ?? code.id
      const own = [...path, code.label]
      out.push({
        id: code.id,
        label: code.label,
        parentId: code.parentId,
        dimensionId: dimension,
        depth,
        color: code.color,
        path: own,
      })
      visit(code.id, dimension, depth + 1, own)
    }
  }
  visit(null, null, 0, [])
  return out
}

export class TypologyViews {
  constructor(
    private readonly db: Kysely<Database>,
    /** Brings derived passages up to date for these pages before counting. */
    private readonly flushDerived: (pageIds: string[]) => Promise<void>,
  ) {}

  async cases(workspaceId: string) {
    const rows = await this.db
      .selectFrom('page')
      .select(['id', 'title', 'kind'])
      .where('workspace_id', '=', workspaceId)
      .where('archived_at', 'is', null)
      .where('kind', 'in', ['case', 'synthesis'])
      .orderBy('kind')
      .orderBy('position')
      .orderBy('title')
      .execute()
    return rows.map((r) => ({ pageId: r.id, title: r.title, kind: r.kind }))
  }

  async liveCodes(workspaceId: string): Promise<MatrixCode[]> {
    const rows = await this.db
      .selectFrom('code')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('retired_at', 'is', null)
      .execute()
    return orderedCodes(rows.map(toCode))
  }

  /**
   * Live passages of live codes on live pages, freshly derived, that the viewer may see; codings
   * a round's agreed coding replaced are left out.
   */
  private async passages(viewer: Viewer, workspaceId: string) {
    const pages = await this.db
      .selectFrom('passage_coding')
      .select('page_id')
      .distinct()
      .where('workspace_id', '=', workspaceId)
      .execute()
    await this.flushDerived(pages.map((p) => p.page_id))
    return this.db
      .selectFrom('passage_coding')
      .innerJoin('code', 'code.id', 'passage_coding.code_id')
      .innerJoin('page', 'page.id', 'passage_coding.page_id')
      .select([
        'passage_coding.id',
        'passage_coding.page_id',
        'passage_coding.code_id',
        'passage_coding.start_offset',
        'passage_coding.end_offset',
      ])
      .where('passage_coding.workspace_id', '=', workspaceId)
      .where('passage_coding.detached', '=', 0)
      .where('passage_coding.superseded', '=', 0)
      .where(visibleTo(viewer, 'passage_coding'))
      .where('code.retired_at', 'is', null)
      .where('page.archived_at', 'is', null)
      .execute()
  }

  /** Case-level codes: the pages' own and agreed ones, and the coders' codes of rounds the viewer may see. */
  private async pageCodes(viewer: Viewer, workspaceId: string) {
    const shared = await this.db
      .selectFrom('page_code')
      .innerJoin('code', 'code.id', 'page_code.code_id')
      .innerJoin('page', 'page.id', 'page_code.page_id')
      .select(['page_code.page_id', 'page_code.code_id'])
      .where('page_code.workspace_id', '=', workspaceId)
      .where('code.retired_at', 'is', null)
      .where('page.archived_at', 'is', null)
      .execute()
    const ofRounds = await this.db
      .selectFrom('round_case_code')
      .innerJoin('code', 'code.id', 'round_case_code.code_id')
      .innerJoin('page', 'page.id', 'round_case_code.page_id')
      .select(['round_case_code.page_id', 'round_case_code.code_id'])
      .where('page.workspace_id', '=', workspaceId)
      .where('round_case_code.superseded', '=', 0)
      .where(visibleTo(viewer, 'round_case_code'))
      .where('code.retired_at', 'is', null)
      .where('page.archived_at', 'is', null)
      .execute()
    // One code on one case counts once, however many coders applied it.
    const once = new Map([...shared, ...ofRounds].map((r) => [`${r.page_id} ${r.code_id}`, r]))
    return [...once.values()]
  }

  async matrix(viewer: Viewer, workspaceId: string): Promise<Matrix> {
    const [cases, codes, passages, pageCodes] = await Promise.all([
      this.cases(workspaceId),
      this.liveCodes(workspaceId),
      this.passages(viewer, workspaceId),
      this.pageCodes(viewer, workspaceId),
    ])
    const isCase = new Set(cases.map((c) => c.pageId))
    const cells = new Map<string, MatrixCell>()
    const cell = (pageId: string, codeId: string) => {
      const key = `${pageId} ${codeId}`
      let found = cells.get(key)
      if (!found) {
        found = { pageId, codeId, passages: 0, caseLevel: false }
        cells.set(key, found)
      }
      return found
    }
    for (const p of passages) if (isCase.has(p.page_id)) cell(p.page_id, p.code_id).passages += 1
    for (const pc of pageCodes) if (isCase.has(pc.page_id)) cell(pc.page_id, pc.code_id).caseLevel = true
    return {
      cases: cases.map(({ pageId, title, kind }) => ({ pageId, title, kind })),
      codes,
      cells: [...cells.values()],
    }
  }

  async usage(viewer: Viewer, workspaceId: string): Promise<CodeUsage[]> {
    const [codes, passages, pageCodes] = await Promise.all([
      this.liveCodes(workspaceId),
      this.passages(viewer, workspaceId),
      this.pageCodes(viewer, workspaceId),
    ])
    const usage = new Map<string, { passages: number; cases: Set<string>; caseLevel: number }>()
    for (const code of codes) usage.set(code.id, { passages: 0, cases: new Set(), caseLevel: 0 })
    for (const p of passages) {
      const u = usage.get(p.code_id)
      if (!u) continue
      u.passages += 1
      u.cases.add(p.page_id)
    }
    for (const pc of pageCodes) {
      const u = usage.get(pc.code_id)
      if (!u) continue
      u.caseLevel += 1
      u.cases.add(pc.page_id)
    }
    return [...usage.entries()].map(([codeId, u]) => ({
      codeId,
      passages: u.passages,
      cases: u.cases.size,
      caseLevel: u.caseLevel,
    }))
  }

  async cooccurrence(viewer: Viewer, workspaceId: string): Promise<Cooccurrence[]> {
    const [passages, pageCodes] = await Promise.all([
      this.passages(viewer, workspaceId),
      this.pageCodes(viewer, workspaceId),
    ])
    const codesByPage = new Map<string, Set<string>>()
    const add = (pageId: string, codeId: string) => {
      const set = codesByPage.get(pageId) ?? new Set<string>()
      set.add(codeId)
      codesByPage.set(pageId, set)
    }
    for (const p of passages) add(p.page_id, p.code_id)
    for (const pc of pageCodes) add(pc.page_id, pc.code_id)
    const pairs = new Map<string, Cooccurrence>()
    const pair = (x: string, y: string) => {
      const [a, b] = x < y ? [x, y] : [y, x]
      const key = `${a} ${b}`
      let found = pairs.get(key)
      if (!found) {
        found = { a, b, cases: 0, passages: 0 }
        pairs.set(key, found)
      }
      return found
    }
    for (const codes of codesByPage.values()) {
      const list = [...codes]
      for (let i = 0; i < list.length; i += 1)
        for (let j = i + 1; j < list.length; j += 1) pair(list[i] as string, list[j] as string).cases += 1
    }
    const byPage = new Map<string, typeof passages>()
    for (const p of passages) byPage.set(p.page_id, [...(byPage.get(p.page_id) ?? []), p])
    for (const list of byPage.values()) {
      for (let i = 0; i < list.length; i += 1) {
        for (let j = i + 1; j < list.length; j += 1) {
          const x = list[i]
          const y = list[j]
          if (!x || !y || x.code_id === y.code_id) continue
          const overlap =
            Number(x.start_offset) < Number(y.end_offset) && Number(y.start_offset) < Number(x.end_offset)
          if (overlap) pair(x.code_id, y.code_id).passages += 1
        }
      }
    }
    return [...pairs.values()]
  }

  /** Pages carrying a code (case-level or on a passage): the tree and search filter by code. */
  async pagesWithCode(viewer: Viewer, workspaceId: string, codeId: string) {
    const [passages, pageCodes] = await Promise.all([
      this.passages(viewer, workspaceId),
      this.pageCodes(viewer, workspaceId),
    ])
    const counts = new Map<string, { passages: number; caseLevel: boolean }>()
    for (const p of passages) {
      if (p.code_id !== codeId) continue
      const c = counts.get(p.page_id) ?? { passages: 0, caseLevel: false }
      c.passages += 1
      counts.set(p.page_id, c)
    }
    for (const pc of pageCodes) {
      if (pc.code_id !== codeId) continue
      const c = counts.get(pc.page_id) ?? { passages: 0, caseLevel: false }
      c.caseLevel = true
      counts.set(pc.page_id, c)
    }
    if (counts.size === 0) return []
    const pages = await this.db
      .selectFrom('page')
      .select(['id', 'title', 'kind'])
      .where('id', 'in', [...counts.keys()])
      .orderBy('position')
      .execute()
    return pages.map((p) => ({ pageId: p.id, title: p.title, kind: p.kind, ...counts.get(p.id) }))
  }
}
