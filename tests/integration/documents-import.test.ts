/**
 * Importing documents as pages, through the real server: Word files written in the test with the
 * `docx` library, Markdown, HTML, plain text and ZIP archives; case sheets mapped onto the
 * template; hostile HTML; files refused (random bytes, an encrypted Word file, ZIP bombs) with
 * nothing created. Bodies are read back with a stock y-websocket client, as any editor would.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { TextRun } from 'docx'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import type { Api } from '../support/api.ts'
import { memberWithRole } from '../support/api.ts'
import { ownerServer } from '../support/fixture.ts'
import {
  docxBytes,
  encryptedDocx,
  filesForm,
  h,
  PNG,
  p,
  richDocx,
  table,
  zipBomb,
  zipBytes,
} from '../support/import-fixtures.ts'
import { waitSearchHit } from '../support/wiki.ts'

const MAX_IMPORT = 4 * 1024 * 1024
const fx = ownerServer({ env: { MAX_IMPORT_BYTES: String(MAX_IMPORT) } })

type File = { name: string; bytes: Uint8Array | string; type?: string }

const importFiles = (files: File[], fields: Record<string, string> = {}, api: Api = fx.owner) =>
  api.request('POST', `/api/workspaces/${fx.workspaceId}/import`, filesForm(files, fields))

const pageCount = async () =>
  (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/pages`)).body.pages.length

/** The page body as a compact string per top-level block: `h2(…)`, `p(*bold* _italic_)`, `ul(li(p(…)))`. */
async function blocks(pageId: string): Promise<string[]> {
  const c = fx.client(pageId)
  await c.synced
  const out = c.body.toArray().map(render)
  c.destroy()
  return out
}

function render(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return inline(node)
  if (!(node instanceof Y.XmlElement)) return '?'
  const inner = node.toArray().map(render).join(',')
  const name = node.nodeName
  const attrs = node.getAttributes() as Record<string, unknown>
  switch (name) {
    case 'heading':
      return `h${attrs.level}(${inner})`
    case 'paragraph':
      return `p(${inner})`
    case 'bulletList':
      return `ul(${inner})`
    case 'orderedList':
      return `ol(${inner})`
    case 'listItem':
      return `li(${inner})`
    case 'taskList':
      return `tasks(${inner})`
    case 'taskItem':
      return `task${attrs.checked ? '[x]' : '[ ]'}(${inner})`
    case 'tableRow':
      return `tr(${inner})`
    case 'tableCell':
      return `td(${inner})`
    case 'tableHeader':
      return `th(${inner})`
    case 'blockquote':
      return `quote(${inner})`
    case 'image':
      return `img(${String(attrs.src).startsWith('/api/files/') ? 'file' : String(attrs.src)})`
    case 'hardBreak':
      return '\\n'
    case 'pageLink':
      return `link:${attrs.pageId}`
    default:
      return `${name}(${inner})`
  }
}

function inline(text: Y.XmlText): string {
  return (text.toDelta() as { insert: string; attributes?: Record<string, { href?: string }> }[])
    .map(({ insert, attributes = {} }) => {
      let out = insert
      if (attributes.bold) out = `*${out}*`
      if (attributes.italic) out = `_${out}_`
      if (attributes.underline) out = `+${out}+`
      if (attributes.strike) out = `~${out}~`
      if (attributes.link) out = `[${out}](${attributes.link.href})`
      return out
    })
    .join('')
}

const RICH_BLOCKS = [
  "h2(Présentation de l'initiative)",
  'p(Une épicerie *très* ouverte à tous 🎉, à Échirolles.)',
  'p(_italique_ +souligné+ ~barré~)',
  'ul(li(p(Premier besoin),ul(li(p(Besoin imbriqué)))),li(p(Second besoin)))',
  'ol(li(p(Étape un)),li(p(Étape deux)))',
  'h2(Acteurs et territoire)',
  'table(tr(td(p(Acteur)),td(p(Rôle)),td(p(Depuis))),tr(td(p(Mairie)),td(p(Financeur)),td(p(2019))),tr(td(p(Habitants)),td(p(Bénévoles)),td(p(2020))))',
  'img(file)',
  'p(Fin du document — ça marche.)',
]

