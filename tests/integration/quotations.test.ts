/**
 * Live quotations through the real server and stock y-websocket clients: a synthesis quotes a
 * coded passage of a case sheet and follows its edits, its move to the trash and back, and its
 * deletion; quotations naming nothing, or a passage of another workspace, reveal no text; "cited
 * in", backlinks and evidence tables read the same rows.
 */
import { describe, expect, test } from 'vitest'
import type * as Y from 'yjs'
import { ownerServer } from '../support/fixture.ts'
import {
  insertEvidenceTable,
  insertQuotation,
  quotationsOf,
  waitQuotation,
  writeAndCode,
} from '../support/quotations.ts'
import { waitFor } from '../support/server.ts'
import { codeByLabel } from '../support/typology.ts'

const fx = ownerServer()

async function codedCase(title: string, paragraphs: string[], quote: string, labels: string[]) {
  const pageId = await fx.newPage(title, 'case')
  const writer = fx.client(pageId)
  await writer.synced
  const codeIds = await Promise.all(
    labels.map(async (l) => (await codeByLabel(fx.owner, fx.workspaceId, l)).id),
  )
  const codings = await writeAndCode(fx.owner, writer, pageId, paragraphs, quote, codeIds)
  return { pageId, writer, codingId: codings[0]?.id as string, codeIds }
}

async function synthesis(title = 'Synthèse') {
  const pageId = await fx.newPage(title, 'synthesis')
  const client = fx.client(pageId)
  await client.synced
  return { pageId, client }
}

describe('a quotation follows its source', () => {
  test('live, changed within 5 s of an edit, cited in the source, then kept after the source is deleted', async () => {
    const quote = 'les habitants décident ensemble'
    const source = await codedCase(
      'Épicerie « Le Panier »',
      ['Présentation.', 'Ici, les habitants décident ensemble des achats.'],
      quote,
      ['Empowerment', 'Autonomie'],
    )
    const { pageId, client } = await synthesis()
    insertQuotation(client, source.codingId)

    const live = await waitQuotation(fx.owner, pageId, source.codingId, (q) => q.status === 'live')
    expect(live).toMatchObject({
      sourcePageId: source.pageId,
      sourceTitle: 'Épicerie « Le Panier »',
      text: quote,
    })
    expect(live.codes.map((c) => c.label).sort()).toEqual(['Autonomie', 'Empowerment'])

    // Another client edits inside the passage.
    const paragraph = source.writer.body.get(source.writer.body.length - 1) as Y.XmlElement
    const text = paragraph.get(0) as Y.XmlText
    text.insert('Ici, les habitants '.length, 'tous ')
    const changed = await waitQuotation(fx.owner, pageId, source.codingId, (q) => q.status === 'changed')
    expect(changed.text).toBe('les habitants tous décident ensemble')
    expect(changed.quotedText).toBe(quote)

    const cited = await fx.owner.get(`/api/pages/${source.pageId}/cited-in`)
    expect(cited.body.citedIn).toEqual([
      expect.objectContaining({ pageId, title: 'Synthèse', kind: 'synthesis', codingIds: [source.codingId] }),
    ])
    const backlinks = await fx.owner.get(`/api/pages/${source.pageId}/backlinks`)
    expect(backlinks.body.backlinks).toContainEqual({ pageId, title: 'Synthèse', kind: 'synthesis' })

    source.writer.destroy()
    expect((await fx.owner.delete(`/api/pages/${source.pageId}`)).status).toBe(204)
    const removed = await waitQuotation(
      fx.owner,
      pageId,
      source.codingId,
      (q) => q.status === 'source-removed',
    )
    expect(removed).toMatchObject({ text: 'les habitants tous décident ensemble', sourcePageId: null })
  })

  test('a passage deleted from its page keeps its last text', async () => {
    const source = await codedCase('Jardin partagé', ['Un lieu où chacun cultive.'], 'chacun cultive', [
      'Mise en commun',
    ])
    const { pageId, client } = await synthesis('Synthèse des jardins')
    insertQuotation(client, source.codingId)
    await waitQuotation(fx.owner, pageId, source.codingId, (q) => q.status === 'live')
    const text = (source.writer.body.get(source.writer.body.length - 1) as Y.XmlElement).get(0) as Y.XmlText
    text.delete(0, text.length)
    const removed = await waitQuotation(
      fx.owner,
      pageId,
      source.codingId,
      (q) => q.status === 'source-removed',
    )
    expect(removed.text).toBe('chacun cultive')
  })

  test('trash gives source-removed, restore gives live again', async () => {
    const quote = 'un atelier de réparation'
    const source = await codedCase('Repair café', ['Chaque samedi, un atelier de réparation.'], quote, [
      'Adaptabilité',
    ])
    const { pageId, client } = await synthesis('Synthèse des ateliers')
    insertQuotation(client, source.codingId)
    await waitQuotation(fx.owner, pageId, source.codingId, (q) => q.status === 'live')

    expect((await fx.owner.post(`/api/pages/${source.pageId}/archive`)).status).toBe(200)
    const trashed = await waitQuotation(
      fx.owner,
      pageId,
      source.codingId,
      (q) => q.status === 'source-removed',
    )
    expect(trashed.text).toBe(quote)
    expect((await fx.owner.get(`/api/pages/${source.pageId}/cited-in`)).body.citedIn).toHaveLength(1)

    expect((await fx.owner.post(`/api/pages/${source.pageId}/restore`)).status).toBe(200)
    const back = await waitQuotation(fx.owner, pageId, source.codingId, (q) => q.status === 'live')
    expect(back).toMatchObject({ text: quote, sourceTitle: 'Repair café' })
  })

  test('a quotation of another workspace’s passage, or of none, is source-removed and reveals nothing', async () => {
    const secret = 'texte confidentiel de l’autre espace'
    const other = await fx.owner.post<{ id: string }>('/api/workspaces', { name: 'Autre étude' })
    const otherCodes = await fx.owner.get<{ codes: { id: string }[] }>(
      `/api/workspaces/${other.body.id}/codebook`,
    )
    let otherCode = otherCodes.body.codes[0]?.id
    if (!otherCode)
      otherCode = (
        await fx.owner.post<{ codeId: string }>(`/api/workspaces/${other.body.id}/codebook/codes`, {
          label: 'Code',
        })
      ).body.codeId
    const otherPage = (
      await fx.owner.post<{ id: string }>(`/api/workspaces/${other.body.id}/pages`, {
        title: 'Secret',
        kind: 'case',
      })
    ).body.id
    const writer = fx.client(otherPage)
    await writer.synced
    const [foreign] = await writeAndCode(fx.owner, writer, otherPage, [secret], secret, [otherCode])

    const { pageId, client } = await synthesis('Synthèse mêlée')
    insertQuotation(client, foreign?.id as string)
    insertQuotation(client, null)
    insertQuotation(client, 'no-such-coding')
    const rows = await waitFor(async () => {
      const found = await quotationsOf(fx.owner, pageId)
      return found.length === 3 ? found : null
    }, 5_000)
    for (const row of rows) {
      expect(row).toMatchObject({
        status: 'source-removed',
        text: null,
        sourcePageId: null,
        sourceTitle: null,
        codes: [],
      })
    }
    expect(rows.map((r) => r.codingId)).toEqual([foreign?.id, '', 'no-such-coding'])
    const raw = JSON.stringify((await fx.owner.get(`/api/pages/${pageId}/quotations`)).body)
    expect(raw).not.toContain('confidentiel')
    expect((await fx.owner.get(`/api/pages/${otherPage}/cited-in`)).body.citedIn).toEqual([])
  })
})

