/**
 * Coding rounds through the real server: two coders code the same pages blind (through the API
 * and a stock y-websocket client, watched on the event stream); before the reveal neither can
 * reach the other's round codings by any route; after it both can, the kept agreement equals the
 * hand-computed values, and settling a disagreement makes the agreed coding the views use.
 */
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { unitizingAlphaBinary } from '../../apps/server/src/rounds/agreement-stats.ts'
import { guidFor } from '../../apps/server/src/typology/refi/guid.ts'
import { type Api, asOwner, memberWithRole } from '../support/api.ts'
import { connectClient, type TestClient } from '../support/clients.ts'
import { listenEvents } from '../support/events.ts'
import { startServer, type TestServer, waitFor } from '../support/server.ts'
import { bodyText, clientAnchor, writeParagraphs } from '../support/typology.ts'

let server: TestServer
let owner: Api
let workspaceId: string
let a: { api: Api; userId: string; token: string }
let b: { api: Api; userId: string; token: string }
let x: string
let y: string
let p1: string
let p2: string
let roundId: string
let ownerToken: string
const clients: TestClient[] = []

// Page 1: 100 code points; page 2: 50. Known codings (code points = UTF-16 here):
// X: A [10,30) and B [20,40) on page 1; both [0,10) on page 2 (an agreement).
// Y: B only [50,60) on page 1 (a disagreement). Case level Y: A on both pages, B on page 1 only.
const TEXT1 = '0123456789'.repeat(10)
const TEXT2 = 'abcdefghij'.repeat(5)

async function coder(label: string) {
  const m = await memberWithRole(server, owner, workspaceId, 'editor', `${label}@example.org`)
  const token = (await m.api.post('/api/tokens', { name: label })).body.token as string
  return { ...m, token }
}

const round = (path = '') => `/api/workspaces/${workspaceId}/coding-rounds/${roundId}${path}`

/** Everything a member can read about codings, by every route that shows them. */
async function everything(api: Api) {
  const get = async (path: string) => JSON.stringify((await api.get(path)).body)
  const download = async (path: string) => {
    const res = await fetch(server.url + path, { headers: { cookie: api.cookie ?? '' } })
    expect(res.status).toBe(200)
    return new Uint8Array(await res.arrayBuffer())
  }
  const qdpx = unzipSync(await download(`/api/workspaces/${workspaceId}/export/qdpx`))
  return {
    passages1: (await api.get(`/api/pages/${p1}/passages`)).body.passages as any[],
    passages2: (await api.get(`/api/pages/${p2}/passages`)).body.passages as any[],
    codes1: (await api.get(`/api/pages/${p1}/codes`)).body.codes as any[],
    codes2: (await api.get(`/api/pages/${p2}/codes`)).body.codes as any[],
    matrix: (await api.get(`/api/workspaces/${workspaceId}/matrix`)).body.cells as any[],
    usage: (await api.get(`/api/workspaces/${workspaceId}/code-usage`)).body.usage as any[],
    cooccurrence: await get(`/api/workspaces/${workspaceId}/cooccurrence`),
    codePassagesX: (await api.get(`/api/workspaces/${workspaceId}/codes/${x}/passages`)).body
      .passages as any[],
    codePassagesY: (await api.get(`/api/workspaces/${workspaceId}/codes/${y}/passages`)).body
      .passages as any[],
    codePagesY: (await api.get(`/api/workspaces/${workspaceId}/codes/${y}/pages`)).body.pages as any[],
    searchY: (await api.get(`/api/workspaces/${workspaceId}/search?code=${y}`)).body.results as any[],
    qde: strFromU8(qdpx['project.qde'] as Uint8Array),
    passagesCsv: strFromU8(await download(`/api/workspaces/${workspaceId}/export/passages.csv`)),
    matrixCsv: strFromU8(await download(`/api/workspaces/${workspaceId}/export/matrix.csv`)),
  }
}

