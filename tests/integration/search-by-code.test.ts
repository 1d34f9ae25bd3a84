/** Search filtered by code (`?code=`): pages coded at case level or on a passage, with or without words. */
import { expect, test } from 'vitest'
import { ownerServer } from '../support/fixture.ts'
import { waitFor } from '../support/server.ts'
import { bodyText, codeByLabel, codeQuote, writeParagraphs } from '../support/typology.ts'
import { waitSearchHit } from '../support/wiki.ts'

const fx = ownerServer()

interface Hit {
  pageId: string
  title: string
  kind: string
  snippet: string
  coding?: { passages: number; caseLevel: boolean }
}

async function searchBy(params: Record<string, string>) {
  const res = await fx.owner.get<{ results: Hit[] }>(
    `/api/workspaces/${fx.workspaceId}/search?${new URLSearchParams(params)}`,
  )
  return res
}

async function pageWithText(title: string, kind: string, text: string) {
  const pageId = await fx.newPage(title, kind)
  const client = fx.client(pageId)
  await client.synced
  writeParagraphs(client.doc, [text])
  await waitSearchHit(fx.owner, fx.workspaceId, title, pageId)
  return { pageId, client }
}

test('search by code: list every page with the code, narrow by words and kind, unknown code is a 404', async () => {
  const empowerment = await codeByLabel(fx.owner, fx.workspaceId, 'Empowerment')
  const autonomie = await codeByLabel(fx.owner, fx.workspaceId, 'Autonomie')
  const passageText = 'Les bénévoles prennent la parole au conseil du jardin partagé.'
  const coded = await pageWithText('Fiche Jardin des Volontaires', 'case', passageText)
  const byPassage = coded.pageId
  const byCase = (
    await pageWithText('Fiche Épicerie solidaire', 'case', 'Une épicerie où le jardin fournit.')
  ).pageId
  const byNote = (await pageWithText('Note jardin', 'note', 'Le jardin en note, sans code.')).pageId
  const other = (await pageWithText('Fiche Cantine', 'case', 'Une cantine codée autrement.')).pageId

  await waitFor(async () => {
    try {
      return (
        await codeQuote(fx.owner, byPassage, bodyText(coded.client.body), 'prennent la parole', [
          empowerment.id,
        ])
      ).length
    } catch {
      return 0
    }
  })
  expect((await fx.owner.post(`/api/pages/${byCase}/codes`, { codeId: empowerment.id })).status).toBe(201)
  expect((await fx.owner.post(`/api/pages/${other}/codes`, { codeId: autonomie.id })).status).toBe(201)

  // No words: every page carrying the code, by title (French order: É before J), with how it carries it.
  const all = await searchBy({ code: empowerment.id })
  expect(all.status).toBe(200)
  expect(all.body.results.map((r) => r.pageId)).toEqual([byCase, byPassage])
  expect(all.body.results[0]?.coding).toEqual({ passages: 0, caseLevel: true })
  expect(all.body.results[1]?.coding).toEqual({ passages: 1, caseLevel: false })

  // Words and code: only coded pages that match ("jardin" is also in the note and the cantine is not coded).
  const jardin = await searchBy({ q: 'jardin', code: empowerment.id })
  expect(new Set(jardin.body.results.map((r) => r.pageId))).toEqual(new Set([byPassage, byCase]))
  expect(jardin.body.results.find((r) => r.pageId === byPassage)?.snippet).toContain('<mark>jardin</mark>')
  expect(jardin.body.results.map((r) => r.pageId)).not.toContain(byNote)
  const words = await searchBy({ q: 'cantine', code: empowerment.id })
  expect(words.body.results).toEqual([])
  expect((await searchBy({ q: 'cantine', code: autonomie.id })).body.results.map((r) => r.pageId)).toEqual([
    other,
  ])

  // Kind narrows as without a code.
  expect((await searchBy({ code: empowerment.id, kind: 'synthesis' })).body.results).toEqual([])

  // Without a code the search is unchanged: no words, no results, and no `coding` field.
  expect((await searchBy({ q: '' })).body.results).toEqual([])
  const plain = await searchBy({ q: 'jardin' })
  expect(plain.body.results.map((r) => r.pageId)).toContain(byNote)
  expect(plain.body.results.every((r) => r.coding === undefined)).toBe(true)

  const unknown = await searchBy({ code: 'no-such-code' })
  expect(unknown.status).toBe(404)
  expect(unknown.body).toMatchObject({ error: { code: 'code_not_found', field: 'code' } })
})
