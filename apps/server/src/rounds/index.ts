/** The coding rounds feature: blind double coding, inter-coder agreement, adjudication. */
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import { Adjudication } from './adjudication.ts'
import { Rounds } from './rounds.ts'

export type { Adjudication } from './adjudication.ts'
export type { Rounds } from './rounds.ts'
export { ROUND_ROUTES, type RoundRouteDeps, roundHandlers } from './routes.ts'

export function createRounds(db: Kysely<Database>, bodies: PageDocs) {
  const rounds = new Rounds(db)
  return { rounds, adjudication: new Adjudication(db, bodies, rounds) }
}