beforeAll(async () => {
  server = await startServer()
  const o = await asOwner(server)
  owner = o.api
  workspaceId = o.workspaceId
  ownerToken = o.token
  a = await coder('alice')
  b = await coder('bruno')
  x = (await owner.post(`/api/workspaces/${workspaceId}/codebook/codes`, { label: 'Code X' })).body.codeId
  y = (await owner.post(`/api/workspaces/${workspaceId}/codebook/codes`, { label: 'Code Y' })).body.codeId
  p1 = await o.newPage('Synthèse double 1', 'synthesis')
  p2 = await o.newPage('Synthèse double 2', 'synthesis')
  for (const [pageId, text] of [
    [p1, TEXT1],
    [p2, TEXT2],
  ] as const) {
    const writer = connectClient(server.wsUrl, pageId, { token: o.token })
    clients.push(writer)
    await writer.synced
    writeParagraphs(writer.doc, [text])
    await waitFor(
      async () =>
        (await owner.post(`/api/pages/${pageId}/passages`, { codeId: x, range: { from: 0, to: 1 } }))
          .status === 201,
      10_000,
      'text on the server',
    )
    // That probe coding was made outside any round, by the owner: take it away again.
    const probe = (await owner.get(`/api/pages/${pageId}/passages`)).body.passages[0]
    await owner.delete(`/api/pages/${pageId}/passages/${probe.id}`)
  }
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.kill()
})

