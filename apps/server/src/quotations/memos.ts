/**
 * Analytic memos: pages of kind `memo` tied to what they reason about (a code, a page, or a coded
 * passage). A memo is an ordinary page for everything else: edited live, searched, versioned.
 */
import type { Memo, MemoSubjectKind } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import { ApiError } from '../errors.ts'
import type { Page, Pages } from '../pages/index.ts'
import type { Database } from '../store/schema.ts'

export interface MemoSubject {
  kind: MemoSubjectKind
  id: string
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text)

export class Memos {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly pages: Pages,
  ) {}

  /** Checks the subject is of this workspace; answers its label and the page a memo goes under. */
  private async resolve(
    workspaceId: string,
    subject: MemoSubject,
  ): Promise<{ label: string; parentId: string | null; pageId: string | null }> {
    if (subject.kind === 'code') {
      const code = await this.db
        .selectFrom('code')
        .select('label')
        .where('id', '=', subject.id)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst()
      if (!code) throw new ApiError(404, 'code_not_found', 'No such code in this workspace', 'subjectId')
      return { label: code.label, parentId: null, pageId: null }
    }
    if (subject.kind === 'page') {
      const page = await this.db
        .selectFrom('page')
        .select(['id', 'title', 'kind', 'archived_at'])
        .where('id', '=', subject.id)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst()
      if (!page || page.kind === 'template' || page.archived_at !== null)
        throw new ApiError(404, 'page_not_found', 'No such page in this workspace', 'subjectId')
      return { label: page.title, parentId: page.id, pageId: page.id }
    }
    const coding = await this.db
      .selectFrom('passage_coding as pc')
      .innerJoin('page as p', 'p.id', 'pc.page_id')
      .select(['pc.quote', 'pc.text', 'pc.page_id', 'p.archived_at'])
      .where('pc.id', '=', subject.id)
      .where('pc.workspace_id', '=', workspaceId)
      .executeTakeFirst()
    if (!coding || coding.archived_at !== null)
      throw new ApiError(404, 'coding_not_found', 'No such coded passage in this workspace', 'subjectId')
    return { label: excerpt(coding.text ?? coding.quote), parentId: coding.page_id, pageId: coding.page_id }
  }

  async create(input: { workspaceId: string; userId: string; title: string; subject: MemoSubject }): Promise<{
    page: Page
    memo: Memo
  }> {
    const { parentId } = await this.resolve(input.workspaceId, input.subject)
    const page = await this.pages.create({
      workspaceId: input.workspaceId,
      title: input.title,
      kind: 'memo',
      parentId,
      createdBy: input.userId,
    })
    await this.db
      .insertInto('memo')
      .values({
        page_id: page.id,
        workspace_id: input.workspaceId,
        subject_kind: input.subject.kind,
        subject_id: input.subject.id,
        created_at: page.createdAt,
      })
      .execute()
    return { page, memo: (await this.get(page.id)) as Memo }
  }

  /** The memo a page is, or null when it is not one. */
  async get(pageId: string): Promise<Memo | null> {
    const [memo] = await this.list((q) => q.where('m.page_id', '=', pageId), true)
    return memo ?? null
  }

  /** The live memos about a subject; for a page, also those about its coded passages. */
  async about(workspaceId: string, subject: MemoSubject): Promise<Memo[]> {
    return this.list((q) => {
      const scoped = q.where('m.workspace_id', '=', workspaceId)
      if (subject.kind !== 'page')
        return scoped.where('m.subject_kind', '=', subject.kind).where('m.subject_id', '=', subject.id)
      return scoped.where((eb) =>
        eb.or([
          eb.and([eb('m.subject_kind', '=', 'page'), eb('m.subject_id', '=', subject.id)]),
          eb.and([
            eb('m.subject_kind', '=', 'coding'),
            eb(
              'm.subject_id',
              'in',
              eb.selectFrom('passage_coding').select('id').where('page_id', '=', subject.id),
            ),
          ]),
        ]),
      )
    })
  }

  /** Every live memo of the workspace (the REFI-QDA export's notes). */
  async ofWorkspace(workspaceId: string): Promise<Memo[]> {
    return this.list((q) => q.where('m.workspace_id', '=', workspaceId))
  }

  private async list(
    scope: (q: ReturnType<Memos['base']>) => ReturnType<Memos['base']>,
    includeArchived = false,
  ): Promise<Memo[]> {
    let query = scope(this.base())
    if (!includeArchived) query = query.where('p.archived_at', 'is', null)
    const rows = await query.orderBy('p.created_at').execute()
    return rows.map((r) => ({
      pageId: r.page_id,
      title: r.title,
      subjectKind: r.subject_kind as MemoSubjectKind,
      subjectId: r.subject_id,
      subjectLabel:
        r.subject_kind === 'code'
          ? r.code_label
          : r.subject_kind === 'page'
            ? r.subject_title
            : r.coding_text === null
              ? null
              : excerpt(r.coding_text),
      subjectPageId: r.subject_kind === 'page' ? r.subject_id : r.coding_page_id,
      createdBy: { id: r.created_by, name: r.author_name },
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
    }))
  }

  private base() {
    return this.db
      .selectFrom('memo as m')
      .innerJoin('page as p', 'p.id', 'm.page_id')
      .innerJoin('user as u', 'u.id', 'p.created_by')
      .leftJoin('code as c', (j) => j.onRef('c.id', '=', 'm.subject_id').on('m.subject_kind', '=', 'code'))
      .leftJoin('page as sp', (j) => j.onRef('sp.id', '=', 'm.subject_id').on('m.subject_kind', '=', 'page'))
      .leftJoin('passage_coding as pc', (j) =>
        j.onRef('pc.id', '=', 'm.subject_id').on('m.subject_kind', '=', 'coding'),
      )
      .select([
        'm.page_id',
        'm.subject_kind',
        'm.subject_id',
        'p.title',
        'p.created_by',
        'p.created_at',
        'p.updated_at',
        'u.name as author_name',
        'c.label as code_label',
        'sp.title as subject_title',
        'pc.quote as coding_text',
        'pc.page_id as coding_page_id',
      ])
  }
}