describe('formats keep their structure', () => {
  test('a Word document: headings, marks, nested list, 3×3 table, image, accents and emoji', async () => {
    const res = await importFiles([{ name: 'epicerie.docx', bytes: await richDocx() }])
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.pages).toEqual([
      expect.objectContaining({
        id: expect.any(String),
        title: 'Épicerie solidaire du Village',
        kind: 'note',
      }),
    ])
    const { id } = res.body.pages[0]
    expect(await blocks(id)).toEqual(RICH_BLOCKS)

    // The image is a stored file of the workspace, served to members.
    const c = fx.client(id)
    await c.synced
    const img = c.body
      .toArray()
      .find((n) => n instanceof Y.XmlElement && n.nodeName === 'image') as Y.XmlElement
    const file = await fx.owner.getBytes(String(img.getAttribute('src')))
    expect(file.status).toBe(200)
    expect(Buffer.from(file.bytes).equals(PNG)).toBe(true)
    c.destroy()

    // Derived like any page (search), and given an `import` version.
    await waitSearchHit(fx.owner, fx.workspaceId, 'Échirolles', id)
    const versions = await fx.owner.get(`/api/pages/${id}/versions`)
    expect(versions.body.versions.map((v: { kind: string }) => v.kind)).toEqual(['import'])
  })

  const PNG_URI = `data:image/png;base64,${PNG.toString('base64')}`

  test('a Markdown file: GFM tables, task lists, strikethrough, footnotes, a data: image', async () => {
    const md = [
      '# Notes de terrain',
      '',
      "## Présentation de l'initiative",
      '',
      'Une épicerie **très** ouverte à tous 🎉, à Échirolles.',
      '',
      '_italique_ ~~barré~~ [site](https://example.org/épicerie)',
      '',
      '- Premier besoin',
      '  - Besoin imbriqué',
      '- Second besoin',
      '',
      '* [x] Entretien fait',
      '* [ ] Relire la fiche',
      '',
      '| Acteur | Rôle | Depuis |',
      '| --- | --- | --- |',
      '| Mairie | Financeur | 2019 |',
      '| Habitants | Bénévoles | 2020 |',
      '',
      `![schéma](${PNG_URI})`,
      '',
      '> Une citation[^1].',
      '',
      '[^1]: Entretien du 3 mars.',
    ].join('\n')
    const res = await importFiles([{ name: 'notes.md', bytes: md }], { kind: 'synthesis' })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.pages[0]).toMatchObject({ title: 'Notes de terrain', kind: 'synthesis' })
    expect(await blocks(res.body.pages[0].id)).toEqual([
      "h2(Présentation de l'initiative)",
      'p(Une épicerie *très* ouverte à tous 🎉, à Échirolles.)',
      'p(_italique_ ~barré~ [site](https://example.org/%C3%A9picerie))',
      'ul(li(p(Premier besoin),ul(li(p(Besoin imbriqué)))),li(p(Second besoin)))',
      'tasks(task[x](p(Entretien fait)),task[ ](p(Relire la fiche)))',
      'table(tr(th(p(Acteur)),th(p(Rôle)),th(p(Depuis))),tr(td(p(Mairie)),td(p(Financeur)),td(p(2019))),tr(td(p(Habitants)),td(p(Bénévoles)),td(p(2020))))',
      'img(file)',
      'quote(p(Une citation[1].))',
      'horizontalRule()',
      'ol(li(p(Entretien du 3 mars.)))',
    ])
  })

  test('an HTML file: the same structure, its <title> as the page title', async () => {
    const html = `<!doctype html><html><head><title>Fiche &amp; notes</title><style>p{color:red}</style></head><body>
      <h2>Présentation de l'initiative</h2>
      <p>Une épicerie <b>très</b> ouverte à tous 🎉, à Échirolles.</p>
      <p><i>italique</i> <u>souligné</u> <del>barré</del></p>
      <ul><li>Premier besoin<ul><li>Besoin imbriqué</li></ul></li><li>Second besoin</li></ul>
      <ol><li>Étape un</li><li>Étape deux</li></ol>
      <table><tr><td>A</td><td>B</td><td>C</td></tr><tr><td>1</td><td>2</td><td>3</td></tr><tr><td>4</td><td>5</td><td>6</td></tr></table>
      <p><img src="${PNG_URI}" alt="schéma"></p>
      <blockquote><p>Citée.</p></blockquote>
    </body></html>`
    const res = await importFiles([{ name: 'fiche.html', bytes: html }])
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.pages[0].title).toBe('Fiche & notes')
    expect(await blocks(res.body.pages[0].id)).toEqual([
      "h2(Présentation de l'initiative)",
      'p(Une épicerie *très* ouverte à tous 🎉, à Échirolles.)',
      'p(_italique_ +souligné+ ~barré~)',
      'ul(li(p(Premier besoin),ul(li(p(Besoin imbriqué)))),li(p(Second besoin)))',
      'ol(li(p(Étape un)),li(p(Étape deux)))',
      'table(tr(td(p(A)),td(p(B)),td(p(C))),tr(td(p(1)),td(p(2)),td(p(3))),tr(td(p(4)),td(p(5)),td(p(6))))',
      'img(file)',
      'quote(p(Citée.))',
    ])
  })

  test('plain text: paragraphs and line breaks', async () => {
    const res = await importFiles([
      { name: 'compte_rendu.txt', bytes: 'Ligne un\nligne deux\n\nSecond paragraphe <b>pas du HTML</b>' },
    ])
    expect(res.status).toBe(201)
    expect(res.body.pages[0].title).toBe('compte rendu')
    expect(await blocks(res.body.pages[0].id)).toEqual([
      'p(Ligne un,\\n,ligne deux)',
      'p(Second paragraphe <b>pas du HTML</b>)',
    ])
  })

  test('several files at once, under a parent page', async () => {
    const parentId = await fx.newPage('Dossier importé')
    const res = await importFiles(
      [
        { name: 'a.md', bytes: 'Premier' },
        { name: 'b.txt', bytes: 'Second' },
      ],
      { parentId },
    )
    expect(res.status).toBe(201)
    expect(
      res.body.pages.map((page: { title: string; parentId: string }) => [page.title, page.parentId]),
    ).toEqual([
      ['a', parentId],
      ['b', parentId],
    ])
  })

  test('a ZIP: folders become a page tree, images beside Markdown are stored, other files reported', async () => {
    const archive = zipBytes({
      'Étude/Fiches de cas.md': 'Les fiches.',
      'Étude/Fiches de cas/Épicerie.md': 'Voir le ![schéma](../images/schéma.png).',
      'Étude/Fiches de cas/Jardin.docx': await docxBytes([p('Un jardin partagé.')]),
      'Étude/Synthèse.md':
        'La synthèse, voir [la fiche](Fiches%20de%20cas/Épicerie.md) et [le site](https://example.org).',
      'Étude/images/schéma.png': PNG,
      'Étude/tableur.xlsx': 'pas un document',
      '__MACOSX/._Synthèse.md': 'x',
    })
    const res = await importFiles([{ name: 'etude.zip', bytes: archive }])
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const byTitle = new Map(res.body.pages.map((page: { title: string }) => [page.title, page]))
    const study = byTitle.get('Étude') as { id: string }
    const cases = byTitle.get('Fiches de cas') as { id: string; parentId: string }
    expect(cases.parentId).toBe(study.id)
    expect((byTitle.get('Synthèse') as { parentId: string }).parentId).toBe(study.id)
    expect((byTitle.get('Épicerie') as { parentId: string }).parentId).toBe(cases.id)
    expect((byTitle.get('Jardin') as { parentId: string }).parentId).toBe(cases.id)
    expect(res.body.pages).toHaveLength(5)
    expect(await blocks(cases.id)).toEqual(['p(Les fiches.)'])
    expect(await blocks((byTitle.get('Épicerie') as { id: string }).id)).toEqual([
      'p(Voir le)',
      'img(file)',
      'p(.)',
    ])
    expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'zip_entries_skipped', count: 1 })])

    // A link between two documents of the archive is a page link, derived as a backlink.
    const epicerie = byTitle.get('Épicerie') as { id: string }
    const synthese = byTitle.get('Synthèse') as { id: string }
    expect(await blocks(synthese.id)).toEqual([
      `p(La synthèse, voir ,link:${epicerie.id}, et [le site](https://example.org).)`,
    ])
    const backlinks = await fx.owner.get(`/api/pages/${epicerie.id}/backlinks`)
    expect(JSON.stringify(backlinks.body)).toContain(synthese.id)
  })

  test('a link to a page of the workspace (as exports write them) becomes a page link; others stay links', async () => {
    const target = await fx.newPage('Page liée')
    const html = `<p>Voir <a href="/p/${target}">la page</a>, <a href="http://localhost:3000/p/${target}">encore</a> et <a href="/p/inconnue">une autre</a>.</p>`
    const res = await importFiles([{ name: 'liens.html', bytes: html }])
    expect(res.status).toBe(201)
    expect(await blocks(res.body.pages[0].id)).toEqual([
      `p(Voir ,link:${target},, ,link:${target}, et une autre.)`,
    ])
  })
})

