// Preloaded into every server process under test (`node --import probe.mjs ...`): reports the
// event-loop delay over the IPC channel when the harness asks, without touching the server's code.
import { monitorEventLoopDelay } from 'node:perf_hooks'

// The histogram records whole timer intervals; subtract the interval to get the delay.
const RESOLUTION_MS = 2

if (typeof process.send === 'function') {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  process.on('message', (message) => {
    if (message?.type !== 'bench:eld') return
    const ms = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS)
    process.send?.({
      type: 'bench:eld',
      id: message.id,
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      mean: ms(histogram.mean),
    })
    if (message.reset) histogram.reset()
  })
  process.channel?.unref()
}
