/**
 * End-to-end delivery and latency, measured without decoding anything: a sender records the clock
 * its Yjs client (or awareness state) reached with each keystroke and when; a receiver that sees
 * that client's clock reach the recorded value has received the keystroke. Sender and receivers
 * live in the load generator's process, so they share one monotonic clock. A receiver that gets a
 * newer presence state in place of several older ones (a server that coalesces) counts the older
 * ones as delivered when the newer one arrives.
 */
import { LatencyRecorder } from './metrics.ts'

export class Stream {
  readonly clocks: number[] = []
  readonly times: number[] = []
  constructor(readonly clientId: number) {}
}

/** Where one receiver is in one stream. */
export interface StreamCursor {
  stream: Stream
  next: number
}

export class DeliveryTracker {
  windowStart = Number.POSITIVE_INFINITY
  windowEnd = Number.POSITIVE_INFINITY
  latency = new LatencyRecorder()
  /** Sends inside the window, times the receivers expected for each. */
  expected = 0
  /** Deliveries of sends made inside the window. */
  delivered = 0
  /** Sends inside the window. */
  sent = 0

  openWindow(now: number): void {
    this.windowStart = now
    this.windowEnd = Number.POSITIVE_INFINITY
    this.latency = new LatencyRecorder()
    this.expected = 0
    this.delivered = 0
    this.sent = 0
  }

  closeWindow(now: number): void {
    this.windowEnd = now
  }

  inWindow(time: number): boolean {
    return time >= this.windowStart && time < this.windowEnd
  }

  send(stream: Stream, clock: number, now: number, receivers: number): void {
    stream.clocks.push(clock)
    stream.times.push(now)
    if (this.inWindow(now)) {
      this.sent += 1
      this.expected += receivers
    }
  }

  /** A receiver now holds `clock` of the cursor's stream. */
  observe(cursor: StreamCursor, clock: number, now: number): void {
    const { clocks, times } = cursor.stream
    let next = cursor.next
    while (next < clocks.length && (clocks[next] as number) <= clock) {
      const sentAt = times[next] as number
      if (this.inWindow(sentAt)) {
        this.delivered += 1
        this.latency.record(now - sentAt)
      }
      next += 1
    }
    cursor.next = next
  }
}

export function cursorAtEnd(stream: Stream): StreamCursor {
  return { stream, next: stream.clocks.length }
}
