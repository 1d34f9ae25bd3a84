/**
 * The pseudonymous coders of an imported REFI-QDA project, and linking one to a real member: the
 * member becomes the author of every coding the pseudonym made in the workspace.
 */
import type { Kysely } from 'kysely'
import { ApiError } from '../../errors.ts'
import type { Database } from '../../store/schema.ts'

export interface ImportedCoder {
  userId: string
  name: string
  origin: string
  linkedTo: { id: string; name: string } | null
  linkedAt: number | null
  codings: number
}

export class ImportedCoders {
  constructor(private readonly db: Kysely<Database>) {}

  async record(workspaceId: string, userId: string, guid: string, origin: string): Promise<void> {
    await this.db
      .insertInto('imported_coder')
      .values({ workspace_id: workspaceId, user_id: userId, refi_guid: guid, origin })
      .execute()
  }

  async list(workspaceId: string): Promise<ImportedCoder[]> {
    const rows = await this.db
      .selectFrom('imported_coder')
      .innerJoin('user', 'user.id', 'imported_coder.user_id')
      .leftJoin('user as member', 'member.id', 'imported_coder.linked_to')
      .select([
        'imported_coder.user_id',
        'imported_coder.origin',
        'imported_coder.linked_to',
        'imported_coder.linked_at',
        'user.name',
        'member.name as member_name',
      ])
      .where('imported_coder.workspace_id', '=', workspaceId)
      .orderBy('user.name')
      .execute()
    return Promise.all(
      rows.map(async (r) => {
        const count = await this.db
          .selectFrom('passage_coding')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('workspace_id', '=', workspaceId)
          .where('created_by', '=', r.user_id)
          .executeTakeFirstOrThrow()
        return {
          userId: r.user_id,
          name: r.name,
          origin: r.origin,
          linkedTo: r.linked_to ? { id: r.linked_to, name: r.member_name ?? '' } : null,
          linkedAt: r.linked_at === null ? null : Number(r.linked_at),
          codings: Number(count.n),
        }
      }),
    )
  }

  /** The member takes over the pseudonym's codings in this workspace. */
  async link(workspaceId: string, userId: string, memberId: string): Promise<ImportedCoder> {
    const coder = await this.db
      .selectFrom('imported_coder')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (!coder) throw new ApiError(404, 'coder_not_found', 'No such imported coder in this workspace')
    if (coder.linked_to) throw new ApiError(409, 'already_linked', 'This coder is already linked to a member')
    const member = await this.db
      .selectFrom('member')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', memberId)
      .executeTakeFirst()
    if (!member)
      throw new ApiError(400, 'not_a_member', 'memberId: not a member of this workspace', 'memberId')
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('passage_coding')
        .set({ created_by: memberId })
        .where('workspace_id', '=', workspaceId)
        .where('created_by', '=', userId)
        .execute()
      await tx
        .updateTable('page_code')
        .set({ created_by: memberId })
        .where('workspace_id', '=', workspaceId)
        .where('created_by', '=', userId)
        .execute()
      await tx
        .updateTable('imported_coder')
        .set({ linked_to: memberId, linked_at: Date.now() })
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute()
    })
    return (await this.list(workspaceId)).find((c) => c.userId === userId) as ImportedCoder
  }
}
