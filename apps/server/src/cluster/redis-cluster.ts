/**
 * One instance's link to the others through Redis (REDIS_URL): two connections (one publishes and
 * runs commands, one subscribes), a key prefix, an instance id, heartbeats, and a small event bus
 * for what must reach every instance (access changes, workspace events).
 *
 * Redis is never the record: PostgreSQL is. Anything sent here that is lost (Redis restarted, a
 * connection cut) is recovered from PostgreSQL (page bodies, see fanout-redis.ts) or is
 * short-lived by nature (presence, a workspace event a reloading client re-reads anyway).
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from '../ops/logger.ts'

/** How often an instance says it is alive, and after how long without a word it is taken for dead. */
export const HEARTBEAT_MS = 3_000
export const DEAD_AFTER_MS = 12_000

type Control =
  | { t: 'hb'; i: string }
  | { t: 'bye'; i: string }
  | { t: 'ev'; i: string; topic: string; data: unknown }

export interface ClusterStatus {
  instance: string
  redis: 'up' | 'down'
  /** Other instances heard from recently. */
  peers: number
}

export class RedisCluster {
  readonly instance = randomUUID()
  readonly pub: Redis
  readonly sub: Redis
  private readonly controlChannel: string
  private readonly topics = new Map<string, Set<(data: unknown) => void>>()
  private readonly channelHandlers = new Map<string, (message: Buffer) => void>()
  private readonly peers = new Map<string, number>()
  private readonly deadListeners = new Set<(instance: string) => void>()
  private readonly reconnectListeners = new Set<() => void>()
  private readonly timers: NodeJS.Timeout[] = []
  private everReady = false
  private up = false

  constructor(
    url: string,
    readonly prefix: string,
    private readonly logger: Logger,
  ) {
    const options = {
      // Commands fail at once while Redis is away instead of piling up: PostgreSQL repairs later.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times: number) => Math.min(50 * times, 300),
      lazyConnect: true,
    }
    this.pub = new Redis(url, options)
    // The subscriber keeps its subscriptions across reconnects (ioredis resubscribes), and a
    // subscription asked for while Redis is away waits for it (never given up).
    this.sub = new Redis(url, {
      ...options,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      autoResubscribe: true,
    })
    this.controlChannel = `${prefix}:ctl`
    for (const conn of [this.pub, this.sub]) conn.on('error', () => {})
    this.sub.on('ready', () => {
      this.up = true
      if (this.everReady) logger.warn('redis is back: catching up from the database')
      this.everReady = true
      // Also the first time: pages loaded while Redis was unreachable at start catch up.
      for (const listener of this.reconnectListeners) listener()
    })
    this.sub.on('close', () => {
      if (this.up) logger.warn('redis connection lost: local clients are served, others catch up later')
      this.up = false
    })
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      this.channelHandlers.get(channel.toString())?.(message)
    })
    this.channelHandlers.set(this.controlChannel, (message) => this.onControl(message))
  }

  /** Connects; an instance starting while Redis is away still starts (and keeps trying). */
  async start(): Promise<void> {
    const connected = await Promise.allSettled([this.pub.connect(), this.sub.connect()])
    if (connected.some((c) => c.status === 'rejected'))
      this.logger.warn('redis unreachable at start: serving local clients, connecting in the background')
    // Queued until the subscriber is connected when Redis is away.
    this.sub.subscribe(this.controlChannel).catch((error: unknown) => {
      this.logger.error({ err: error }, 'could not subscribe to the control channel')
    })
    this.send({ t: 'hb', i: this.instance })
    this.timers.push(
      setInterval(() => this.send({ t: 'hb', i: this.instance }), HEARTBEAT_MS),
      setInterval(() => this.sweepPeers(), 1000),
    )
    for (const timer of this.timers) timer.unref()
  }

  get status(): ClusterStatus {
    return {
      instance: this.instance,
      redis: this.up && this.pub.status === 'ready' ? 'up' : 'down',
      peers: this.peers.size,
    }
  }

  /** Publishes raw bytes on a channel of this cluster; false when Redis is away (nothing queued). */
  publish(channel: string, message: Buffer): boolean {
    if (this.pub.status !== 'ready') return false
    this.pub.publish(channel, message).catch(() => {})
    return true
  }

  /** Receives the raw messages of a channel (one handler per channel). */
  async listen(channel: string, handler: (message: Buffer) => void): Promise<void> {
    this.channelHandlers.set(channel, handler)
    await this.sub.subscribe(channel)
  }

  unlisten(channel: string): void {
    this.channelHandlers.delete(channel)
    this.sub.unsubscribe(channel).catch(() => {})
  }

  /** Sends a JSON event to the other instances (not to this one). */
  emit(topic: string, data: unknown): void {
    this.send({ t: 'ev', i: this.instance, topic, data })
  }

  /** Events of `topic` sent by the other instances. */
  on(topic: string, listener: (data: unknown) => void): void {
    const set = this.topics.get(topic) ?? new Set()
    this.topics.set(topic, set)
    set.add(listener)
  }

  onPeerDead(listener: (instance: string) => void): void {
    this.deadListeners.add(listener)
  }

  /** Told when the subscription came back after Redis was away (messages were missed). */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.add(listener)
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer)
    if (this.pub.status === 'ready')
      await this.pub
        .publish(this.controlChannel, JSON.stringify({ t: 'bye', i: this.instance }))
        .catch(() => {})
    this.pub.disconnect()
    this.sub.disconnect()
  }

  private send(control: Control): void {
    this.publish(this.controlChannel, Buffer.from(JSON.stringify(control)))
  }

  private onControl(message: Buffer): void {
    let control: Control
    try {
      control = JSON.parse(message.toString()) as Control
    } catch {
      return
    }
    if (control.i === this.instance) return
    if (control.t === 'bye') {
      this.peers.delete(control.i)
      this.peerDead(control.i)
      return
    }
    this.peers.set(control.i, Date.now())
    if (control.t !== 'ev') return
    for (const listener of this.topics.get(control.topic) ?? []) {
      try {
        listener(control.data)
      } catch (error) {
        this.logger.error({ err: error, topic: control.topic }, 'cluster event handler failed')
      }
    }
  }

  private sweepPeers(): void {
    // While Redis is away everyone is silent: nobody is declared dead for that.
    if (!this.up) {
      for (const id of this.peers.keys()) this.peers.set(id, Date.now())
      return
    }
    const limit = Date.now() - DEAD_AFTER_MS
    for (const [id, seen] of this.peers) {
      if (seen >= limit) continue
      this.peers.delete(id)
      this.logger.warn({ instance: id }, 'instance silent: taken for stopped')
      this.peerDead(id)
    }
  }

  private peerDead(id: string): void {
    for (const listener of this.deadListeners) listener(id)
  }
}