describe('front matter', () => {
  test('a Markdown archive (front matter: title, kind, properties, codes) imports its kinds and properties', async () => {
    const archive = zipBytes({
      'Fiches de cas.md': '---\ntitle: Fiches de cas\nkind: note\nid: abc\ncodes: []\n---\n\nLes fiches.',
      'Fiches de cas/la-cantine.md': [
        '---',
        'title: "La Cantine : solidaire"',
        'kind: case',
        'id: "x1"',
        'properties:',
        '  Territoire: Grenoble',
        '  yearFounded: 2016',
        '  Origine des besoins: Les deux',
        '  status: active',
        'codes:',
        '  - Empowerment',
        'passage_codes:',
        '  - Autonomie',
        '---',
        '',
        '## Gouvernance',
        '',
        'Collégiale.',
      ].join('\n'),
      'Synthèse.md': '---\nkind: synthesis\n---\n\n# Synthèse\n\nLe texte.',
      'Cassée.md': '---\n: : [\n---\n\nTexte.',
    })
    const res = await importFiles([{ name: 'archive.zip', bytes: archive }])
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const byTitle = new Map(res.body.pages.map((page: { title: string }) => [page.title, page]))
    const cantine = byTitle.get('La Cantine : solidaire') as {
      id: string
      kind: string
      warnings: { code: string }[]
    }
    expect(cantine.kind).toBe('case')
    expect((byTitle.get('Synthèse') as { kind: string }).kind).toBe('synthesis')
    expect((byTitle.get('Fiches de cas') as { kind: string }).kind).toBe('note')
    expect((await fx.owner.get(`/api/pages/${cantine.id}/properties`)).body.properties).toEqual({
      territory: 'Grenoble',
      yearFounded: 2016,
      needsOrigin: 'both',
      status: 'active',
    })
    expect(cantine.warnings.map((w) => w.code)).toContain('front_matter_codes')
    const out = await blocks(cantine.id)
    expect(out.slice(out.indexOf('h2(Gouvernance)'), out.indexOf('h2(Gouvernance)') + 2)).toEqual([
      'h2(Gouvernance)',
      'p(Collégiale.)',
    ])
    expect(out.join(' ')).not.toContain('kind')
    const broken = byTitle.get('Cassée') as { id: string; warnings: { code: string }[] }
    expect(broken.warnings.map((w) => w.code)).toEqual(['front_matter_invalid'])
    expect(await blocks(broken.id)).toEqual(['p(Texte.)'])
  })
})

