/**
 * Who sees which codings. Codings made in an open blind coding round are seen by their author
 * only, on every route and event: the rounds feature says which rounds those are (server.ts hands
 * its answers to the typology, which knows no round). Views and exports also leave out codings
 * that a round's agreed coding has replaced (`superseded`).
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely'
import type { Page } from '../pages/index.ts'

/** The person reading, and the rounds whose coders' codings they may not see unless their own. */
export interface Viewer {
  userId: string
  hiddenRounds: readonly string[]
}

/** What the typology asks the rounds feature. */
export interface RoundRules {
  /** Rounds of the workspace that are open and blind. */
  hiddenRounds(workspaceId: string): Promise<string[]>
  /**
   * The open round a coding by `userId` of `codeId` on `page` belongs to, or null (outside any
   * round). Throws when the coder may not apply that code in the round.
   */
  roundOf(page: Page, userId: string, codeId: string): Promise<string | null>
}

/** No rounds at all: for tools and tests that build a typology alone. */
export const NO_ROUNDS: RoundRules = {
  hiddenRounds: async () => [],
  roundOf: async () => null,
}

/** SQL: the row of `table` (passage_coding or round_case_code) is visible to the viewer. */
export function visibleTo(viewer: Viewer, table: 'passage_coding' | 'round_case_code'): RawBuilder<SqlBool> {
  if (viewer.hiddenRounds.length === 0) return sql<SqlBool>`1 = 1`
  const round = sql.ref(`${table}.round_id`)
  const author = sql.ref(`${table}.created_by`)
  return sql<SqlBool>`(${round} IS NULL OR ${round} NOT IN (${sql.join([...viewer.hiddenRounds])}) OR ${author} = ${viewer.userId})`
}
