/** Users, their login sessions and their personal API tokens. */
import type { User } from '@tisserand/api-types'
import type { Kysely } from 'kysely'
import { hashSecret, newId, newSecret } from '../store/ids.ts'
import type { Database, UserTable } from '../store/schema.ts'
import { hashPassword } from './passwords.ts'

export type { User } from '@tisserand/api-types'

/** The author of pages the server writes itself (the seed study), created by migration 0004. */
export const SYSTEM_USER_ID = 'system'

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000

export function toUser(row: Pick<UserTable, 'id' | 'email' | 'name' | 'created_at'>): User {
  return { id: row.id, email: row.email, name: row.name, createdAt: Number(row.created_at) }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export class Accounts {
  constructor(private readonly db: Kysely<Database>) {}

  /** People with an account; the seed pages' author (SYSTEM_USER_ID) is not one. */
  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '!=', SYSTEM_USER_ID)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  async createUser(input: { email: string; name: string; password: string }): Promise<User> {
    const row = {
      id: newId(),
      email: normaliseEmail(input.email),
      name: input.name.trim(),
      password_hash: await hashPassword(input.password),
      created_at: Date.now(),
    }
    await this.db.insertInto('user').values(row).execute()
    return toUser(row)
  }

  /**
   * An account nobody signs in with (no usable password, an address that cannot exist): the
   * author of codings brought in from another tool, until an owner links it to a real member.
   */
  async createPseudonym(name: string): Promise<User> {
    const id = newId()
    const row = {
      id,
      email: `imported-${id.toLowerCase()}@tisserand.invalid`,
      name: name.trim().slice(0, 200) || 'Codeur importé',
      password_hash: '!',
      created_at: Date.now(),
    }
    await this.db.insertInto('user').values(row).execute()
    return toUser(row)
  }

  findByEmail(email: string) {
    return this.db
      .selectFrom('user')
      .selectAll()
      .where('email', '=', normaliseEmail(email))
      .executeTakeFirst()
  }

  async getUser(id: string): Promise<User | null> {
    const row = await this.db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toUser(row) : null
  }

  async passwordHash(userId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('user')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirst()
    return row?.password_hash ?? null
  }

  async setPassword(userId: string, password: string): Promise<void> {
    const hash = await hashPassword(password)
    await this.db.updateTable('user').set({ password_hash: hash }).where('id', '=', userId).execute()
  }

  /** Creates a session; returns the cookie value (only its hash is stored). */
  async createSession(userId: string): Promise<{ secret: string; idHash: string; expiresAt: number }> {
    const secret = newSecret()
    const idHash = hashSecret(secret)
    const now = Date.now()
    const expiresAt = now + SESSION_TTL_MS
    await this.db
      .insertInto('session')
      .values({ id_hash: idHash, user_id: userId, created_at: now, expires_at: expiresAt })
      .execute()
    return { secret, idHash, expiresAt }
  }

  async resolveSession(secret: string): Promise<{ user: User; idHash: string } | null> {
    const idHash = hashSecret(secret)
    const row = await this.db
      .selectFrom('session')
      .innerJoin('user', 'user.id', 'session.user_id')
      .select(['user.id', 'user.email', 'user.name', 'user.created_at', 'session.expires_at'])
      .where('session.id_hash', '=', idHash)
      .executeTakeFirst()
    if (!row || Number(row.expires_at) <= Date.now()) return null
    return { user: toUser(row), idHash }
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('session').where('id_hash', '=', idHash).execute()
  }

  /** Ends every session of a user but `keep` (after a password change). Returns the ended hashes. */
  async deleteOtherSessions(userId: string, keep: string | null): Promise<string[]> {
    let query = this.db.deleteFrom('session').where('user_id', '=', userId)
    if (keep) query = query.where('id_hash', '!=', keep)
    const rows = await query.returning('id_hash').execute()
    return rows.map((row) => row.id_hash)
  }

  async createToken(userId: string, name: string) {
    const token = newSecret('tis_')
    const row = {
      id: newId(),
      user_id: userId,
      name: name.trim(),
      token_hash: hashSecret(token),
      created_at: Date.now(),
      last_used_at: null,
    }
    await this.db.insertInto('api_token').values(row).execute()
    return { id: row.id, name: row.name, createdAt: row.created_at, token }
  }

  async listTokens(userId: string) {
    const rows = await this.db
      .selectFrom('api_token')
      .select(['id', 'name', 'created_at', 'last_used_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: Number(r.created_at),
      lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
    }))
  }

  /** Deletes one of the user's tokens; false if it is not theirs or does not exist. */
  async revokeToken(userId: string, tokenId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('api_token')
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  async resolveToken(token: string): Promise<{ user: User; tokenId: string } | null> {
    const row = await this.db
      .selectFrom('api_token')
      .innerJoin('user', 'user.id', 'api_token.user_id')
      .select([
        'user.id',
        'user.email',
        'user.name',
        'user.created_at',
        'api_token.id as token_id',
        'api_token.last_used_at',
      ])
      .where('api_token.token_hash', '=', hashSecret(token))
      .executeTakeFirst()
    if (!row) return null
    const now = Date.now()
    // Written at most once a minute: a script calling the API in a loop must not write each time.
    if (row.last_used_at === null || now - Number(row.last_used_at) > 60_000) {
      // Bookkeeping only: a full disk must not lock scripts out of reading.
      await this.db
        .updateTable('api_token')
        .set({ last_used_at: now })
        .where('id', '=', row.token_id)
        .execute()
        .catch(() => {})
    }
    return { user: toUser(row), tokenId: row.token_id }
  }
}