describe('case sheets', () => {
  test('a Word case sheet: sections under the template headings, properties from its table, the rest after', async () => {
    const docx = await docxBytes([
      h(1, 'La Cantine solidaire'),
      table([
        ['Territoire', 'Grenoble, quartier Mistral'],
        ['Année de création', 'Créée en 2016'],
        ['Origine des besoins', 'Les deux'],
        ['Statut', 'En activité'],
      ]),
      h(2, 'GOUVERNANCE'),
      p('Un conseil collégial.'),
      h(2, '1. Presentation de l’initiative'),
      p('Une cantine ', new TextRun({ text: 'ouverte', bold: true }), '.'),
      h(3, 'Historique'),
      p('Née en 2016.'),
      h(2, 'Annexe photographique'),
      p('Des photos.'),
      h(2, 'Les acteurs'),
      p('Habitants et mairie.'),
    ])
    const res = await importFiles([{ name: 'cantine.docx', bytes: docx }], { kind: 'case' })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const page = res.body.pages[0]
    expect(page).toMatchObject({ title: 'La Cantine solidaire', kind: 'case' })
    expect(await blocks(page.id)).toEqual([
      "h2(Présentation de l'initiative)",
      'p(Une cantine *ouverte*.)',
      'h3(Historique)',
      'p(Née en 2016.)',
      'h2(Acteurs et territoire)',
      'p(Habitants et mairie.)',
      'h2(Besoins adressés)',
      'p()',
      'h2(Gouvernance)',
      'p(Un conseil collégial.)',
      "h2(Changement d'échelle)",
      'p()',
      'h2(Sources et contacts)',
      'p()',
      'h2(Annexe photographique)',
      'p(Des photos.)',
    ])
    expect((await fx.owner.get(`/api/pages/${page.id}/properties`)).body.properties).toEqual({
      territory: 'Grenoble, quartier Mistral',
      yearFounded: 2016,
      needsOrigin: 'both',
      status: 'active',
    })
    expect(page.warnings).toEqual([expect.objectContaining({ code: 'sections_missing', count: 3 })])
  })

  test('owners edit the synonyms; an editor reads them but may not change them', async () => {
    const editor = await memberWithRole(
      fx.server,
      fx.owner,
      fx.workspaceId,
      'editor',
      'import-editor@example.org',
    )
    const path = `/api/workspaces/${fx.workspaceId}/import/synonyms`
    const before = await editor.api.get(path)
    expect(before.status).toBe(200)
    expect(before.body.sections.Gouvernance).toContain('Mode de gouvernance')
    expect((await editor.api.patch(path, { sections: { Gouvernance: ['Pilotage'] } })).status).toBe(403)
    const changed = await fx.owner.patch(path, {
      sections: { ...before.body.sections, Gouvernance: ['Pilotage'] },
    })
    expect(changed.status).toBe(200)
    expect(changed.body.sections.Gouvernance).toEqual(['Pilotage'])
    expect((await fx.owner.patch(path, { sections: { Gouvernance: [''] } })).status).toBe(400)

    const md = '## Pilotage\n\nUn comité.\n\n## Mode de gouvernance\n\nNe correspond plus.'
    const res = await importFiles([{ name: 'pilotage.md', bytes: md }], { kind: 'case' }, editor.api)
    expect(res.status).toBe(201)
    const out = await blocks(res.body.pages[0].id)
    expect(out.slice(out.indexOf('h2(Gouvernance)'), out.indexOf('h2(Gouvernance)') + 2)).toEqual([
      'h2(Gouvernance)',
      'p(Un comité.)',
    ])
    expect(out.slice(-2)).toEqual(['h2(Mode de gouvernance)', 'p(Ne correspond plus.)'])
  })
})

