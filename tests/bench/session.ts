/**
 * A traffic session: N documents with M editor-like clients each, some typing (one doc update and
 * one awareness update per keystroke), some moving their cursor (awareness only), the rest idle.
 * It measures windows of that traffic: delivery, latency, and the server's CPU, memory and
 * event-loop delay read from outside.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import type { Access } from './access.ts'
import { type BenchClient, connectClient, wire } from './clients.ts'
import { cursorAtEnd, DeliveryTracker, Stream, type StreamCursor } from './delivery.ts'
import {
  ForeignLoad,
  type LatencySummary,
  processCpuMs,
  processMemory,
  processWriteBytes,
  waitForQuiet,
} from './metrics.ts'
import { createRng, type Rng } from './prng.ts'
import type { EventLoopDelay, ServerProcess } from './process.ts'
import { markWindow, monotonicUs } from './profile.ts'
import type { SystemDef } from './systems.ts'
import { PROSE_MIX, type TypingMix, Typist } from './typing.ts'

export interface TrafficSpec {
  docs: number
  clientsPerDoc: number
  typistsPerDoc: number
  /** Keystrokes per second per typist. */
  typingRate: number
  moversPerDoc: number
  /** Cursor moves per second per mover. */
  moveRate: number
  /** Keystrokes typed into each document before anything is measured. */
  prefill: number
  mix?: TypingMix
  docPrefix: string
  seed: number
  /**
   * Keep every update made locally by any client, from the first one on (prefill included), so
   * that the stream replays on empty docs in the `Y.applyUpdate` floor.
   */
  capture?: boolean
}

export interface WindowResult {
  seconds: number
  /** Keystrokes (or cursor moves) per second the schedule asked for. */
  offeredPerSec: number
  /** Timed sends per second actually made (inserting keystrokes, cursor moves). */
  sentPerSec: number
  deliveredPerSec: number
  /** Share of expected deliveries that arrived (1 = all). */
  deliveryRatio: number
  latency: LatencySummary
  /**
   * Typists' presence (the cursor they share with each keystroke), sender to each other client,
   * timed by the awareness clock; null when nobody types (S3 times presence as its main stream).
   */
  presenceLatency: LatencySummary | null
  serverCpuPct: number
  serverCpuUsPerDelivered: number
  rssBytes: number
  peakRssBytes: number
  eventLoopDelay: EventLoopDelay | null
  wireBytesPerDelivered: number
  writeBytes: number
  loadgenCpuPct: number
  loadgenEldP99: number
  /** CPU other processes on the machine used during the window, in % of one core. */
  foreignCpuPct: number
}

