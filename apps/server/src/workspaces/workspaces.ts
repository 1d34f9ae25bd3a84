/** Workspaces, their members and roles, and invitation links. */
import type { Invite, Member } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import { hashSecret, newId, newSecret } from '../store/ids.ts'
import type { Database, Role } from '../store/schema.ts'

export const DEFAULT_WORKSPACE_NAME = 'Étude IRG — innovations solidaires'

export type { Invite, Member } from '@tisserand/api-types'

export class Workspaces {
  constructor(private readonly db: Kysely<Database>) {}

  /** The study's workspace exists from the first start, before anyone has signed up. */
  async ensureDefault(): Promise<string> {
    const existing = await this.db
      .selectFrom('workspace')
      .select('id')
      .orderBy('created_at')
      .executeTakeFirst()
    if (existing) return existing.id
    return this.create(DEFAULT_WORKSPACE_NAME)
  }

  async create(name: string, ownerId?: string): Promise<string> {
    const id = newId()
    const now = Date.now()
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('workspace').values({ id, name: name.trim(), created_at: now }).execute()
      if (ownerId)
        await tx
          .insertInto('member')
          .values({ workspace_id: id, user_id: ownerId, role: 'owner', created_at: now })
          .execute()
    })
    return id
  }

  get(id: string) {
    return this.db.selectFrom('workspace').selectAll().where('id', '=', id).executeTakeFirst()
  }

  async rename(id: string, name: string): Promise<void> {
    await this.db.updateTable('workspace').set({ name: name.trim() }).where('id', '=', id).execute()
  }

  async listForUser(userId: string) {
    return this.db
      .selectFrom('member')
      .innerJoin('workspace', 'workspace.id', 'member.workspace_id')
      .select(['workspace.id', 'workspace.name', 'member.role'])
      .where('member.user_id', '=', userId)
      .orderBy('workspace.created_at')
      .execute()
  }

  async roleOf(workspaceId: string, userId: string): Promise<Role | null> {
    const row = await this.db
      .selectFrom('member')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return row?.role ?? null
  }

  /** Workspaces with no owner at all (a fresh install): the first account takes them. */
  async adoptOrphans(userId: string): Promise<void> {
    const orphans = await this.db
      .selectFrom('workspace')
      .select('id')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('member')
              .select('user_id')
              .whereRef('member.workspace_id', '=', 'workspace.id')
              .where('member.role', '=', 'owner'),
          ),
        ),
      )
      .execute()
    for (const { id } of orphans) await this.setRole(id, userId, 'owner')
  }

  async listMembers(workspaceId: string): Promise<Member[]> {
    const rows = await this.db
      .selectFrom('member')
      .innerJoin('user', 'user.id', 'member.user_id')
      .select(['user.id', 'user.name', 'user.email', 'member.role', 'member.created_at'])
      .where('member.workspace_id', '=', workspaceId)
      .orderBy('member.created_at')
      .execute()
    return rows.map((r) => ({
      userId: r.id,
      name: r.name,
      email: r.email,
      role: r.role,
      joinedAt: Number(r.created_at),
    }))
  }

  async countOwners(workspaceId: string): Promise<number> {
    const row = await this.db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'owner')
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /** Adds the user with `role`, or changes their role if they are already a member. */
  async setRole(workspaceId: string, userId: string, role: Role): Promise<void> {
    await this.db
      .insertInto('member')
      .values({ workspace_id: workspaceId, user_id: userId, role, created_at: Date.now() })
      .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ role }))
      .execute()
  }

  async removeMember(workspaceId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('member')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  async createInvite(
    workspaceId: string,
    role: Role,
    createdBy: string,
    ttlMs: number,
  ): Promise<Invite & { token: string }> {
    const token = newSecret('inv_')
    const now = Date.now()
    const row = {
      id: newId(),
      workspace_id: workspaceId,
      token_hash: hashSecret(token),
      role,
      created_by: createdBy,
      created_at: now,
      expires_at: now + ttlMs,
      revoked_at: null,
      uses: 0,
    }
    await this.db.insertInto('invite').values(row).execute()
    return { id: row.id, role, createdAt: now, expiresAt: row.expires_at, uses: 0, token }
  }

  async listInvites(workspaceId: string): Promise<Invite[]> {
    const rows = await this.db
      .selectFrom('invite')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', Date.now())
      .orderBy('created_at', 'desc')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      createdAt: Number(r.created_at),
      expiresAt: Number(r.expires_at),
      uses: r.uses,
    }))
  }

  async revokeInvite(workspaceId: string, inviteId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('invite')
      .set({ revoked_at: Date.now() })
      .where('id', '=', inviteId)
      .where('workspace_id', '=', workspaceId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** A valid (unexpired, unrevoked) invite by its secret, with its workspace's name. */
  async findInvite(token: string) {
    const row = await this.db
      .selectFrom('invite')
      .innerJoin('workspace', 'workspace.id', 'invite.workspace_id')
      .select([
        'invite.id',
        'invite.workspace_id',
        'invite.role',
        'invite.expires_at',
        'invite.revoked_at',
        'workspace.name as workspace_name',
      ])
      .where('invite.token_hash', '=', hashSecret(token))
      .executeTakeFirst()
    if (!row || row.revoked_at !== null || Number(row.expires_at) <= Date.now()) return null
    return row
  }

  /** Joins the invite's workspace; an existing member keeps the higher of the two roles. */
  async acceptInvite(
    invite: { id: string; workspace_id: string; role: Role },
    userId: string,
  ): Promise<Role> {
    const current = await this.roleOf(invite.workspace_id, userId)
    const order: Role[] = ['viewer', 'commenter', 'editor', 'owner']
    const role = current && order.indexOf(current) >= order.indexOf(invite.role) ? current : invite.role
    await this.setRole(invite.workspace_id, userId, role)
    await this.db
      .updateTable('invite')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('id', '=', invite.id)
      .execute()
    return role
  }
}
