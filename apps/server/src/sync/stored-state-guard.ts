/**
 * The invariant behind "durable before visible": a room's live document holds exactly what is
 * stored. Two checks:
 * - always: any transaction that changes the live doc outside `applyingStored` (a reader that
 *   writes, a converter that deletes what it cannot build) is reported the moment it happens;
 * - when mirrored (SYNC_INVARIANT_GUARD, on in the test suites): a second document receives every
 *   stored row, and the live doc's state (state vector and delete set) is compared with it.
 */
import * as Y from 'yjs'
import type { StoredDoc } from '../store/doc-store.ts'
import { applyStoredDoc } from './doc-state.ts'

export class StoredStateGuard {
  private applying = 0
  private readonly mirror: Y.Doc | null
  private destroyed = false

  constructor(
    private readonly live: Y.Doc,
    mirrored: boolean,
    private readonly report: (detail: string) => void,
  ) {
    this.mirror = mirrored ? new Y.Doc() : null
    live.on('afterTransaction', this.watch)
  }

  get mirrored(): boolean {
    return this.mirror !== null
  }

  /** What storage held when the room loaded. */
  loaded(stored: StoredDoc): void {
    if (this.mirror) applyStoredDoc(this.mirror, stored)
  }

  /** An update was just stored. */
  stored(update: Uint8Array): void {
    if (this.mirror) Y.applyUpdate(this.mirror, update)
  }

  /** Runs `apply`, which applies stored content to the live doc: its transactions are expected. */
  applyingStored<T>(apply: () => T): T {
    this.applying += 1
    try {
      return apply()
    } finally {
      this.applying -= 1
    }
  }

  /** Compares the live doc with the mirror of storage (mirrored mode only). */
  check(when: string): void {
    if (!this.mirror || this.destroyed) return
    if (!Y.equalSnapshots(Y.snapshot(this.live), Y.snapshot(this.mirror)))
      this.report(`the live document differs from what is stored, ${when}`)
  }

  destroy(): void {
    this.destroyed = true
    this.live.off('afterTransaction', this.watch)
    this.mirror?.destroy()
  }

  private readonly watch = (transaction: Y.Transaction): void => {
    if (this.applying > 0 || !changesDocument(transaction)) return
    this.report(`a change was applied without being stored (origin: ${describe(transaction.origin)})`)
  }
}

function changesDocument(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true
  }
  return false
}

function describe(origin: unknown): string {
  if (origin === null || origin === undefined) return 'none'
  if (typeof origin === 'symbol') return origin.description ?? 'a symbol'
  if (typeof origin === 'object') return origin.constructor?.name ?? 'an object'
  return String(origin)
}