describe('a blind round', () => {
  test('only an owner opens one; its coders must be editors; a page is in one open round at most', async () => {
    const body = { name: 'Double codage', pageIds: [p1, p2], coderIds: [a.userId, b.userId], codeIds: [x, y] }
    expect((await a.api.post(`/api/workspaces/${workspaceId}/coding-rounds`, body)).status).toBe(403)
    const viewer = await memberWithRole(server, owner, workspaceId, 'viewer', 'vera@example.org')
    const bad = await owner.post(`/api/workspaces/${workspaceId}/coding-rounds`, {
      ...body,
      coderIds: [a.userId, viewer.userId],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('not_a_coder')
    const res = await owner.post(`/api/workspaces/${workspaceId}/coding-rounds`, body)
    expect(res.status).toBe(201)
    expect(res.body.round).toMatchObject({
      name: 'Double codage',
      status: 'open',
      blind: true,
    })
    expect([...res.body.round.codeIds].sort()).toEqual([x, y].sort())
    expect([...res.body.round.pageIds].sort()).toEqual([p1, p2].sort())
    roundId = res.body.round.id
    const again = await owner.post(`/api/workspaces/${workspaceId}/coding-rounds`, body)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('page_in_open_round')
  })

  test('before the reveal neither coder can reach the other’s round codings by any route or event', async () => {
    const streamA = await listenEvents(server.url, a.api.cookie ?? '', workspaceId)
    const streamB = await listenEvents(server.url, b.api.cookie ?? '', workspaceId)
    const streamOwner = await listenEvents(server.url, owner.cookie ?? '', workspaceId)

    // A codes through a stock y-websocket client, with an anchor made in its own document.
    const clientA = connectClient(server.wsUrl, p1, { token: a.token })
    const clientB = connectClient(server.wsUrl, p1, { token: b.token })
    clients.push(clientA, clientB)
    await Promise.all([clientA.synced, clientB.synced])
    await waitFor(() => bodyText(clientA.body) === TEXT1, 10_000, 'A has the text')
    const textA = (clientA.body.get(0) as any).toArray()[0]
    const byA = await a.api.post(`/api/pages/${p1}/passages`, {
      codeId: x,
      anchor: clientAnchor(textA, 10, 30),
      quote: TEXT1.slice(10, 30),
    })
    expect(byA.status).toBe(201)
    expect(byA.body.passages[0].roundId).toBe(roundId)
    const aCoding = byA.body.passages[0].id as string
    await a.api.post(`/api/pages/${p2}/passages`, { codeId: x, range: { from: 0, to: 10 } })
    await a.api.post(`/api/pages/${p1}/codes`, { codeId: y })
    await a.api.post(`/api/pages/${p2}/codes`, { codeId: y })

    const byB = await b.api.post(`/api/pages/${p1}/passages`, { codeId: x, range: { from: 20, to: 40 } })
    expect(byB.status).toBe(201)
    const bCoding = byB.body.passages[0].id as string
    await b.api.post(`/api/pages/${p2}/passages`, { codeId: x, range: { from: 0, to: 10 } })
    await b.api.post(`/api/pages/${p1}/passages`, { codeId: y, range: { from: 50, to: 60 } })
    await b.api.post(`/api/pages/${p1}/codes`, { codeId: y })

    // A code outside the round's scope is refused to a coder on a round page.
    const other = (
      await owner.post(`/api/workspaces/${workspaceId}/codebook/codes`, { label: 'Hors manche' })
    ).body.codeId
    const outside = await a.api.post(`/api/pages/${p1}/passages`, {
      codeId: other,
      range: { from: 0, to: 5 },
    })
    expect(outside.status).toBe(409)
    expect(outside.body.error.code).toBe('code_not_in_round')

    // Each coder sees their own codings, nobody else's.
    const seenByA = await everything(a.api)
    const seenByB = await everything(b.api)
    const seenByOwner = await everything(owner)
    expect(seenByA.passages1.map((p) => p.author.id)).toEqual([a.userId])
    expect(seenByB.passages1.map((p) => p.author.id).sort()).toEqual([b.userId, b.userId])
    expect(seenByOwner.passages1).toEqual([])
    expect(seenByA.codes2.map((c) => c.author.id)).toEqual([a.userId])
    expect(seenByB.codes2).toEqual([])
    for (const [seen, me, them] of [
      [seenByA, a, b],
      [seenByB, b, a],
    ] as const) {
      for (const list of [
        seen.passages1,
        seen.passages2,
        seen.codes1,
        seen.codes2,
        seen.codePassagesX,
        seen.codePassagesY,
      ])
        expect(list.every((p: any) => p.author.id === me.userId)).toBe(true)
      const serialised = JSON.stringify(seen)
      expect(serialised).not.toContain(them.userId === a.userId ? aCoding : bCoding)
      // The .qdpx names codings by a GUID made from the coding's id.
      expect(seen.qde).toContain(guidFor('coding', me === a ? aCoding : bCoding))
      expect(seen.qde).not.toContain(guidFor('coding', me === a ? bCoding : aCoding))
    }
    // The matrix, usage, code pages and search by code count one's own codings only.
    const cell = (cells: any[], pageId: string, codeId: string) =>
      cells.find((c) => c.pageId === pageId && c.codeId === codeId)
    expect(cell(seenByA.matrix, p1, x)).toMatchObject({ passages: 1 })
    expect(cell(seenByA.matrix, p1, y)).toMatchObject({ passages: 0, caseLevel: true })
    expect(cell(seenByB.matrix, p2, y)).toBeUndefined()
    expect(cell(seenByOwner.matrix, p1, x)).toBeUndefined()
    expect(seenByA.usage.find((u) => u.codeId === y)).toMatchObject({ passages: 0, caseLevel: 2 })
    expect(seenByB.usage.find((u) => u.codeId === y)).toMatchObject({ passages: 1, caseLevel: 1 })
    expect(seenByA.codePagesY.map((p) => p.pageId).sort()).toEqual([p1, p2].sort())
    expect(seenByB.codePagesY.map((p) => p.pageId)).toEqual([p1])
    expect(seenByB.searchY.map((r) => r.pageId)).toEqual([p1])
    expect(seenByOwner.searchY).toEqual([])
    // Exports: B's .qdpx and CSVs hold B's codings only (A's X on page 1 reads 0123456789 0123…).
    expect((seenByB.qde.match(/<Coding /g) ?? []).length).toBe(3)
    expect((seenByA.qde.match(/<Coding /g) ?? []).length).toBe(2)
    expect((seenByOwner.qde.match(/<Coding /g) ?? []).length).toBe(0)
    expect(seenByB.passagesCsv.split('\r\n').filter((l) => l.includes('Code X')).length).toBe(2)
    expect(seenByOwner.passagesCsv).not.toContain('Code X')
    // Co-occurrence: X and Y meet on page 1 for B only (A has no Y passage, but Y on the case).
    expect(seenByOwner.cooccurrence).not.toContain(x)

    // B cannot change or delete A's coding by its id: for B it does not exist.
    expect((await b.api.patch(`/api/pages/${p1}/passages/${aCoding}`, { codeId: y })).status).toBe(404)
    expect((await b.api.delete(`/api/pages/${p1}/passages/${aCoding}`)).status).toBe(404)

    // Progress: the owner sees both coders', a coder only their own.
    const forB = (await b.api.get(round())).body.round
    expect(forB.progress).toEqual([{ coderId: b.userId, passages: 3, caseCodes: 1 }])
    const forOwner = (await owner.get(round())).body.round
    expect(forOwner.progress.map((p: any) => p.coderId).sort()).toEqual([a.userId, b.userId].sort())

    // Agreement and disagreements wait for the reveal.
    for (const api of [a.api, b.api, owner]) {
      const agreement = await api.get(round('/agreement'))
      expect(agreement.status).toBe(409)
      expect(agreement.body.error.code).toBe('round_blind')
      expect((await api.get(round('/disagreements'))).status).toBe(409)
    }

    // Events: each coder's stream announced their own codings only; the owner's none of them.
    await waitFor(
      () => streamA.events.filter((e) => e.type === 'coding.passage.added').length === 2,
      5000,
      'A’s own events',
    )
    await waitFor(
      () => streamB.events.filter((e) => e.type === 'coding.passage.added').length === 3,
      5000,
      'B’s own events',
    )
    // A later public event proves the streams are live, so nothing hidden is still on its way.
    await owner.post(`/api/workspaces/${workspaceId}/pages`, { title: 'Témoin', kind: 'note' })
    for (const s of [streamA, streamB, streamOwner])
      await waitFor(() => s.events.some((e) => e.type === 'page.created'), 5000, 'page.created')
    const codingEvents = (s: typeof streamA) => s.events.filter((e) => String(e.type).startsWith('coding.'))
    expect(codingEvents(streamA).every((e) => e.actorId === a.userId)).toBe(true)
    expect(codingEvents(streamB).every((e) => e.actorId === b.userId)).toBe(true)
    expect(codingEvents(streamOwner).filter((e) => e.type !== 'coding.derived')).toEqual([])
    expect(JSON.stringify(streamA.events)).not.toContain(bCoding)
    expect(JSON.stringify(streamB.events)).not.toContain(aCoding)
    expect(JSON.stringify(streamB.events)).not.toContain('visibleTo')

    // Presence: B sees that A is on the page, never where A selects (the passage A is coding).
    clientA.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    clientA.provider.awareness.setLocalStateField('cursor', { anchor: 'selection-of-a', head: 'end' })
    const stateOfA = () => clientB.provider.awareness.getStates().get(clientA.doc.clientID)
    await waitFor(() => (stateOfA() as any)?.user?.name === 'Alice', 5000, 'A’s presence at B')
    expect(stateOfA()).not.toHaveProperty('cursor')
    // An owner who is not a coder shares a selection as on any page.
    const clientOwner = connectClient(server.wsUrl, p1, { token: ownerToken })
    clients.push(clientOwner)
    await clientOwner.synced
    clientOwner.provider.awareness.setLocalStateField('cursor', { anchor: 'owner', head: 'end' })
    await waitFor(
      () =>
        (clientB.provider.awareness.getStates().get(clientOwner.doc.clientID) as any)?.cursor?.anchor ===
        'owner',
      5000,
      'the owner’s selection at B',
    )

    // The y-websocket clients: the body and the presence carry no coding of anyone.
    for (const client of [clientA, clientB]) {
      expect(client.body.toString()).not.toContain(x)
      const states = JSON.stringify([...client.provider.awareness.getStates().values()])
      expect(states).not.toContain(aCoding)
      expect(states).not.toContain(bCoding)
    }
    for (const s of [streamA, streamB, streamOwner]) s.close()
  })

  test('the reveal is the owner’s, once; then everyone sees every coding', async () => {
    expect((await a.api.post(round('/reveal'))).status).toBe(403)
    const revealed = await owner.post(round('/reveal'))
    expect(revealed.status).toBe(200)
    expect(revealed.body.round).toMatchObject({ status: 'revealed', revealedBy: expect.any(String) })
    expect((await owner.post(round('/reveal'))).status).toBe(409)
    for (const api of [a.api, b.api]) {
      const seen = await everything(api)
      expect(new Set(seen.passages1.filter((p) => !p.agreed).map((p) => p.author.id))).toEqual(
        new Set([a.userId, b.userId]),
      )
      // Y on page 1 was agreed at the reveal; A's Y on page 2 awaits settling, seen by both.
      expect(seen.codes1).toEqual([expect.objectContaining({ codeId: y, agreed: true, roundId })])
      expect(seen.codes2).toEqual([
        expect.objectContaining({
          codeId: y,
          agreed: false,
          author: expect.objectContaining({ id: a.userId }),
        }),
      ])
    }
  })

  test('the kept agreement equals the hand-computed values', async () => {
    const res = await b.api.get(round('/agreement'))
    expect(res.status).toBe(200)
    const report = res.body
    expect(report.coders.map((c: any) => c.id).sort()).toEqual([a.userId, b.userId].sort())
    const byCode = new Map(report.byCode.map((c: any) => [c.codeId, c]))
    const cx: any = byCode.get(x)
    const cy: any = byCode.get(y)
    // X passages: N = 150, A = 30, B = 30, both = 20 → Po = 130/150, Pe = (900 + 14400)/22500 = 0.68.
    expect(cx.passages.percent).toBeCloseTo(130 / 150, 10)
    expect(cx.passages.kappa).toBeCloseTo((130 / 150 - 0.68) / 0.32, 10)
    // Pages in id order make the continuum.
    const [first] = [p1, p2].sort()
    const spansA: [number, number][] =
      first === p1
        ? [
            [10, 30],
            [100, 110],
          ]
        : [
            [0, 10],
            [60, 80],
          ]
    const spansB: [number, number][] =
      first === p1
        ? [
            [20, 40],
            [100, 110],
          ]
        : [
            [0, 10],
            [70, 90],
          ]
    expect(cx.passages.alphaBinary).toBeCloseTo(unitizingAlphaBinary(150, [spansA, spansB]) as number, 10)
    // Y passages: A = 0, B = 10 → Po = 140/150 = Pe, κ = 0. Case level Y: pages (1,1), (1,0).
    expect(cy.passages.percent).toBeCloseTo(140 / 150, 10)
    expect(cy.passages.kappa).toBeCloseTo(0, 10)
    expect(cy.percent).toBeCloseTo(0.5, 10)
    expect(cy.kappa).toBeCloseTo(0, 10)
    expect(cy.alpha).toBeCloseTo(0, 10)
    // X at case level: nobody applied it anywhere: full agreement, κ and α undefined.
    expect(cx).toMatchObject({ percent: 1, kappa: null, alpha: null })
    // Overall, case level: units (page, code) = 4, A = 2, B = 1, both = 1 → Po = 0.75, Pe = 0.5.
    expect(report.overall.percent).toBeCloseTo(0.75, 10)
    expect(report.overall.kappa).toBeCloseTo(0.5, 10)
    // α: values 0×5, 1×3; one unit (1, 0) disagrees → 1 − 7·2 / (2·5·3) = 8/15.
    expect(report.overall.alpha).toBeCloseTo(8 / 15, 10)
    // Overall passages: N = 300, A = 30, B = 40, both = 20 → Po = 270/300 = 0.9,
    // Pe = (30·40 + 270·260)/300² = 71400/90000, κ = (0.9 − Pe)/(1 − Pe) = 0.516129…
    const pe = 71400 / 90000
    expect(report.overall.passages.percent).toBeCloseTo(0.9, 10)
    expect(report.overall.passages.kappa).toBeCloseTo((0.9 - pe) / (1 - pe), 10)
    // Per page, pooled over X and Y. Page 1: N = 200, A = 20, B = 30, both = 10 → Po = 170/200,
    // Pe = (20·30 + 180·170)/200² = 31200/40000. Page 2: N = 100, A = B = both = 10 → κ = 1.
    const page1 = report.byPage.find((p: any) => p.pageId === p1)
    const pe1 = 31200 / 40000
    expect(page1.percent).toBeCloseTo(170 / 200, 10)
    expect(page1.kappa).toBeCloseTo((170 / 200 - pe1) / (1 - pe1), 10)
    expect(report.byPage.find((p: any) => p.pageId === p2)).toMatchObject({ percent: 1, kappa: 1 })
    expect(report.pairs).toHaveLength(1)
    expect(report.pairs[0].byCode.find((c: any) => c.codeId === x).passages.kappa).toBeCloseTo(
      cx.passages.kappa,
      10,
    )
    // As CSV too.
    const csv = await fetch(server.url + round('/agreement.csv'), { headers: { cookie: owner.cookie ?? '' } })
    expect(csv.status).toBe(200)
    const text = await csv.text()
    expect(text).toContain('level,code,coders,percent,kappa,alpha,alpha_binary')
    expect(text).toContain(`passages,Code X,`)
  })

  test('later edits do not change the kept agreement', async () => {
    const before = (await owner.get(round('/agreement'))).body
    await b.api.post(`/api/pages/${p2}/passages`, { codeId: y, range: { from: 20, to: 30 } })
    const after = (await owner.get(round('/agreement'))).body
    expect(after).toEqual(before)
  })

  test('disagreements are listed, settled by the owner, and the matrix uses the agreed coding', async () => {
    const list = await owner.get(round('/disagreements'))
    expect(list.status).toBe(200)
    const items = list.body.items as any[]
    // Page 1: one cluster (A's X 10–30, B's X 20–40; B's Y 50–60 is apart) → two passage items;
    // page 2's X agreed at the reveal; case Y on page 2 (A only) → one case item.
    const passageItems = items.filter((i) => i.level === 'passage')
    const caseItems = items.filter((i) => i.level === 'case')
    expect(passageItems).toHaveLength(2)
    expect(caseItems).toHaveLength(1)
    expect(caseItems[0]).toMatchObject({ pageId: p2, codeId: y, coderIds: [a.userId], status: 'open' })
    const overlap = passageItems.find((i) => i.from === 10) as any
    expect(overlap).toMatchObject({ to: 40, text: TEXT1.slice(10, 40), status: 'open' })
    expect(overlap.codings.map((c: any) => [c.coderId, c.from, c.to]).sort()).toEqual(
      [
        [a.userId, 10, 30],
        [b.userId, 20, 40],
      ].sort(),
    )
    const all = (await owner.get(round('/disagreements?agreed=true'))).body.items as any[]
    expect(
      all
        .filter((i) => i.status === 'agreed')
        .map((i) => i.pageId)
        .sort(),
    ).toEqual([p1, p2].sort())

    // Before settling, the matrix counts both coders' X passages on page 1.
    const cell = async (pageId: string, codeId: string) =>
      ((await owner.get(`/api/workspaces/${workspaceId}/matrix`)).body.cells as any[]).find(
        (c) => c.pageId === pageId && c.codeId === codeId,
      )
    expect(await cell(p1, x)).toMatchObject({ passages: 2 })
    expect(await cell(p2, x)).toMatchObject({ passages: 1 })

    // A coder who is not the adjudicator may not settle.
    expect((await a.api.post(round(`/disagreements/${overlap.id}/settle`), { accept: 'all' })).status).toBe(
      403,
    )
    const bad = await owner.post(round(`/disagreements/${overlap.id}/settle`), { accept: 'someone' })
    expect(bad.status).toBe(400)

    const settled = await owner.post(round(`/disagreements/${overlap.id}/settle`), { accept: b.userId })
    expect(settled.status).toBe(200)
    expect(settled.body.item).toMatchObject({ status: 'settled', outcome: { accept: b.userId } })
    expect(settled.body.item.settledBy.id).toEqual(expect.any(String))
    expect(await cell(p1, x)).toMatchObject({ passages: 1 })
    const agreed = ((await a.api.get(`/api/pages/${p1}/passages`)).body.passages as any[]).filter(
      (p) => p.agreed,
    )
    expect(agreed.map((p) => [p.codeId, p.from, p.to, p.roundId])).toEqual(
      expect.arrayContaining([[x, 20, 40, roundId]]),
    )
    expect(agreed.every((p) => p.settledBy)).toBe(true)

    // Settled again, differently: redraw 15–35. The earlier outcome is taken back.
    const redrawn = await owner.post(round(`/disagreements/${overlap.id}/settle`), {
      redraw: { from: 15, to: 35, codeIds: [x] },
    })
    expect(redrawn.status).toBe(200)
    const after = ((await owner.get(`/api/pages/${p1}/passages`)).body.passages as any[]).filter(
      (p) => p.agreed && p.codeId === x,
    )
    expect(after.map((p) => [p.from, p.to])).toEqual([[15, 35]])
    expect(await cell(p1, x)).toMatchObject({ passages: 1 })

    // The case item: accept neither → Y leaves page 2 in the views; the export agrees.
    expect(await cell(p2, y)).toMatchObject({ caseLevel: true })
    const neither = await owner.post(round(`/disagreements/${caseItems[0].id}/settle`), { accept: 'none' })
    expect(neither.status).toBe(200)
    expect(await cell(p2, y)).toMatchObject({ caseLevel: false })
  })
})

test('a merge of codes during a blind round does not show the other coder’s codings in the codebook history', async () => {
  const q = (await owner.post(`/api/workspaces/${workspaceId}/codebook/codes`, { label: 'Code Q' })).body
    .codeId
  const r = (await owner.post(`/api/workspaces/${workspaceId}/codebook/codes`, { label: 'Code R' })).body
    .codeId
  const p3 = (await owner.post(`/api/workspaces/${workspaceId}/pages`, { title: 'Troisième', kind: 'note' }))
    .body.id as string
  const writer = connectClient(server.wsUrl, p3, { token: ownerToken })
  clients.push(writer)
  await writer.synced
  writeParagraphs(writer.doc, ['Un texte à coder une seconde fois.'])
  const opened = await owner.post(`/api/workspaces/${workspaceId}/coding-rounds`, {
    name: 'Deuxième manche',
    pageIds: [p3],
    coderIds: [a.userId, b.userId],
    codeIds: [q],
  })
  expect(opened.status).toBe(201)
  let byA: string | undefined
  await waitFor(
    async () => {
      const res = await a.api.post(`/api/pages/${p3}/passages`, { codeId: q, range: { from: 3, to: 8 } })
      byA = res.body.passages?.[0]?.id
      return res.status === 201
    },
    10_000,
    'A codes',
  )
  expect(
    (await owner.post(`/api/workspaces/${workspaceId}/codebook/codes/${q}/merge`, { targetId: r })).status,
  ).toBe(200)
  const history = async (api: Api) =>
    JSON.stringify((await api.get(`/api/workspaces/${workspaceId}/codebook/changes`)).body)
  expect(await history(a.api)).toContain(byA)
  expect(await history(b.api)).not.toContain(byA)
  expect(await history(owner)).not.toContain(byA)
})