describe('safety', () => {
  let outside: http.Server
  let outsideUrl = ''
  const outsideRequests: string[] = []
  beforeAll(async () => {
    outside = http.createServer((req, res) => {
      outsideRequests.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(PNG)
    })
    await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve))
    outsideUrl = `http://127.0.0.1:${(outside.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => outside.close(() => resolve())))

  test('hostile HTML imports with no script, handler, javascript: link or external image, and nothing is fetched', async () => {
    const html = `<h2 onclick="alert(1)">Titre</h2>
      <script>fetch('${outsideUrl}/script')</script>
      <p>Avant <img src="${outsideUrl}/tracker.png" alt="photo du local" onerror="alert(2)"> après</p>
      <p><a href="javascript:alert(3)">piège</a> et <a href="https://example.org" onmouseover="alert(4)">sûr</a></p>
      <p><img src="${outsideUrl}/nothing.png"><img srcset="${outsideUrl}/set.png 2x" src="//127.0.0.1/x.png"></p>
      <iframe src="${outsideUrl}/frame"></iframe><object data="${outsideUrl}/object"></object>
      <svg><image href="${outsideUrl}/svg.png"/></svg>
      <p style="background:url(${outsideUrl}/style.png)">Fond</p>`
    const res = await importFiles([{ name: 'piege.html', bytes: html }])
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const page = res.body.pages[0]
    const out = await blocks(page.id)
    expect(out).toEqual([
      'h2(Titre)',
      'p(Avant photo du local après)',
      'p(piège et [sûr](https://example.org))',
      'p(Fond)',
    ])
    const c = fx.client(page.id)
    await c.synced
    const xml = c.body.toString()
    c.destroy()
    for (const bad of ['script', 'onerror', 'onclick', 'javascript:', outsideUrl, 'iframe', 'alert'])
      expect(xml).not.toContain(bad)
    expect(page.warnings.map((w: { code: string }) => w.code).sort()).toEqual([
      'external_images',
      'links_removed',
      'scripts_removed',
    ])
    // Markdown's raw HTML goes through the same cleaning.
    const md = await importFiles([
      {
        name: 'piege.md',
        bytes: `![x](${outsideUrl}/md.png)\n\n<img src="${outsideUrl}/raw.png" onerror="alert(1)">\n\n[lien](javascript:alert(1))`,
      },
    ])
    expect(md.status).toBe(201)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(outsideRequests).toEqual([])
  })

  describe('refused files create nothing', () => {
    // Built while the file is collected, before any request: building them blocks the event loop
    // for seconds, and a keep-alive socket the server closed meanwhile would fail the next call.
    // One bomb serves as a .zip (its entry is no document: inflated and counted, never kept) and
    // as a .docx (its entry is the document mammoth would read).
    const bomb = zipBomb(300, 'word/document.xml')
    const bombs = { zip: bomb, docx: bomb, many: manyEntries(5001) }
    test.each([
      [
        'random bytes named .docx',
        () => ({ name: 'hasard.docx', bytes: randomBytes(20_000) }),
        400,
        'invalid_file',
      ],
      [
        'an encrypted Word document',
        () => ({ name: 'protege.docx', bytes: encryptedDocx() }),
        400,
        'invalid_file',
      ],
      ['a ZIP bomb (300 MiB of zeros)', () => ({ name: 'bombe.zip', bytes: bombs.zip }), 400, 'invalid_file'],
      [
        'a Word document that is a ZIP bomb',
        () => ({ name: 'bombe.docx', bytes: bombs.docx }),
        400,
        'invalid_file',
      ],
      ['a ZIP of too many entries', () => ({ name: 'nombreux.zip', bytes: bombs.many }), 400, 'invalid_file'],
      ['a PDF', () => ({ name: 'rapport.pdf', bytes: '%PDF-1.7' }), 415, 'unsupported_file'],
      [
        'a Markdown file that is not text',
        () => ({ name: 'binaire.md', bytes: randomBytes(2000) }),
        400,
        'invalid_file',
      ],
      [
        'a file over MAX_IMPORT_BYTES',
        () => ({ name: 'gros.txt', bytes: 'a'.repeat(MAX_IMPORT + 1) }),
        413,
        'payload_too_large',
      ],
    ])('%s', async (_what, file, status, code) => {
      const bad = file()
      const before = await pageCount()
      // Beside a good file: the good one is not created either.
      const res = await importFiles([{ name: 'bon.md', bytes: '# Bon\n\nTexte.' }, bad], { kind: 'case' })
      expect(res.status, JSON.stringify(res.body)).toBe(status)
      expect(res.body.error.code).toBe(code)
      expect(await pageCount()).toBe(before)
    })
  })

  test('commenters and viewers may not import', async () => {
    const viewer = await memberWithRole(
      fx.server,
      fx.owner,
      fx.workspaceId,
      'viewer',
      'import-viewer@example.org',
    )
    const before = await pageCount()
    const res = await importFiles([{ name: 'a.md', bytes: 'x' }], {}, viewer.api)
    expect(res.status).toBe(403)
    expect(await pageCount()).toBe(before)
  })

  test('a bad kind or parent is a 400 naming the field', async () => {
    const kind = await importFiles([{ name: 'a.md', bytes: 'x' }], { kind: 'template' })
    expect([kind.status, kind.body.error.field]).toEqual([400, 'kind'])
    const parent = await importFiles([{ name: 'a.md', bytes: 'x' }], { parentId: 'nope' })
    expect([parent.status, parent.body.error.field]).toEqual([400, 'parentId'])
  })
})

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n)
  let seed = 42
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0
    bytes[i] = seed >>> 24
  }
  return bytes
}

function manyEntries(n: number): Uint8Array {
  const files: Record<string, string> = {}
  for (let i = 0; i < n; i++) files[`note-${i}.md`] = 'x'
  return zipBytes(files)
}

test('what a DOCX export writes comes back: Title, headings, a header row, a hyperlink to a page', async () => {
  const { ExternalHyperlink, Paragraph, Table, TableCell, TableRow } = await import('docx')
  const target = await fx.newPage('Synthèse liée')
  const docx = await docxBytes([
    new Paragraph({ style: 'Title', children: [new TextRun('Rapport d’étude 2026')] }),
    h(1, 'Première partie'),
    new Paragraph({
      children: [
        new TextRun('Voir '),
        new ExternalHyperlink({
          link: `http://localhost:3000/p/${target}`,
          children: [new TextRun('la synthèse')],
        }),
      ],
    }),
    new Table({
      rows: [
        new TableRow({ tableHeader: true, children: [new TableCell({ children: [p('Code')] })] }),
        new TableRow({ children: [new TableCell({ children: [p('Empowerment')] })] }),
      ],
    }),
    h(1, 'Seconde partie'),
  ])
  const res = await importFiles([{ name: 'rapport.docx', bytes: docx }])
  expect(res.status).toBe(201)
  expect(res.body.pages[0].title).toBe('Rapport d’étude 2026')
  expect(await blocks(res.body.pages[0].id)).toEqual([
    'h1(Première partie)',
    `p(Voir ,link:${target})`,
    'table(tr(th(p(Code))),tr(td(p(Empowerment))))',
    'h1(Seconde partie)',
  ])
})

