/** Links and backlinks, case sheets from the template, case properties: through the real server. */
import { expect, test } from 'vitest'
import { memberWithRole } from '../support/api.ts'
import { type TestClient, waitConverged } from '../support/clients.ts'
import { ownerServer } from '../support/fixture.ts'
import { waitFor } from '../support/server.ts'
import { headingTexts, search, waitSearchHit, writeParagraph } from '../support/wiki.ts'

const SECTIONS = [
  "Présentation de l'initiative",
  'Acteurs et territoire',
  'Besoins adressés',
  'Gouvernance',
  "Changement d'échelle",
  'Sources et contacts',
]

// A short quiet period keeps the test quick; the default (1 s) is what users get.
const fx = ownerServer({ env: { DERIVE_QUIET_MS: '200' } })

const open = (pageId: string, params?: Record<string, string>): TestClient => fx.client(pageId, params)

const backlinks = async (pageId: string) =>
  (await fx.owner.get(`/api/pages/${pageId}/backlinks`)).body.backlinks as { pageId: string; title: string }[]

test('a link to a page is listed in its backlinks, and survives renaming and moving the target', async () => {
  const target = await fx.newPage('Épicerie solidaire', 'case')
  const source = await fx.newPage('Synthèse des cas', 'synthesis')
  const client = open(source)
  await client.synced
  writeParagraph(client, 'Voir la fiche ', { pageId: target }, ' pour le détail.')
  await waitFor(async () => (await backlinks(target)).length === 1, 5000, 'the backlink')
  expect(await backlinks(target)).toEqual([{ pageId: source, title: 'Synthèse des cas', kind: 'synthesis' }])

  const section = await fx.newPage('Fiches')
  expect(
    (await fx.owner.patch(`/api/pages/${target}`, { title: 'Épicerie du quartier', parentId: section }))
      .status,
  ).toBe(200)
  expect(await backlinks(target)).toEqual([{ pageId: source, title: 'Synthèse des cas', kind: 'synthesis' }])
  // The link stores the id; the title shown is the live one.
  const link = client.body.toArray()[0]?.toString() ?? ''
  expect(link).toContain(target)
  expect((await fx.owner.get(`/api/pages/${target}`)).body.title).toBe('Épicerie du quartier')

  // Removing the link removes the backlink.
  client.doc.transact(() => client.body.delete(0, client.body.length))
  await waitFor(async () => (await backlinks(target)).length === 0, 5000, 'the backlink to go')
})

test('a new case sheet gets the template once, even with two clients opening it at the same instant', async () => {
  const template = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/template`)).body
  expect(template).toMatchObject({ kind: 'template', canEdit: true })
  for (let round = 0; round < 3; round++) {
    const pageId = await fx.newPage(`Fiche ${round}`, 'case')
    const [a, b] = [open(pageId), open(pageId)]
    await Promise.all([a.synced, b.synced])
    writeParagraph(a, 'Note de A')
    writeParagraph(b, 'Note de B')
    await waitConverged([a, b])
    for (const client of [a, b]) {
      expect(headingTexts(client.body)).toEqual(SECTIONS)
      expect(client.body.length).toBe(SECTIONS.length * 2 + 2)
    }
  }
})

test('a new case sheet holds the headings and empty paragraphs; the guidance stays in the template', async () => {
  const template = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/template`)).body
  expect(template.sections.map((s: { heading: string }) => s.heading)).toEqual(SECTIONS)
  expect(template.sections[0].guidance).toContain('forme juridique')
  const pageId = await fx.newPage('Fiche sans consignes', 'case')
  const sheet = open(pageId)
  await sheet.synced
  await waitFor(() => sheet.body.length > 0, 5000, 'the sheet body')
  const blocks = sheet.body.toArray() as { nodeName: string; toString(): string }[]
  expect(blocks.map((b) => b.nodeName)).toEqual(SECTIONS.flatMap(() => ['heading', 'paragraph']))
  expect(blocks.filter((b) => b.nodeName === 'paragraph').map((b) => b.toString())).toEqual(
    SECTIONS.map(() => '<paragraph></paragraph>'),
  )
  expect(sheet.body.toString()).not.toContain('forme juridique')
  // Not indexed either: the guidance words find no case sheet.
  await waitSearchHit(fx.owner, fx.workspaceId, 'consignes', pageId)
  expect((await search(fx.owner, fx.workspaceId, 'juridique', 'case')).map((r) => r.pageId)).not.toContain(
    pageId,
  )
})

