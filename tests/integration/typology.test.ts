/**
 * The typology through the real server: the seeded codebook, codebook changes and their revert,
 * case-level and passage coding, coded passages surviving concurrent edits, and the matrix.
 */
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { flattenBody } from '../../apps/server/src/anchors/text-anchors.ts'
import { type Api, memberWithRole } from '../support/api.ts'
import { type TestClient, waitConverged } from '../support/clients.ts'
import { prng } from '../support/edits.ts'
import { ownerServer } from '../support/fixture.ts'
import { waitFor } from '../support/server.ts'
import {
  bodyText,
  clientAnchor,
  codeByLabel,
  codebook,
  codeQuote,
  writeParagraphs,
} from '../support/typology.ts'

const fx = ownerServer()

/** A case page with `paragraphs` written by a client, returned with that client. */
async function casePage(title: string, paragraphs: string[]) {
  const pageId = await fx.newPage(title, 'case')
  const writer = fx.client(pageId)
  await writer.synced
  writeParagraphs(writer.doc, paragraphs)
  return { pageId, writer }
}

async function codesOf(pageId: string) {
  return (await fx.owner.get<{ codes: { codeId: string }[] }>(`/api/pages/${pageId}/codes`)).body.codes.map(
    (c) => c.codeId,
  )
}

