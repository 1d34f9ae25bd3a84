import { afterEach, describe, expect, it } from 'vitest'
import type { Logger } from './logger.ts'
import { PageScheduler } from './page-scheduler.ts'

const silent = { error: () => {}, warn: () => {}, info: () => {} } as unknown as Logger
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(2)
  expect(condition()).toBe(true)
}

/** Work that records when each page ran and how many ran at once; each run takes `ms`. */
function recorder(ms: number) {
  const runs: string[] = []
  let now = 0
  let most = 0
  const work = async (pageId: string) => {
    now += 1
    most = Math.max(most, now)
    runs.push(pageId)
    await sleep(ms)
    now -= 1
  }
  return { work, runs, most: () => most }
}

describe('PageScheduler', () => {
  let scheduler: PageScheduler | null = null
  afterEach(async () => {
    await scheduler?.close()
    scheduler = null
  })

  it('runs pages due together in turns, at most maxRunning at once, each once', async () => {
    const r = recorder(5)
    scheduler = new PageScheduler(r.work, silent, {
      quietMs: 10,
      maxWaitMs: 100,
      what: 'test',
      maxRunning: 2,
    })
    for (let i = 0; i < 20; i++) scheduler.touch(`page-${i}`)
    await until(() => r.runs.length === 20 && scheduler?.pendingCount === 0)
    await sleep(20)
    expect(r.runs.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `page-${i}`).sort())
    expect(r.most()).toBe(2)
    expect(scheduler.pendingCount).toBe(0)
  })

  /**
   * Two pages due together, one run at a time, each run taking `ms`: resolves once one runs, with
   * the other waiting for its turn. Which comes first is not promised: touched in the same
   * millisecond, the wall clock may tick between their two timers' checks.
   */
  async function oneRunsOneWaits(ms: number) {
    const r = recorder(ms)
    const s = new PageScheduler(r.work, silent, { quietMs: 5, maxWaitMs: 100, what: 'test', maxRunning: 1 })
    scheduler = s
    s.touch('a')
    s.touch('b')
    await until(() => r.runs.length === 1)
    const first = r.runs[0] as string
    return { r, s, first, waiting: first === 'a' ? 'b' : 'a' }
  }

  it('a page flushed while it waits for its turn is not run again by the turn', async () => {
    // A reader needs the waiting page now.
    const { r, s, first, waiting } = await oneRunsOneWaits(200)
    await s.flush([waiting])
    expect(r.runs).toEqual([first, waiting])
    await s.flush()
    await sleep(20)
    expect(r.runs).toEqual([first, waiting])
  })

  it('an edit while a page waits for its turn is seen by that run; one after it starts gets another', async () => {
    const { r, s, first, waiting } = await oneRunsOneWaits(100)
    // The other page is due and waits behind the first: this edit joins the run it waits for.
    s.touch(waiting)
    await until(() => r.runs.length === 2)
    // Edited while its run is under way: one run more, after it.
    s.touch(waiting)
    await until(() => r.runs.length === 3)
    await sleep(150)
    expect(r.runs).toEqual([first, waiting, waiting])
  })
})
