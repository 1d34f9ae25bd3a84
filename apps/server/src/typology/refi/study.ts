/**
 * What the exports read: the live codebook, the cases (case sheets and syntheses) with their plain
 * text, and every coded passage resolved against the page body as it is now.
 */
import type { Kysely } from 'kysely'
import { BODY_FRAGMENT, flattenBody, resolvePassage } from '../../anchors/text-anchors.ts'
import type { Database } from '../../store/schema.ts'
import { type CaseVariableValues, caseVariables } from '../case-variables.ts'
import { toCode } from '../codebook.ts'
import type { Typology } from '../services.ts'
import { orderedCodes } from '../views.ts'
import { type Viewer, visibleTo } from '../visibility.ts'
import { plainText } from './plain-text.ts'
import type { ExportCode } from './qdc.ts'

export interface StudyPassage {
  id: string
  codeId: string
  text: string
  /** Code points over the source's LF-normalised text, end exclusive. */
  start: number
  end: number
  authorId: string
  createdAt: number
}

export interface StudyCase {
  pageId: string
  title: string
  kind: string
  createdBy: string
  createdAt: number
  updatedAt: number
  text: string
  passages: StudyPassage[]
  caseCodes: { codeId: string; authorId: string; createdAt: number }[]
  /** The wiki's case properties that are set, as exported text. */
  attributes: CaseVariableValues
}

/** An analytic memo, exported as a REFI-QDA note on its subject. */
export interface StudyNote {
  pageId: string
  title: string
  text: string
  subjectKind: string
  subjectId: string
  createdBy: string
  createdAt: number
  updatedAt: number
}

export interface Study {
  workspace: { id: string; name: string; createdAt: number }
  codes: ExportCode[]
  users: { id: string; name: string }[]
  cases: StudyCase[]
  notes: StudyNote[]
}

export async function readStudy(
  db: Kysely<Database>,
  typology: Typology,
  workspaceId: string,
  viewer: Viewer,
): Promise<Study> {
  const workspace = await db
    .selectFrom('workspace')
    .selectAll()
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow()
  const codeRows = await db
    .selectFrom('code')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('retired_at', 'is', null)
    .execute()
  const byId = new Map(codeRows.map((r) => [r.id, r]))
  const codes = orderedCodes(codeRows.map(toCode)).map((c) => ({
    ...c,
    description: byId.get(c.id)?.description ?? '',
    codable: Boolean(byId.get(c.id)?.codable ?? 1),
  }))
  const live = new Set(codes.map((c) => c.id))
  const cases = await typology.views.cases(workspaceId)
  const userIds = new Set<string>()
  const out: StudyCase[] = []
  for (const { pageId } of cases) {
    const page = await db.selectFrom('page').selectAll().where('id', '=', pageId).executeTakeFirstOrThrow()
    const rows = await db
      .selectFrom('passage_coding')
      .selectAll()
      .where('page_id', '=', pageId)
      .where('superseded', '=', 0)
      .where(visibleTo(viewer, 'passage_coding'))
      .orderBy('created_at')
      .execute()
    const caseCodes = (await typology.caseCoding.list(viewer, pageId))
      .filter((r) => live.has(r.codeId))
      .filter((r, i, all) => all.findIndex((x) => x.codeId === r.codeId) === i)
      .map((r) => ({ codeId: r.codeId, authorId: r.author.id, createdAt: r.createdAt }))
    const { text, passages } = await typology.bodies.read(pageId, (doc) => {
      const flat = flattenBody(doc.getXmlFragment(BODY_FRAGMENT))
      const plain = plainText(flat.text)
      const passages: StudyPassage[] = []
      for (const row of rows) {
        if (!live.has(row.code_id)) continue
        const resolved = resolvePassage(doc, flat, { start: row.anchor_start, end: row.anchor_end })
        if (!resolved) continue
        passages.push({
          id: row.id,
          codeId: row.code_id,
          text: resolved.text.replace(/\r\n?/g, '\n'),
          start: plain.position(resolved.from),
          end: plain.position(resolved.to),
          authorId: row.created_by,
          createdAt: Number(row.created_at),
        })
      }
      return { text: plain.text, passages }
    })
    userIds.add(page.created_by)
    for (const p of passages) userIds.add(p.authorId)
    for (const c of caseCodes) userIds.add(c.authorId)
    out.push({
      pageId,
      title: page.title,
      kind: page.kind,
      createdBy: page.created_by,
      createdAt: Number(page.created_at),
      updatedAt: Number(page.updated_at),
      text,
      passages,
      caseCodes,
      attributes: await caseVariables(db, pageId),
    })
  }
  const notes = await readNotes(db, typology, workspaceId)
  for (const n of notes) userIds.add(n.createdBy)
  const members = await db
    .selectFrom('member')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .execute()
  for (const m of members) userIds.add(m.user_id)
  const users =
    userIds.size === 0
      ? []
      : await db
          .selectFrom('user')
          .select(['id', 'name'])
          .where('id', 'in', [...userIds])
          .orderBy('created_at')
          .execute()
  return {
    workspace: { id: workspace.id, name: workspace.name, createdAt: Number(workspace.created_at) },
    codes,
    users,
    cases: out,
    notes,
  }
}

/** The workspace's memos not in the trash (memo rows are the quotations feature's), with their text. */
async function readNotes(
  db: Kysely<Database>,
  typology: Typology,
  workspaceId: string,
): Promise<StudyNote[]> {
  const rows = await db
    .selectFrom('memo as m')
    .innerJoin('page as p', 'p.id', 'm.page_id')
    .select([
      'p.id',
      'p.title',
      'p.created_by',
      'p.created_at',
      'p.updated_at',
      'm.subject_kind',
      'm.subject_id',
    ])
    .where('m.workspace_id', '=', workspaceId)
    .where('p.archived_at', 'is', null)
    .orderBy('p.created_at')
    .execute()
  const notes: StudyNote[] = []
  for (const row of rows) {
    const text = await typology.bodies.read(
      row.id,
      (doc) => flattenBody(doc.getXmlFragment(BODY_FRAGMENT)).text,
    )
    notes.push({
      pageId: row.id,
      title: row.title,
      text: plainText(text).text,
      subjectKind: row.subject_kind,
      subjectId: row.subject_id,
      createdBy: row.created_by,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    })
  }
  return notes
}