describe('codebook', () => {
  test('the study workspace starts with the study typology: four dimensions, codes, relations, colours', async () => {
    const { codes, relations } = await codebook(fx.owner, fx.workspaceId)
    const dimensions = codes.filter((c) => c.parentId === null).sort((a, b) => a.position - b.position)
    expect(dimensions.map((d) => d.label)).toEqual([
      "Types d'innovations",
      'Types de besoins',
      'Modalités de gouvernance',
      'Concepts opérationnels',
    ])
    const childrenOf = (label: string) => {
      const parent = codes.find((c) => c.label === label && c.parentId !== undefined)
      return codes.filter((c) => c.parentId === parent?.id).map((c) => c.label)
    }
    expect(childrenOf('Besoins transversaux')).toEqual([
      'Liens sociaux de proximité et horizontalité',
      'Changer de regard',
      'Porter un projet politique commun / se sentir actif dans la société',
      'Offrir un service de qualité aux bénéficiaires',
    ])
    expect(childrenOf('Concepts opérationnels')).toHaveLength(10)
    expect(new Set(codes.map((c) => c.color)).size).toBe(codes.length)
    const needs = codes.find((c) => c.label === 'Types de besoins')
    const modalities = codes.find((c) => c.label === 'Modalités de gouvernance')
    expect(relations).toContainEqual(expect.objectContaining({ fromId: needs?.id, toId: modalities?.id }))
    const collaborative = await codeByLabel(
      fx.owner,
      fx.workspaceId,
      'Gouvernance collaborative',
      'Modalités de gouvernance',
    )
    const empowerment = await codeByLabel(fx.owner, fx.workspaceId, 'Empowerment')
    expect(relations).toContainEqual(
      expect.objectContaining({ fromId: collaborative.id, toId: empowerment.id, kind: 'leads_to' }),
    )
  })

  test('add, rename and move are recorded and each can be reverted', async () => {
    const dimension = await codeByLabel(fx.owner, fx.workspaceId, 'Concepts opérationnels')
    const created = await fx.owner.post(`/api/workspaces/${fx.workspaceId}/codebook/codes`, {
      label: 'Essaimage',
      parentId: dimension.id,
      color: '#123456',
    })
    expect(created.status).toBe(201)
    const id = created.body.codeId as string
    expect(
      (
        await fx.owner.patch(`/api/workspaces/${fx.workspaceId}/codebook/codes/${id}`, {
          label: 'Essaimage local',
        })
      ).status,
    ).toBe(200)
    const needs = await codeByLabel(fx.owner, fx.workspaceId, 'Types de besoins')
    const moved = await fx.owner.post(`/api/workspaces/${fx.workspaceId}/codebook/codes/${id}/move`, {
      parentId: needs.id,
      position: 0,
    })
    expect(moved.status).toBe(200)
    let code = (await codebook(fx.owner, fx.workspaceId)).codes.find((c) => c.id === id)
    expect(code).toMatchObject({ label: 'Essaimage local', parentId: needs.id, position: 0 })

    const { changes } = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/codebook/changes`)).body
    expect(changes.slice(0, 3).map((c: { kind: string }) => c.kind)).toEqual(['move', 'update', 'add'])
    expect(changes[0].actor.name).toBe('Owner')
    // Undo the move, then the rename: the code is back where and what it was.
    for (const change of changes.slice(0, 2)) {
      const res = await fx.owner.post(
        `/api/workspaces/${fx.workspaceId}/codebook/changes/${change.id}/revert`,
      )
      expect(res.status, JSON.stringify(res.body)).toBe(200)
    }
    code = (await codebook(fx.owner, fx.workspaceId)).codes.find((c) => c.id === id)
    expect(code).toMatchObject({ label: 'Essaimage', parentId: dimension.id })
    const again = await fx.owner.post(
      `/api/workspaces/${fx.workspaceId}/codebook/changes/${changes[0].id}/revert`,
    )
    expect(again.status).toBe(409)
  })

  test('merging two codes moves their codings to the target; reverting the merge moves them back', async () => {
    const dimension = await codeByLabel(fx.owner, fx.workspaceId, 'Concepts opérationnels')
    const add = async (label: string) =>
      (
        await fx.owner.post(`/api/workspaces/${fx.workspaceId}/codebook/codes`, {
          label,
          parentId: dimension.id,
        })
      ).body.codeId as string
    const source = await add('Entraide')
    const target = await add('Solidarité de voisinage')
    const text = 'Les voisins se rendent service chaque semaine.'
    const a = await casePage('Fiche A', [text])
    const b = await casePage('Fiche B', ['Autre initiative.'])
    await waitFor(async () => (await fx.owner.get(`/api/pages/${a.pageId}/passages`)).status === 200)
    for (const [pageId, codeId] of [
      [a.pageId, source],
      [a.pageId, target],
      [b.pageId, source],
    ] as const) {
      expect((await fx.owner.post(`/api/pages/${pageId}/codes`, { codeId })).status).toBe(201)
    }
    const [passage] = await waitForCoding(a.writer, a.pageId, 'se rendent service', [source])

    const merged = await fx.owner.post(`/api/workspaces/${fx.workspaceId}/codebook/codes/${source}/merge`, {
      targetId: target,
    })
    expect(merged.status, JSON.stringify(merged.body)).toBe(200)
    expect(await codesOf(a.pageId)).toEqual([target])
    expect(await codesOf(b.pageId)).toEqual([target])
    const passages = (await fx.owner.get(`/api/pages/${a.pageId}/passages`)).body.passages
    expect(passages).toEqual([
      expect.objectContaining({ id: passage?.id, codeId: target, text: 'se rendent service' }),
    ])
    const all = await codebook(fx.owner, fx.workspaceId, true)
    expect(all.codes.find((c) => c.id === source)?.retired).toBe(true)
    expect((await codebook(fx.owner, fx.workspaceId)).codes.some((c) => c.id === source)).toBe(false)

    const revert = await fx.owner.post(
      `/api/workspaces/${fx.workspaceId}/codebook/changes/${merged.body.changeId}/revert`,
    )
    expect(revert.status, JSON.stringify(revert.body)).toBe(200)
    expect((await codesOf(a.pageId)).sort()).toEqual([source, target].sort())
    expect(await codesOf(b.pageId)).toEqual([source])
    expect((await fx.owner.get(`/api/pages/${a.pageId}/passages`)).body.passages[0].codeId).toBe(source)
  })

  test('retiring hides a code and its codings from views; restoring brings them back', async () => {
    const code = await codeByLabel(fx.owner, fx.workspaceId, 'Fusion')
    const text = 'Deux associations ont fusionné en 2019.'
    const { pageId, writer } = await casePage('Fiche fusion', [text])
    await waitForCoding(writer, pageId, 'ont fusionné', [code.id])
    const cell = async () =>
      (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/matrix`)).body.cells.find(
        (c: { pageId: string; codeId: string }) => c.pageId === pageId && c.codeId === code.id,
      )
    expect(await cell()).toMatchObject({ passages: 1 })
    const retired = await fx.owner.post(`/api/workspaces/${fx.workspaceId}/codebook/codes/${code.id}/retire`)
    expect(retired.status).toBe(200)
    expect(await cell()).toBeUndefined()
    expect((await fx.owner.get(`/api/pages/${pageId}/passages`)).body.passages).toEqual([])
    expect((await fx.owner.post(`/api/pages/${pageId}/codes`, { codeId: code.id })).status).toBe(409)
    expect(
      (await fx.owner.post(`/api/workspaces/${fx.workspaceId}/codebook/codes/${code.id}/restore`)).status,
    ).toBe(200)
    expect(await cell()).toMatchObject({ passages: 1 })
  })

  test('only editors and owners change the codebook or code; every member reads it', async () => {
    const viewer = (
      await memberWithRole(fx.server, fx.owner, fx.workspaceId, 'viewer', 'typo-viewer@example.org')
    ).api
    const commenter = (
      await memberWithRole(fx.server, fx.owner, fx.workspaceId, 'commenter', 'typo-commenter@example.org')
    ).api
    const editor = (
      await memberWithRole(fx.server, fx.owner, fx.workspaceId, 'editor', 'typo-editor@example.org')
    ).api
    const code = await codeByLabel(fx.owner, fx.workspaceId, 'Autonomie')
    const text = 'Les habitants décident eux-mêmes.'
    const { pageId } = await casePage('Fiche droits', [text])
    await waitFor(async () => (await fx.owner.get(`/api/pages/${pageId}/passages`)).status === 200)
    for (const api of [viewer, commenter]) {
      expect((await api.get(`/api/workspaces/${fx.workspaceId}/codebook`)).status).toBe(200)
      expect((await api.post(`/api/pages/${pageId}/codes`, { codeId: code.id })).status).toBe(403)
      expect(
        (await api.post(`/api/pages/${pageId}/passages`, { codeId: code.id, range: { from: 0, to: 3 } }))
          .status,
      ).toBe(403)
      expect(
        (await api.post(`/api/workspaces/${fx.workspaceId}/codebook/codes`, { label: 'X' })).status,
      ).toBe(403)
    }
    expect((await editor.post(`/api/pages/${pageId}/codes`, { codeId: code.id })).status).toBe(201)
  })
})