describe('evidence tables', () => {
  test('lists every passage of a code across case sheets, filtered by case property, grouped by case or code', async () => {
    const label = 'Approfondissement'
    const cases = [
      ['Cantine solidaire', 'Les repas sont préparés avec les familles.', 'préparés avec les familles'],
      ['Ressourcerie', 'Le tri devient un métier appris sur place.', 'un métier appris sur place'],
      ['Café associatif', 'Le café ouvre une deuxième salle.', 'ouvre une deuxième salle'],
    ] as const
    const coded = []
    for (const [title, paragraph, quote] of cases)
      coded.push(await codedCase(title, [paragraph], quote, [label]))
    const codeId = coded[0]?.codeIds[0] as string
    await fx.owner.patch(`/api/pages/${coded[1]?.pageId}/properties`, { territory: 'Échirolles' })

    const byCase = await fx.owner.get(`/api/workspaces/${fx.workspaceId}/evidence?codeIds=${codeId}`)
    expect(byCase.status).toBe(200)
    expect(byCase.body.total).toBe(3)
    expect(byCase.body.groups.map((g: { label: string }) => g.label)).toEqual(cases.map((c) => c[0]))
    expect(byCase.body.groups[0].rows[0]).toMatchObject({
      text: 'préparés avec les familles',
      codes: [{ id: codeId, label }],
      coders: [{ name: 'Owner' }],
    })

    const filtered = await fx.owner.get(
      `/api/workspaces/${fx.workspaceId}/evidence?codeIds=${codeId}&territory=${encodeURIComponent('échirolles')}`,
    )
    expect(filtered.body.groups.map((g: { label: string }) => g.label)).toEqual(['Ressourcerie'])

    const byCode = await fx.owner.get(
      `/api/workspaces/${fx.workspaceId}/evidence?codeIds=${codeId}&groupBy=code`,
    )
    expect(byCode.body.groups).toHaveLength(1)
    expect(byCode.body.groups[0]).toMatchObject({ id: codeId, label })
    expect(byCode.body.groups[0].rows).toHaveLength(3)

    // A fourth case sheet coded later is in the next read.
    await codedCase('Laverie partagée', ['On y lave et on y discute.'], 'on y discute', [label])
    const after = await fx.owner.get(`/api/workspaces/${fx.workspaceId}/evidence?codeIds=${codeId}`)
    expect(after.body.total).toBe(4)

    const bad = await fx.owner.get(`/api/workspaces/${fx.workspaceId}/evidence?codeIds=nope`)
    expect(bad.status).toBe(404)
    expect(bad.body.error.code).toBe('code_not_found')
    expect((await fx.owner.get(`/api/workspaces/${fx.workspaceId}/evidence`)).status).toBe(400)
  })

  test('a synthesis holding an evidence table of a code is cited in that code; /citer finds passages by words', async () => {
    const source = await codedCase('Fablab', ['On y fabrique des prothèses.'], 'fabrique des prothèses', [
      'Diversification',
    ])
    const codeId = source.codeIds[0] as string
    const { pageId, client } = await synthesis('Synthèse fablab')
    insertEvidenceTable(client, [codeId])
    const cited = await waitFor(async () => {
      const res = await fx.owner.get(`/api/workspaces/${fx.workspaceId}/codes/${codeId}/cited-in`)
      return res.body.citedIn.find((c: { pageId: string }) => c.pageId === pageId)
    }, 5_000)
    expect(cited).toMatchObject({ evidenceTable: true, codingIds: [] })

    const found = await fx.owner.get(
      `/api/workspaces/${fx.workspaceId}/quotable?q=${encodeURIComponent('PROTHESES')}`,
    )
    expect(found.body.passages).toEqual([
      expect.objectContaining({
        codingId: source.codingId,
        pageTitle: 'Fablab',
        text: 'fabrique des prothèses',
      }),
    ])
  })
})