interface Actor {
  kind: 'typist' | 'mover'
  client: BenchClient
  model: Typist
  stream: Stream
  /** A typist's awareness clock with each keystroke (movers time presence in `stream`). */
  presence: Stream
  receivers: number
  nextAt: number
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export class TrafficSession {
  readonly tracker = new DeliveryTracker()
  /** Typists' presence, beside their keystrokes. */
  readonly presenceTracker = new DeliveryTracker()
  readonly clients: BenchClient[] = []
  private readonly actors: Actor[] = []
  /** Every typist's stream with the receivers' cursors in it (S5 reads what was accepted). */
  readonly docStreams: { doc: number; stream: Stream; cursors: StreamCursor[] }[] = []
  private readonly rng: Rng
  private timer: NodeJS.Timeout | null = null
  private typingInterval: number
  private readonly moveInterval: number
  private offered = 0
  /** Local updates of every client, by document index, when the spec asks for them. */
  readonly captured: { doc: number; update: Uint8Array }[] = []

  private docNames: string[] = []

  private constructor(
    readonly system: SystemDef,
    readonly server: ServerProcess,
    readonly spec: TrafficSpec,
    readonly access: Access,
  ) {
    this.rng = createRng(spec.seed)
    this.typingInterval = 1000 / spec.typingRate
    this.moveInterval = 1000 / spec.moveRate
  }

  static async open(
    system: SystemDef,
    server: ServerProcess,
    spec: TrafficSpec,
    access: Access,
  ): Promise<TrafficSession> {
    const session = new TrafficSession(system, server, spec, access)
    session.docNames = await access.createDocs(spec.docPrefix, spec.docs)
    await session.connect()
    return session
  }

  docName(index: number): string {
    return this.docNames[index] as string
  }

  private async connect(): Promise<void> {
    const { spec } = this
    const perDoc: BenchClient[][] = []
    const batch = 40
    const all: { doc: number; client: BenchClient }[] = []
    for (let d = 0; d < spec.docs; d++) {
      perDoc.push([])
      for (let c = 0; c < spec.clientsPerDoc; c++)
        all.push({ doc: d, client: null as unknown as BenchClient })
    }
    for (let i = 0; i < all.length; i += batch) {
      const slice = all.slice(i, i + batch)
      for (const entry of slice)
        entry.client = connectClient(this.system, this.server, this.docName(entry.doc), this.access.auth)
      await withTimeout(
        Promise.all(slice.map((entry) => entry.client.ready)),
        30000,
        `${this.system.id}: clients did not sync`,
      )
      for (const entry of slice) {
        perDoc[entry.doc]?.push(entry.client)
        this.clients.push(entry.client)
        if (spec.capture) {
          const docIndex = entry.doc
          entry.client.doc.on('update', (update: Uint8Array, origin: unknown) => {
            if (origin === null) this.captured.push({ doc: docIndex, update })
          })
        }
      }
    }
    for (let d = 0; d < spec.docs; d++) {
      const clients = perDoc[d] as BenchClient[]
      clients.forEach((client, i) => {
        client.awareness.setLocalStateField('user', { name: `user ${d}.${i}`, color: '#30bced' })
      })
      if (spec.prefill > 0) {
        const first = clients[0] as BenchClient
        const model = new Typist(first.doc, createRng(spec.seed + d), spec.mix ?? PROSE_MIX)
        for (let k = 0; k < spec.prefill; k++) model.keystroke()
      }
    }
    await this.settle()
    for (let d = 0; d < spec.docs; d++) {
      const clients = perDoc[d] as BenchClient[]
      const actors: Actor[] = []
      clients.forEach((client, i) => {
        const kind =
          i < spec.typistsPerDoc ? 'typist' : i < spec.typistsPerDoc + spec.moversPerDoc ? 'mover' : null
        if (!kind) return
        const model = new Typist(client.doc, createRng(spec.seed * 7919 + d * 131 + i), spec.mix ?? PROSE_MIX)
        actors.push({
          kind,
          client,
          model,
          stream: new Stream(client.doc.clientID),
          presence: new Stream(client.awareness.clientID),
          receivers: clients.length - 1,
          nextAt: 0,
        })
      })
      for (const actor of actors) {
        if (actor.kind === 'typist') this.docStreams.push({ doc: d, stream: actor.stream, cursors: [] })
      }
      for (const receiver of clients)
        this.watch(
          receiver,
          actors.filter((a) => a.client !== receiver),
        )
      this.actors.push(...actors)
    }
  }

  /** Lets the prefill reach every client. */
  private async settle(): Promise<void> {
    await sleep(300)
  }

  private watch(receiver: BenchClient, senders: Actor[]): void {
    const docCursors: StreamCursor[] = []
    /** Presence streams by awareness client id, each with the tracker that times it. */
    const awarenessCursors = new Map<number, { cursor: StreamCursor; tracker: DeliveryTracker }>()
    for (const sender of senders) {
      const cursor = cursorAtEnd(sender.stream)
      if (sender.kind === 'typist') {
        docCursors.push(cursor)
        this.docStreams.find((entry) => entry.stream === sender.stream)?.cursors.push(cursor)
        awarenessCursors.set(sender.presence.clientId, {
          cursor: cursorAtEnd(sender.presence),
          tracker: this.presenceTracker,
        })
      } else awarenessCursors.set(sender.stream.clientId, { cursor, tracker: this.tracker })
    }
    if (docCursors.length > 0) {
      const store = receiver.doc.store
      receiver.doc.on('update', () => {
        const now = performance.now()
        for (const cursor of docCursors)
          this.tracker.observe(cursor, Y.getState(store, cursor.stream.clientId), now)
      })
    }
    if (awarenessCursors.size > 0) {
      const awareness = receiver.awareness
      awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
        const now = performance.now()
        for (const list of [added, updated]) {
          for (const id of list) {
            const watched = awarenessCursors.get(id)
            const clock = watched && awareness.meta.get(id)?.clock
            if (watched && clock !== undefined) watched.tracker.observe(watched.cursor, clock, now)
          }
        }
      })
    }
  }

  setTypingRate(rate: number): void {
    this.typingInterval = 1000 / rate
  }

  start(): void {
    if (this.timer) return
    const now = performance.now()
    for (const actor of this.actors) {
      const interval = actor.kind === 'typist' ? this.typingInterval : this.moveInterval
      actor.nextAt = now + this.rng() * interval
    }
    const tick = (): void => {
      const start = performance.now()
      for (const actor of this.actors) {
        if (actor.nextAt > start) continue
        if (start - actor.nextAt > 1000) actor.nextAt = start
        this.act(actor)
        const interval = actor.kind === 'typist' ? this.typingInterval : this.moveInterval
        actor.nextAt += interval * (0.5 + this.rng())
      }
      this.timer = setTimeout(tick, 1)
    }
    this.timer = setTimeout(tick, 1)
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private act(actor: Actor): void {
    const now = performance.now()
    if (this.tracker.inWindow(now)) this.offered += 1
    const { client, model, stream } = actor
    if (actor.kind === 'typist') {
      const before = Y.getState(client.doc.store, client.doc.clientID)
      model.keystroke()
      const clock = Y.getState(client.doc.store, client.doc.clientID)
      if (clock > before) this.tracker.send(stream, clock, now, actor.receivers)
      client.awareness.setLocalStateField('cursor', model.cursor())
      const presenceClock = client.awareness.meta.get(client.awareness.clientID)?.clock ?? 0
      this.presenceTracker.send(actor.presence, presenceClock, now, actor.receivers)
    } else {
      model.moveCursor()
      client.awareness.setLocalStateField('cursor', model.cursor())
      const clock = client.awareness.meta.get(client.awareness.clientID)?.clock ?? 0
      this.tracker.send(stream, clock, now, actor.receivers)
    }
  }

  /** Measures one window of the running traffic, then waits (bounded) for its deliveries. */
  async measure(ms: number, drainMs = 3000): Promise<WindowResult> {
    const { server, tracker, presenceTracker } = this
    await waitForQuiet(server.pid)
    const loadgenEld = monitorEventLoopDelay({ resolution: 2 })
    loadgenEld.enable()
    await server.eventLoopDelay(true)
    const cpu0 = processCpuMs(server.pid)
    const io0 = processWriteBytes(server.pid)
    const wire0 = wire.sent + wire.received
    const loadgen0 = process.cpuUsage()
    const foreign = new ForeignLoad(server.pid)
    const mark0 = monotonicUs()
    const t0 = performance.now()
    this.offered = 0
    tracker.openWindow(t0)
    presenceTracker.openWindow(t0)
    await sleep(ms)
    const t1 = performance.now()
    markWindow(mark0, monotonicUs())
    tracker.closeWindow(t1)
    presenceTracker.closeWindow(t1)
    const cpu1 = processCpuMs(server.pid)
    const io1 = processWriteBytes(server.pid)
    const loadgen1 = process.cpuUsage(loadgen0)
    const foreignCpuPct = foreign.percent()
    const memory = processMemory(server.pid)
    const eventLoopDelay = await server.eventLoopDelay(false)
    const offered = this.offered
    const drainUntil = performance.now() + drainMs
    const drained = () =>
      tracker.delivered >= tracker.expected && presenceTracker.delivered >= presenceTracker.expected
    while (!drained() && performance.now() < drainUntil) await sleep(20)
    const wire1 = wire.sent + wire.received
    loadgenEld.disable()
    const seconds = (t1 - t0) / 1000
    const delivered = tracker.delivered
    const cpuMs = cpu1 - cpu0
    return {
      seconds,
      offeredPerSec: offered / seconds,
      sentPerSec: tracker.sent / seconds,
      deliveredPerSec: delivered / seconds,
      deliveryRatio: tracker.expected === 0 ? 1 : delivered / tracker.expected,
      latency: tracker.latency.summary(),
      presenceLatency: presenceTracker.sent > 0 ? presenceTracker.latency.summary() : null,
      serverCpuPct: (cpuMs / (t1 - t0)) * 100,
      serverCpuUsPerDelivered: delivered === 0 ? Number.NaN : (cpuMs * 1000) / delivered,
      rssBytes: memory.rssBytes,
      peakRssBytes: memory.peakRssBytes,
      eventLoopDelay,
      wireBytesPerDelivered: delivered === 0 ? Number.NaN : (wire1 - wire0) / delivered,
      writeBytes: io1 - io0,
      loadgenCpuPct: ((loadgen1.user + loadgen1.system) / 1000 / (t1 - t0)) * 100,
      loadgenEldP99: Math.max(0, loadgenEld.percentile(99) / 1e6 - 2),
      foreignCpuPct,
    }
  }

  async close(): Promise<void> {
    this.stop()
    for (const client of this.clients) client.destroy()
    this.clients.length = 0
    await sleep(50)
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