test('Word comments and tracked changes are reported; footnotes come as text at the end', async () => {
  const {
    CommentRangeEnd,
    CommentRangeStart,
    CommentReference,
    DeletedTextRun,
    FootnoteReferenceRun,
    InsertedTextRun,
    Paragraph,
  } = await import('docx')
  const docx = await docxBytes(
    [
      new Paragraph({
        children: [
          new CommentRangeStart(0),
          new TextRun('Les habitants gèrent'),
          new CommentRangeEnd(0),
          new TextRun({ children: [new CommentReference(0)] }),
          new InsertedTextRun({ id: 1, author: 'Léa', date: '2026-11-30T10:00:00Z', text: ' ensemble' }),
          new DeletedTextRun({ id: 2, author: 'Léa', date: '2026-11-30T10:00:00Z', text: ' seuls' }),
          new TextRun(' la cantine.'),
          new FootnoteReferenceRun(1),
        ],
      }),
    ],
    {
      comments: { children: [{ id: 0, author: 'Léa', initials: 'LM', children: [p('Source ?')] }] },
      footnotes: { 1: { children: [p('Entretien du 3 mars.')] } },
    },
  )
  const res = await importFiles([{ name: 'relu.docx', bytes: docx }])
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const page = res.body.pages[0]
  expect(page.warnings).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ code: 'docx_comments', count: 1 }),
      expect.objectContaining({ code: 'docx_tracked_changes', count: 2 }),
    ]),
  )
  expect(await blocks(page.id)).toEqual([
    'p(Les habitants gèrent ensemble la cantine.[1])',
    'ol(li(p(Entretien du 3 mars.)))',
  ])
})