/** Codes `quote` once the fx.server has the page as `writer` reads it (its update may be in flight). */
async function waitForCoding(writer: TestClient, pageId: string, quote: string, codeIds: string[]) {
  let result: Awaited<ReturnType<typeof codeQuote>> = []
  let last: unknown = null
  try {
    await waitFor(async () => {
      try {
        result = await codeQuote(fx.owner, pageId, bodyText(writer.body), quote, codeIds)
        return true
      } catch (error) {
        last = error
        return false
      }
    })
  } catch {
    throw new Error(`could not code "${quote}": ${String(last)}`)
  }
  return result
}

/** Resolves a coding's anchor in a client's document: the passage as that client reads it. */
function passageIn(doc: Y.Doc, anchor: { start: string; end: string }): string | null {
  const resolve = (b64: string) =>
    Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(b64, 'base64')), doc)
  const start = resolve(anchor.start)
  const end = resolve(anchor.end)
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return null
  const text = start.type.toString()
  return end.index > start.index ? text.slice(start.index, end.index) : null
}

describe('passages', () => {
  test('a coded passage keeps its exact text after 200 random concurrent edits around it', async () => {
    const quote = 'gouvernance collaborative, portée par une vision politique explicite 🙂 éàç'
    const line = `Avant le passage. ${quote} Après le passage.`
    const { pageId, writer } = await casePage('Fiche concurrente', ['Premier paragraphe.', line, 'Dernier.'])
    const other = fx.client(pageId)
    await other.synced
    await waitConverged([writer, other])
    const code = await codeByLabel(
      fx.owner,
      fx.workspaceId,
      'Gouvernance collaborative',
      "Types d'innovations",
    )
    const [coded] = await waitForCoding(writer, pageId, quote, [code.id])
    const anchor = (await fx.owner.get(`/api/pages/${pageId}/passages`)).body.passages[0].anchor

    const editors = [
      { c: writer, random: prng(11) },
      { c: other, random: prng(29) },
    ]
    const words = ['é', '🙂', 'ab', ' ', 'solidarité', 'x']
    for (let i = 0; i < 200; i += 1) {
      const { c, random } = editors[i % 2] as (typeof editors)[number]
      const body = c.doc.getXmlFragment('default')
      c.doc.transact(() => {
        const start = Y.createAbsolutePositionFromRelativePosition(
          Y.decodeRelativePosition(Buffer.from(anchor.start, 'base64')),
          c.doc,
        )
        const end = Y.createAbsolutePositionFromRelativePosition(
          Y.decodeRelativePosition(Buffer.from(anchor.end, 'base64')),
          c.doc,
        )
        const text = start?.type as Y.XmlText
        const word = words[Math.floor(random() * words.length)] as string
        const roll = random()
        if (!start || !end || roll < 0.2) {
          // Another block of the page.
          const others = flattenBody(body).texts.filter((s) => s.type !== text)
          const t = others[Math.floor(random() * others.length)]?.type
          t?.insert(Math.floor(random() * (t.length + 1)), word)
        } else if (roll < 0.6) {
          // Before the passage, up to its very first character.
          const at = Math.floor(random() * (start.index + 1))
          if (random() < 0.35 && at < start.index) text.delete(at, Math.min(2, start.index - at))
          else text.insert(at, word)
        } else {
          // After the passage, from its very last character.
          const at = end.index + Math.floor(random() * (text.length - end.index + 1))
          if (random() < 0.35 && at < text.length) text.delete(at, Math.min(2, text.length - at))
          else text.insert(at, word)
        }
      })
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await waitConverged([writer, other])
    expect(passageIn(writer.doc, anchor)).toBe(quote)
    expect(passageIn(other.doc, anchor)).toBe(quote)
    // The server's derived passage reads the same, at its new place.
    const serverText = bodyText(writer.body)
    await waitFor(
      async () => {
        const res = await fx.owner.get(`/api/workspaces/${fx.workspaceId}/codes/${code.id}/passages`)
        const p = res.body.passages.find((x: { id: string }) => x.id === coded?.id)
        return p && p.text === quote && serverText.slice(p.from, p.to) === quote
      },
      15_000,
      'derived passage to match',
    )
  })

  test('matrix counts equal the codings present in the Y.Doc after two clients edited and coded concurrently', async () => {
    const editor = await memberWithRole(
      fx.server,
      fx.owner,
      fx.workspaceId,
      'editor',
      'typo-coder@example.org',
    )
    const editorToken = (await editor.api.post('/api/tokens', { name: 'coder' })).body.token as string
    const pageId = await fx.newPage('Fiche matrice', 'case')
    const a = fx.client(pageId)
    const b = fx.client(pageId, { token: editorToken })
    await Promise.all([a.synced, b.synced])
    writeParagraphs(a.doc, ['Les habitants mettent en commun leurs outils.', 'Un conseil décide ensemble.'])
    await waitConverged([a, b])
    const empowerment = await codeByLabel(fx.owner, fx.workspaceId, 'Empowerment')
    const commun = await codeByLabel(fx.owner, fx.workspaceId, 'Mise en commun')
    // The two paragraphs written last (a case page starts from the workspace's template).
    const paragraphText = (c: TestClient, index: number) =>
      (c.body.get(c.body.length - 2 + index) as Y.XmlElement).get(0) as Y.XmlText

    // Each client types into its own paragraph and codes what it just wrote, at the same time.
    const work = async (c: TestClient, api: Api, index: number, codeId: string, seed: number) => {
      const random = prng(seed)
      const created: { id: string; anchor: { start: string; end: string } }[] = []
      for (let round = 0; round < 4; round += 1) {
        const text = paragraphText(c, index)
        const word = ` mot${seed}-${round} `
        text.insert(Math.floor(random() * (text.length + 1)), word)
        const from = text.toString().indexOf(word.trim())
        const res = await api.post(`/api/pages/${pageId}/passages`, {
          codeId,
          anchor: clientAnchor(text, from, from + word.trim().length),
        })
        expect(res.status, JSON.stringify(res.body)).toBe(201)
        created.push(res.body.passages[0])
      }
      return created
    }
    const [fromA, fromB] = await Promise.all([
      work(a, fx.owner, 0, commun.id, 3),
      work(b, editor.api, 1, empowerment.id, 5),
    ])
    // One coded word is then deleted by the other client: its coding no longer counts.
    await waitConverged([a, b])
    const gone = fromA[0] as { anchor: { start: string; end: string } }
    const goneText = passageIn(b.doc, gone.anchor) as string
    const p0 = paragraphText(b, 0)
    const at = p0.toString().indexOf(goneText)
    p0.delete(at, goneText.length)
    await waitConverged([a, b])
    expect((await fx.owner.post(`/api/pages/${pageId}/codes`, { codeId: commun.id })).status).toBe(201)

    const present = (list: { anchor: { start: string; end: string } }[]) =>
      list.filter((p) => passageIn(a.doc, p.anchor) !== null).length
    const expected = { [commun.id]: present(fromA), [empowerment.id]: present(fromB) }
    expect(expected).toEqual({ [commun.id]: 3, [empowerment.id]: 4 })
    const matrix = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/matrix`)).body
    expect(matrix.cases).toContainEqual(expect.objectContaining({ pageId, title: 'Fiche matrice' }))
    const cells = matrix.cells.filter((c: { pageId: string }) => c.pageId === pageId)
    expect(cells).toEqual(
      expect.arrayContaining([
        { pageId, codeId: commun.id, passages: expected[commun.id], caseLevel: true },
        { pageId, codeId: empowerment.id, passages: expected[empowerment.id], caseLevel: false },
      ]),
    )
    expect(cells).toHaveLength(2)
    const usage = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/code-usage`)).body.usage
    expect(
      usage.find((u: { codeId: string }) => u.codeId === empowerment.id).passages,
    ).toBeGreaterThanOrEqual(4)
    const pages = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/codes/${empowerment.id}/pages`)).body
      .pages
    expect(pages).toContainEqual(expect.objectContaining({ pageId, passages: 4, caseLevel: false }))
  })

  test('co-occurrence: codes on the same case and on overlapping passages', async () => {
    const text = 'Le collectif mutualise un local et forme les bénévoles.'
    const { pageId, writer } = await casePage('Fiche cooccurrence', [text])
    const a = await codeByLabel(fx.owner, fx.workspaceId, 'Adaptabilité')
    const b = await codeByLabel(fx.owner, fx.workspaceId, 'Diversification')
    await waitForCoding(writer, pageId, 'mutualise un local', [a.id])
    await codeQuote(fx.owner, pageId, bodyText(writer.body), 'un local et forme', [b.id])
    const pairs = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/cooccurrence`)).body.pairs
    const pair = pairs.find(
      (p: { a: string; b: string }) => [p.a, p.b].sort().join() === [a.id, b.id].sort().join(),
    )
    expect(pair).toMatchObject({ cases: 1, passages: 1 })
  })

  test('a coding can change code or be removed; a quote that does not match is refused', async () => {
    const text = 'Changer de regard sur la pauvreté.'
    const { pageId, writer } = await casePage('Fiche changement', [text])
    const regard = await codeByLabel(fx.owner, fx.workspaceId, 'Changer de regard')
    const liens = await codeByLabel(fx.owner, fx.workspaceId, 'Liens sociaux de proximité et horizontalité')
    const [coding] = await waitForCoding(writer, pageId, 'sur la pauvreté', [regard.id])
    const changed = await fx.owner.patch(`/api/pages/${pageId}/passages/${coding?.id}`, { codeId: liens.id })
    expect(changed.body).toMatchObject({ codeId: liens.id, text: 'sur la pauvreté' })
    const wrong = await fx.owner.post(`/api/pages/${pageId}/passages`, {
      codeId: regard.id,
      range: { from: 0, to: 7 },
      quote: 'autre',
    })
    expect(wrong.status).toBe(409)
    expect((await fx.owner.delete(`/api/pages/${pageId}/passages/${coding?.id}`)).status).toBe(200)
    expect((await fx.owner.get(`/api/pages/${pageId}/passages`)).body.passages).toEqual([])
  })
})
