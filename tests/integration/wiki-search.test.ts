/**
 * French search and the seed study, through the real server on a fresh install: one suite, run on
 * SQLite (FTS5) and on PostgreSQL (tsvector, `french` + `unaccent`), which must behave the same.
 */
import { describe, expect, test } from 'vitest'
import { memberWithRole } from '../support/api.ts'
import { ownerServer } from '../support/fixture.ts'
import { search, waitSearchHit, writeParagraph } from '../support/wiki.ts'

describe.each(['sqlite', 'postgres'] as const)('on %s', (store) => {
  const fx = ownerServer({ store })

  async function pageWithText(title: string, kind: string, text: string): Promise<string> {
    const pageId = await fx.newPage(title, kind)
    const client = fx.client(pageId)
    await client.synced
    writeParagraph(client, text)
    return pageId
  }

  test('a fresh install holds the seed study: typology, synthesis, guide, template, empty case section', async () => {
    const pages = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/pages`)).body.pages as any[]
    const byTitle = new Map(pages.map((p) => [p.title, p]))
    const typology = byTitle.get('Typologie')
    expect(typology).toBeDefined()
    const dimensions = pages.filter((p) => p.parentId === typology.id).map((p) => p.title)
    expect(dimensions).toEqual([
      "Types d'innovations",
      'Types de besoins',
      'Modalités de gouvernance',
      'Concepts opérationnels',
    ])
    expect(byTitle.get('Synthèse')?.kind).toBe('synthesis')
    expect(byTitle.get('Guide : rédiger une fiche de cas')).toBeDefined()
    const cases = byTitle.get('Fiches de cas')
    expect(pages.filter((p) => p.parentId === cases.id)).toEqual([])
    const template = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/template`)).body
    expect(template.title).toBe('Modèle de fiche de cas')

    // Codes are in the dimension pages, labels as the study wrote them.
    for (const label of ['Diffusion par fertilisation', 'Porter un projet politique commun', 'Empowerment']) {
      const hits = await search(fx.owner, fx.workspaceId, label)
      expect(hits.length, label).toBeGreaterThan(0)
    }
    // The typology page links its dimensions: they list it as a backlink.
    const needs = byTitle.get('Types de besoins')
    const back = (await fx.owner.get(`/api/pages/${needs.id}/backlinks`)).body.backlinks.map(
      (b: any) => b.title,
    )
    expect(back).toContain('Typologie')
  })

  test('French search: stems, case, prefixes and accents find "gouvernance collaborative"; snippets are highlighted', async () => {
    const pageId = await pageWithText(
      'Fiche Maison des habitants',
      'case',
      'Les habitants pratiquent une gouvernance collaborative au sein de l’école du quartier.',
    )
    const hit = await waitSearchHit(fx.owner, fx.workspaceId, 'gouvernance collaborative', pageId)
    expect(hit.snippet).toContain('<mark>gouvernance</mark> <mark>collaborative</mark>')
    for (const q of [
      'gouvernances',
      'Gouvernance',
      'gouvern',
      'GOUVERNANCES COLLABORATIVES',
      'ecole',
      'Ecole quartier',
    ]) {
      const results = await search(fx.owner, fx.workspaceId, q)
      expect(
        results.map((r) => r.pageId),
        q,
      ).toContain(pageId)
    }
    const ecole = (await search(fx.owner, fx.workspaceId, 'ecole')).find((r) => r.pageId === pageId)
    expect(ecole?.snippet).toContain('<mark>école</mark>')
  })

  test('titles rank first, the kind filter narrows, archived pages drop out', async () => {
    const titled = await fx.newPage('Coopérative alimentaire', 'case')
    const mention = await pageWithText('Notes de terrain', 'note', 'Visite à une coopérative de producteurs.')
    await waitSearchHit(fx.owner, fx.workspaceId, 'cooperative', mention)
    const results = await search(fx.owner, fx.workspaceId, 'coopérative')
    expect(results[0]?.pageId).toBe(titled)
    const notes = await search(fx.owner, fx.workspaceId, 'coopérative', 'note')
    expect(notes.map((r) => r.pageId)).toContain(mention)
    expect(notes.every((r) => r.kind === 'note')).toBe(true)
    await fx.owner.post(`/api/pages/${titled}/archive`)
    expect((await search(fx.owner, fx.workspaceId, 'coopérative')).map((r) => r.pageId)).not.toContain(titled)
    await fx.owner.post(`/api/pages/${titled}/restore`)
    expect((await search(fx.owner, fx.workspaceId, 'coopérative')).map((r) => r.pageId)).toContain(titled)
    const renamed = await fx.owner.patch(`/api/pages/${titled}`, { title: 'Épicerie paysanne' })
    expect(renamed.status).toBe(200)
    expect((await search(fx.owner, fx.workspaceId, 'paysanne')).map((r) => r.pageId)).toContain(titled)
  })

  test('an edit is searchable within 5 seconds', async () => {
    const pageId = await fx.newPage('Page éditée', 'note')
    const client = fx.client(pageId)
    await client.synced
    const started = Date.now()
    writeParagraph(client, 'Le tiers-lieu accueille une ressourcerie.')
    await waitSearchHit(fx.owner, fx.workspaceId, 'ressourcerie', pageId, 5000)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  test('query syntax characters are plain text, never an error', async () => {
    const pageId = await pageWithText(
      'Syntaxe',
      'note',
      'Autonomie OR empowerment : mise-en-commun (adaptabilité).',
    )
    await waitSearchHit(fx.owner, fx.workspaceId, 'adaptabilite', pageId)
    for (const q of [
      '"',
      '*',
      '-',
      'OR',
      '(',
      ')',
      '"gouvernance',
      'gouv*',
      '-empowerment',
      'autonomie OR',
      '(mise en commun',
      'NEAR(a b)',
      'title:autonomie',
      '^',
      '{}',
      "l'école",
      '   ',
      '',
      '💡',
      'a'.repeat(600),
    ]) {
      const res = await fx.owner.get(`/api/workspaces/${fx.workspaceId}/search?q=${encodeURIComponent(q)}`)
      expect([200, 400], q).toContain(res.status)
      if (res.status === 200) expect(Array.isArray(res.body.results), q).toBe(true)
      else expect(res.body.error.code).toBe('invalid_input')
    }
    expect((await search(fx.owner, fx.workspaceId, '(mise-en-commun')).map((r) => r.pageId)).toContain(pageId)
    expect((await search(fx.owner, fx.workspaceId, 'autonomie OR')).map((r) => r.pageId)).toContain(pageId)
    expect(
      (await search(fx.owner, fx.workspaceId, 'nothing', 'bogus' as string).catch((e) =>
        String(e),
      )) as string,
    ).toContain('400')
  })

  test('snippets escape page text: a body with markup never injects HTML', async () => {
    const pageId = await pageWithText('Balises', 'note', '<img src=x onerror=alert(1)> solidarité & partage')
    const hit = await waitSearchHit(fx.owner, fx.workspaceId, 'solidarite', pageId)
    expect(hit.snippet).not.toContain('<img')
    expect(hit.snippet).toContain('&#60;img')
    expect(hit.snippet).toContain('<mark>solidarité</mark>')
  })

  test('search needs membership; recent changes show who edited which page', async () => {
    const outsider = await memberWithRole(
      fx.server,
      fx.owner,
      (await fx.owner.post('/api/workspaces', { name: 'Autre' })).body.id,
      'editor',
      'search-outsider@example.org',
    )
    expect((await outsider.api.get(`/api/workspaces/${fx.workspaceId}/search?q=gouvernance`)).status).toBe(
      403,
    )
    const changes = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/changes`)).body.changes as any[]
    const edited = changes.find((c) => c.title === 'Page éditée')
    expect(edited).toMatchObject({ userName: 'Owner', kind: 'note' })
    expect(edited.lastAt).toBeGreaterThanOrEqual(edited.firstAt)
  })
})