describe('round trip', () => {
  test('a page exported to Word and imported back is the same document', async () => {
    const first = await importFiles([{ name: 'epicerie.docx', bytes: await richDocx() }])
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const original = first.body.pages[0]
    const exported = await fx.owner.getBytes(`/api/pages/${original.id}/export?format=docx`)
    expect(exported.status).toBe(200)
    const again = await importFiles([{ name: 'export.docx', bytes: exported.bytes }])
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    const copy = again.body.pages[0]
    expect(copy.title).toBe(original.title)
    expect(await blocks(copy.id)).toEqual(await blocks(original.id))
    expect(await blocks(copy.id)).toEqual(RICH_BLOCKS)
  })

  test('a page exported to Markdown and imported back is the same document', async () => {
    const first = await importFiles([{ name: 'epicerie.docx', bytes: await richDocx() }])
    const original = first.body.pages[0]
    const exported = await fx.owner.getBytes(`/api/pages/${original.id}/export?format=md`)
    expect(exported.status).toBe(200)
    const again = await importFiles([{ name: 'export.md', bytes: exported.bytes }])
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    // A single page's Markdown links its images to the server rather than carrying them.
    const withoutImages = (bs: string[]) => bs.filter((b) => !b.startsWith('img('))
    expect(withoutImages(await blocks(again.body.pages[0].id))).toEqual(
      withoutImages(await blocks(original.id)),
    )
  })
})
