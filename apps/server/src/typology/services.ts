/** The typology's services, built once per process in server.ts and handed to its routes. */
import type { Kysely } from 'kysely'
import type { DerivePass } from '../derive/derive-pass.ts'
import type { Database } from '../store/schema.ts'
import type { PageDocs } from '../sync/page-docs.ts'
import type { WorkspaceEvents } from '../workspaces/index.ts'
import { CaseCoding } from './case-coding.ts'
import { Codebook } from './codebook.ts'
import { passagePass } from './passage-pass.ts'
import { Passages } from './passages.ts'
import { ImportedCoders } from './refi/imported-coders.ts'
import { TypologyViews } from './views.ts'
import type { RoundRules, Viewer } from './visibility.ts'

export interface Typology {
  db: Kysely<Database>
  codebook: Codebook
  caseCoding: CaseCoding
  passages: Passages
  /** Keeps coded passages current; server.ts registers it with the wiki's page indexer. */
  passagePass: DerivePass
  /** Brings derived passages up to date for the named pages (all if none): before exact reads. */
  flushDerived(pageIds?: string[]): Promise<void>
  views: TypologyViews
  importedCoders: ImportedCoders
  bodies: PageDocs
  /** Who is reading: the rounds whose other coders' codings they may not see. */
  viewer(workspaceId: string, userId: string): Promise<Viewer>
}

/** Builds the services. `bodies` reads a page's current document (the live one when loaded). */
export function createTypology(
  db: Kysely<Database>,
  bodies: PageDocs,
  workspaceEvents: WorkspaceEvents,
  flushDerived: (pageIds?: string[]) => Promise<void>,
  rounds: RoundRules,
): Typology {
  return {
    db,
    codebook: new Codebook(db),
    caseCoding: new CaseCoding(db, rounds),
    passages: new Passages(db, bodies, rounds),
    passagePass: passagePass(db, (workspaceId, pageId) =>
      workspaceEvents.publish(workspaceId, { type: 'coding.derived', pageId }),
    ),
    flushDerived,
    views: new TypologyViews(db, flushDerived),
    importedCoders: new ImportedCoders(db),
    bodies,
    viewer: async (workspaceId, userId) => ({ userId, hiddenRounds: await rounds.hiddenRounds(workspaceId) }),
  }
}