test('owners edit the template; editors can read it but their updates are not kept', async () => {
  const template = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/template`)).body
  const editor = await memberWithRole(fx.server, fx.owner, fx.workspaceId, 'editor', 'tpl-editor@example.org')
  expect((await editor.api.get(`/api/workspaces/${fx.workspaceId}/template`)).body.canEdit).toBe(false)
  expect((await editor.api.patch(`/api/pages/${template.id}`, { title: 'Autre modèle' })).status).toBe(403)
  expect((await editor.api.get(`/api/pages/${template.id}`)).body.access).toBe('read-only')

  const ownerClient = open(template.id)
  await ownerClient.synced
  ownerClient.doc.transact(() => {
    // Owners rewrite a section title: later case sheets follow.
    const first = ownerClient.body.get(0)
    const text = (first as any).get(0)
    text.delete(0, text.length)
    text.insert(0, "Présentation de l'initiative et de son histoire")
  })
  const check = open(template.id)
  await check.synced
  await waitFor(() => headingTexts(check.body)[0]?.endsWith('histoire'), 5000, 'the template edit')
  const pageId = await fx.newPage('Fiche après modification', 'case')
  const sheet = open(pageId)
  await sheet.synced
  await waitFor(() => sheet.body.length > 0, 5000, 'the sheet body')
  expect(headingTexts(sheet.body)[0]).toBe("Présentation de l'initiative et de son histoire")
})

test('case properties: read, patch with validation, clear; only for case sheets', async () => {
  const pageId = await fx.newPage('Fiche attributs', 'case')
  const url = `/api/pages/${pageId}/properties`
  expect((await fx.owner.get(url)).body.properties).toEqual({
    territory: null,
    yearFounded: null,
    needsOrigin: null,
    status: null,
  })
  const patched = await fx.owner.patch(url, { territory: 'Grenoble', yearFounded: 2016, needsOrigin: 'both' })
  expect(patched.status).toBe(200)
  expect(patched.body.properties).toEqual({
    territory: 'Grenoble',
    yearFounded: 2016,
    needsOrigin: 'both',
    status: null,
  })
  expect((await fx.owner.patch(url, { status: 'active', territory: null })).body.properties).toMatchObject({
    territory: null,
    status: 'active',
    yearFounded: 2016,
  })
  for (const bad of [{ yearFounded: 'hier' }, { needsOrigin: 'everyone' }, { colour: 'red' }]) {
    const res = await fx.owner.patch(url, bad)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_input')
  }
  const note = await fx.newPage('Une note')
  expect((await fx.owner.patch(`/api/pages/${note}/properties`, { territory: 'X' })).body.error.code).toBe(
    'not_a_case',
  )
  const viewer = await memberWithRole(
    fx.server,
    fx.owner,
    fx.workspaceId,
    'viewer',
    'props-viewer@example.org',
  )
  expect((await viewer.api.get(url)).status).toBe(200)
  expect((await viewer.api.patch(url, { territory: 'Lyon' })).status).toBe(403)
})

test('outline lists the headings of a case sheet; the template page stays out of search', async () => {
  const pageId = await fx.newPage('Fiche plan', 'case')
  await waitFor(
    async () => (await fx.owner.get(`/api/pages/${pageId}/outline`)).body.headings.length > 0,
    5000,
    'outline',
  )
  const { headings } = (await fx.owner.get(`/api/pages/${pageId}/outline`)).body
  expect(headings.map((h: any) => h.level)).toEqual(SECTIONS.map(() => 2))
  const template = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/template`)).body
  expect((await search(fx.owner, fx.workspaceId, 'Modèle de fiche')).map((r) => r.pageId)).not.toContain(
    template.id,
  )
})
