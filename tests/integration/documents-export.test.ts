/**
 * Exports through the real server: a page written by a stock y-websocket client (headings, marks,
 * nested lists, a table, an image, a task list, a callout, a quotation, links, a comment and a
 * coded passage) as Markdown, HTML, Word and PDF; the study dossier of the seeded workspace plus
 * three case sheets as Word (unzipped), PDF (pdftotext), HTML (xmllint) and a Markdown archive.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { anchorOf, openThread } from '../support/comments.ts'
import { PNG, uploadImage } from '../support/files.ts'
import { ownerServer } from '../support/fixture.ts'
import { waitFor } from '../support/server.ts'
import { codeByLabel } from '../support/typology.ts'

const fx = ownerServer()
const work = mkdtempSync(path.join(tmpdir(), 'tisserand-export-'))

/** The seeded typology's labels (shared/domain.md), every one of which the dossier must carry. */
const LABELS = [
  "Types d'innovations",
  'Besoins soulevés',
  'Gouvernance collaborative',
  'Types de besoins',
  'Besoins matériels précis',
  'Besoins transversaux',
  'Liens sociaux de proximité et horizontalité',
  'Changer de regard',
  'Porter un projet politique commun / se sentir actif dans la société',
  'Offrir un service de qualité aux bénéficiaires',
  'Modalités de gouvernance',
  "Gouvernance pérenne, permettant le changement d'échelle",
  'Concepts opérationnels',
  'Autonomie',
  'Empowerment',
  'Mise en commun',
  'Adaptabilité',
  'Approfondissement',
  'Diversification',
  'Déploiement géographique',
  'Diffusion par fertilisation',
  'Coopération',
  'Fusion',
]

function el(
  name: string,
  attrs: Record<string, unknown>,
  children: (Y.XmlElement | Y.XmlText)[],
): Y.XmlElement {
  const e = new Y.XmlElement(name)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string)
  e.insert(0, children)
  return e
}
function txt(...runs: [string, Record<string, unknown>?][]): Y.XmlText {
  const t = new Y.XmlText()
  let at = 0
  for (const [s, marks] of runs) {
    t.insert(at, s, marks ?? {})
    at += s.length
  }
  return t
}
const p = (...runs: [string, Record<string, unknown>?][]) => el('paragraph', {}, [txt(...runs)])
const li = (...children: Y.XmlElement[]) => el('listItem', {}, children)
const cell = (name: 'tableHeader' | 'tableCell', s: string) => el(name, { colspan: 1, rowspan: 1 }, [p([s])])

async function pageDoc(pageId: string, build: (body: Y.XmlFragment) => Y.XmlText | undefined) {
  const client = fx.client(pageId)
  await client.synced
  let marked: Y.XmlText | undefined
  client.doc.transact(() => {
    marked = build(client.body)
  })
  return { client, marked }
}

async function exportOf(url: string) {
  const res = await fx.owner.getBytes(url)
  return res
}

function pdfText(bytes: Uint8Array, name: string, layout = false): string {
  const file = path.join(work, name)
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...(layout ? ['-layout'] : []), file, '-'], {
    encoding: 'utf8',
  })
}

/** xmllint's HTML parser and its XML parser both read the file without a complaint. */
function validateHtml(html: string, name: string): void {
  const file = path.join(work, name)
  writeFileSync(file, html)
  const run = (args: string[]) => {
    try {
      return execFileSync('xmllint', [...args, '--noout', file], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    } catch (error) {
      return String((error as { stderr?: string }).stderr ?? error)
    }
  }
  expect(run(['--html'])).toBe('')
  expect(run([])).toBe('')
}

/** Text of a DOCX's main part, with tags removed (runs of one word may be split). */
function docxParts(bytes: Uint8Array, name: string) {
  // Kept beside the PDFs and HTML of the run, for a look when a check fails.
  writeFileSync(path.join(work, name), bytes)
  const files = unzipSync(bytes)
  const xml = strFromU8(files['word/document.xml'] as Uint8Array)
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&')
  const text = decode(
    [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
      .join('\n'),
  )
  return { files, xml, text }
}

describe('a page export', () => {
  let pageId = ''
  let linkedId = ''
  let fileId = ''

  beforeAll(async () => {
    const { owner, workspaceId } = fx
    linkedId = await fx.newPage('Synthèse des échanges', 'note')
    pageId = await fx.newPage('Fiche : « Café-répar’ » à Échirolles', 'note')
    const upload = await uploadImage(owner, workspaceId, PNG, 'schéma.png')
    expect(upload.status).toBe(201)
    fileId = upload.body.id
    const { marked } = await pageDoc(pageId, (body) => {
      const coded = txt(['Les habitants réparent ensemble leurs objets.'])
      body.insert(0, [
        el('heading', { level: 2 }, [txt(['Présentation de l’initiative'])]),
        el('paragraph', {}, [
          txt(
            ['Un texte ', {}],
            ['en gras', { bold: true }],
            [', ', {}],
            ['en italique', { italic: true }],
            [', ', {}],
            ['souligné', { underline: true }],
            [' et ', {}],
            ['barré', { strike: true }],
            ['. Œuvre, naïve, déjà 🙂 ; voir ', {}],
            ['le site', { link: { href: 'https://example.org/cafe' } }],
            [' et ', {}],
          ),
          el('pageLink', { pageId: linkedId }, []),
        ]),
        el('paragraph', {}, [coded]),
        el('bulletList', {}, [
          li(p(['Premier point']), el('bulletList', {}, [li(p(['Sous-point imbriqué']))])),
          li(p(['Deuxième point'])),
        ]),
        el('orderedList', { start: 1 }, [li(p(['Étape une'])), li(p(['Étape deux']))]),
        el('table', {}, [
          el('tableRow', {}, [
            cell('tableHeader', 'Acteur'),
            cell('tableHeader', 'Rôle'),
            cell('tableHeader', 'Année'),
          ]),
          el('tableRow', {}, [
            cell('tableCell', 'Mairie'),
            cell('tableCell', 'Locaux'),
            cell('tableCell', '2019'),
          ]),
          el('tableRow', {}, [
            cell('tableCell', 'Bénévoles'),
            cell('tableCell', 'Réparations'),
            cell('tableCell', '2020'),
          ]),
        ]),
        el('image', { src: `/api/files/${fileId}`, alt: 'Schéma du local' }, []),
        el('taskList', {}, [
          el('taskItem', { checked: true }, [p(['Rencontrer l’équipe'])]),
          el('taskItem', { checked: false }, [p(['Relire la fiche'])]),
        ]),
        el('callout', { tone: 'warning' }, [p(['Données à vérifier'])]),
        el('blockquote', {}, [p(['« On répare, donc on se parle. »'])]),
      ])
      return coded
    })
    if (!marked) throw new Error('no coded paragraph')
    // A comment thread and a coded passage on the third block.
    const thread = await openThread(owner, pageId, anchorOf(marked, 4, 13), 'Qui sont-ils ?', 'habitants')
    expect(thread.status).toBe(201)
    const empowerment = await codeByLabel(owner, workspaceId, 'Empowerment')
    const coded = await waitFor(async () => {
      const res = await owner.post(`/api/pages/${pageId}/passages`, {
        codeIds: [empowerment.id],
        anchor: anchorOf(marked as Y.XmlText, 14, 22),
        quote: 'réparent',
      })
      return res.status === 409 ? null : res
    }, 10_000)
    expect(coded.status).toBe(201)
  })

  test('Markdown: CommonMark and GFM, with comments and codes as footnotes', async () => {
    const res = await exportOf(`/api/pages/${pageId}/export?format=md&comments=1&codes=1`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    const disposition = res.headers.get('content-disposition') ?? ''
    expect(disposition).toContain('attachment; filename="fiche-cafe-repar-a-echirolles.md"')
    const encoded = /filename\*=UTF-8''([^;\s]+)/.exec(disposition)?.[1] ?? ''
    expect(encoded).not.toMatch(/['()*\s]/)
    expect(decodeURIComponent(encoded)).toBe('Fiche : « Café-répar’ » à Échirolles.md')
    const md = strFromU8(res.bytes)
    expect(md).toContain('# Fiche : « Café-répar’ » à Échirolles')
    expect(md).toContain('## Présentation de l’initiative')
    expect(md).toContain('**en gras**')
    expect(md).toContain('*en italique*')
    expect(md).toContain('<u>souligné</u>')
    expect(md).toContain('~~barré~~')
    expect(md).toContain('[le site](<https://example.org/cafe>)')
    expect(md).toContain(`[Synthèse des échanges](/p/${linkedId})`)
    expect(md).toMatch(/^- Premier point\n {2}- Sous-point imbriqué\n- Deuxième point$/m)
    expect(md).toMatch(/^1\. Étape une\n2\. Étape deux$/m)
    expect(md).toMatch(
      /^\| Acteur \| Rôle \| Année \|\n\| --- \| --- \| --- \|\n\| Mairie \| Locaux \| 2019 \|$/m,
    )
    expect(md).toContain(`![Schéma du local](/api/files/${fileId})`)
    expect(md).toContain('- [x] Rencontrer l’équipe')
    expect(md).toContain('- [ ] Relire la fiche')
    expect(md).toContain('> [!WARNING]\n> Données à vérifier')
    expect(md).toContain('> « On répare, donc on se parle. »')
    expect(md).toMatch(/\[\^1\]: Owner\u00a0: Qui sont-ils \?/)
    expect(md).toMatch(/\[\^2\]: Code\u00a0: Empowerment/)
    expect(md).toContain('<mark')
    // Without the flags, no footnote.
    const plain = strFromU8((await exportOf(`/api/pages/${pageId}/export?format=md`)).bytes)
    expect(plain).not.toContain('[^1]')
    expect(plain).not.toContain('<mark')
  })

  test('HTML: standalone, valid, image embedded, notes linked', async () => {
    const res = await exportOf(`/api/pages/${pageId}/export?format=html&comments=1&codes=1`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = strFromU8(res.bytes)
    validateHtml(html, 'page.html')
    expect(html).toContain('<h2>Présentation de l’initiative</h2>')
    expect(html).toContain('<strong>en gras</strong>')
    expect(html).toContain(
      `<img src="data:image/png;base64,${PNG.toString('base64')}" alt="Schéma du local" />`,
    )
    expect(html).toContain('<table><tbody><tr><th><p>Acteur</p>')
    expect(html).toContain('<ul><li><p>Premier point</p>\n<ul><li><p>Sous-point imbriqué</p>')
    expect(html).toContain(`<a href="/p/${linkedId}">Synthèse des échanges</a>`)
    expect(html).toContain('class="coded"')
    expect(html).toContain('Owner\u00a0: Qui sont-ils ?')
    expect(html).toContain('Code\u00a0: Empowerment')
    expect(html).not.toContain('/api/files/')
  })

  test('DOCX: Word headings, numbering, a real table, the image, footnotes', async () => {
    const res = await exportOf(`/api/pages/${pageId}/export?format=docx&comments=1&codes=1`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    const { files, xml, text } = docxParts(res.bytes, 'page.docx')
    expect(text).toContain('Fiche : « Café-répar’ » à Échirolles')
    // The page's title is Word's Title; its headings keep their own levels.
    expect(xml).toContain('<w:pStyle w:val="Title"/>')
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>')
    expect(xml).not.toContain('<w:pStyle w:val="Heading1"/>')
    expect(text).toContain('Présentation de l’initiative')
    expect(text).toContain('Œuvre, naïve, déjà 🙂')
    expect(xml).toMatch(/<w:numPr><w:ilvl w:val="1"\/>/)
    expect(xml).toContain('<w:tbl>')
    // One header row, marked as such; the others not at all (mammoth reads any tblHeader as a header).
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(1)
    expect(xml).not.toContain('w:tblHeader w:val')
    expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBeGreaterThanOrEqual(3)
    expect(Object.keys(files).some((f) => f.startsWith('word/media/'))).toBe(true)
    expect(xml).toContain('<w:footnoteReference w:id="1"/>')
    const notes = strFromU8(files['word/footnotes.xml'] as Uint8Array)
    expect(notes).toContain('Qui sont-ils ?')
    expect(notes).toContain('Empowerment')
    // Tasks carry Word checkboxes (w14:checkbox content controls), checked as they are.
    expect(xml).toMatch(/<w14:checkbox><w14:checked w14:val="1"\/>[\s\S]*?Rencontrer l’équipe/)
    expect(xml).toMatch(/<w14:checkbox><w14:checked w14:val="0"\/>[\s\S]*?Relire la fiche/)
  })

  test('PDF: the text with its French glyphs, page numbers', async () => {
    const res = await exportOf(`/api/pages/${pageId}/export?format=pdf&comments=1&codes=1`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(strFromU8(res.bytes.subarray(0, 5))).toBe('%PDF-')
    const text = pdfText(res.bytes, 'page.pdf')
    for (const s of [
      'Fiche : « Café-répar’ » à Échirolles',
      'Présentation de l’initiative',
      'Œuvre, naïve, déjà',
      'Sous-point imbriqué',
      'Bénévoles',
      'Réparations',
      'Relire la fiche',
      'Données à vérifier',
      'Synthèse des échanges',
      'Qui sont-ils ?',
      'Code : Empowerment',
    ])
      expect(text).toContain(s)
    expect(text).toMatch(/^\s*1\s*$/m)
  })

  test('exporting writes nothing: the page, open in a client, keeps its stored updates', async () => {
    const db = new Database(path.join(fx.server.dataDir, 'tisserand.db'), { readonly: true })
    try {
      const stored = () =>
        db
          .prepare(
            `SELECT (SELECT count(*) FROM doc_update WHERE doc_name = ?) AS updates,
                    (SELECT hex(data) FROM doc_snapshot WHERE doc_name = ?) AS snapshot`,
          )
          .get(pageId, pageId)
      const before = stored()
      for (const format of ['md', 'html', 'docx', 'pdf'])
        expect(
          (await exportOf(`/api/pages/${pageId}/export?format=${format}&comments=1&codes=1`)).status,
        ).toBe(200)
      expect((await exportOf(`/api/workspaces/${fx.workspaceId}/export?format=md-zip`)).status).toBe(200)
      expect(stored()).toEqual(before)
    } finally {
      db.close()
    }
  })

  test('an unknown format is a 400 JSON error; a reader may export, an outsider may not', async () => {
    const bad = await fx.owner.get(`/api/pages/${pageId}/export?format=odt`)
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('invalid_input')
    const none = await fx.owner.get(`/api/pages/${pageId}/export`)
    expect(none.status).toBe(400)
    const anonymous = await fetch(`${fx.server.url}/api/pages/${pageId}/export?format=md`)
    expect(anonymous.status).toBe(401)
  })
})

describe('the study dossier', () => {
  const cases = ['La Cantine solidaire', 'Répar’Café de l’Abbaye', 'Jardins partagés « Les Buttes »']
  const caseIds: string[] = []

  beforeAll(async () => {
    const { owner, workspaceId } = fx
    const empowerment = await codeByLabel(owner, workspaceId, 'Empowerment')
    for (const [i, title] of cases.entries()) {
      const id = await fx.newPage(title, 'case')
      caseIds.push(id)
      const props = await owner.patch(`/api/pages/${id}/properties`, {
        territory: `Grenoble secteur ${i + 1}`,
        yearFounded: 2015 + i,
        needsOrigin: 'both',
      })
      expect(props.status).toBe(200)
      const { marked } = await pageDoc(id, (body) => {
        const t = txt([`Les bénévoles de ${title} décident ensemble.`])
        body.insert(body.length, [el('paragraph', {}, [t])])
        return t
      })
      const res = await waitFor(async () => {
        const r = await owner.post(`/api/pages/${id}/passages`, {
          codeIds: [empowerment.id],
          anchor: anchorOf(marked as Y.XmlText, 4, 13),
          quote: 'bénévoles',
        })
        return r.status === 409 ? null : r
      }, 10_000)
      expect(res.status).toBe(201)
      if (i === 0) {
        const thread = await openThread(
          owner,
          id,
          anchorOf(marked as Y.XmlText, 0, 3),
          'À préciser avec l’équipe',
          'Les',
        )
        expect(thread.status).toBe(201)
      }
    }
  })

  test('DOCX: every case title, every typology label, the diagram in word/media', async () => {
    const res = await exportOf(`/api/workspaces/${fx.workspaceId}/export?format=docx&discussions=1`)
    expect(res.status).toBe(200)
    const { files, text, xml } = docxParts(res.bytes, 'dossier.docx')
    for (const title of cases) expect(text).toContain(title)
    for (const label of LABELS) expect(text).toContain(label)
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/'))
    expect(media.length).toBeGreaterThanOrEqual(1)
    expect(xml).toContain('descr="Schéma de la typologie')
    // The typology is a landscape section of its own, between portrait ones.
    const sizes = [...xml.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1] ?? '')
    expect(sizes.length).toBe(3)
    expect(sizes.map((a) => a.includes('w:orient="landscape"'))).toEqual([false, true, false])
    const [w, h] = [/w:w="(\d+)"/, /w:h="(\d+)"/].map((r) => Number(r.exec(sizes[1] ?? '')?.[1]))
    expect(w).toBeGreaterThan(h as number)
    expect(text).toContain('Table des matières')
    expect(text).toContain('Index des codes')
    expect(text).toContain('Grenoble secteur 2')
    expect(text).toContain('« bénévoles »')
    expect(text).toContain('Annexe\u00a0: discussions ouvertes')
    expect(text).toContain('À préciser avec l’équipe')
    // Case chapters come in the tree's order.
    const at = cases.map((t) => text.lastIndexOf(`${t}\n`))
    expect([...at].sort((a, b) => a - b)).toEqual(at)
  })

  test('PDF: the same text through pdftotext, a table of contents with page numbers', async () => {
    const res = await exportOf(`/api/workspaces/${fx.workspaceId}/export?format=pdf&discussions=1`)
    expect(res.status).toBe(200)
    const text = pdfText(res.bytes, 'dossier.pdf').replace(/-\n/g, '-').replace(/\s+/g, ' ')
    for (const title of cases) expect(text).toContain(title)
    for (const label of LABELS) expect(text).toContain(label)
    // The table of contents (at the end, as French books have it) gives each chapter its page.
    const layout = pdfText(res.bytes, 'dossier.pdf', true)
    const toc = layout.slice(layout.lastIndexOf('Table des matières'))
    for (const title of ['Typologie', 'Fiches de cas', ...cases, 'Index des codes'])
      expect(toc).toMatch(new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+\\d+\\n`))
    expect(text).toContain('Annexe : discussions ouvertes')
  })

  test('HTML: valid, shows the diagram, carries every case and label', async () => {
    const res = await exportOf(`/api/workspaces/${fx.workspaceId}/export?format=html`)
    expect(res.status).toBe(200)
    const html = strFromU8(res.bytes)
    validateHtml(html, 'dossier.html')
    const diagram = /<img src="data:image\/svg\+xml;base64,([^"]+)" alt="Schéma de la typologie[^"]*"/.exec(
      html,
    )
    expect(diagram).not.toBeNull()
    const svg = Buffer.from(diagram?.[1] ?? '', 'base64').toString('utf8')
    expect(svg).toContain('<svg')
    expect(svg).toContain('Empowerment')
    for (const title of cases) expect(html).toContain(title.replace(/"/g, '&quot;'))
    for (const label of LABELS) expect(html.replace(/&#39;|&apos;/g, "'")).toContain(label)
    expect(html).not.toContain('discussions ouvertes</h1>')
  })

  test('an evidence table in a page is exported with its passages as they are now', async () => {
    const empowerment = await codeByLabel(fx.owner, fx.workspaceId, 'Empowerment')
    const id = await fx.newPage('Preuves de l’empowerment', 'note')
    await pageDoc(id, (body) => {
      body.insert(0, [
        p(['Les passages codés :']),
        el('evidenceTable', { codeIds: [empowerment.id], filters: {}, groupBy: 'case' }, []),
      ])
      return undefined
    })
    const html = await waitFor(async () => {
      const text = strFromU8((await exportOf(`/api/pages/${id}/export?format=html`)).bytes)
      return text.includes('<th scope="col">Cas</th>') ? text : null
    }, 10_000)
    for (const title of cases)
      expect(html).toContain(`<td>${title.replace(/"/g, '&quot;')}</td><td>« bénévoles »</td>`)
    const md = strFromU8((await exportOf(`/api/pages/${id}/export?format=md`)).bytes)
    expect(md).toContain('| Cas | Passage | Codes |')
    expect(md).toContain('| La Cantine solidaire | « bénévoles » | Empowerment |')
    const { text } = docxParts((await exportOf(`/api/pages/${id}/export?format=docx`)).bytes, 'evidence.docx')
    expect(text).toContain('Jardins partagés « Les Buttes »')
    const pdf = pdfText((await exportOf(`/api/pages/${id}/export?format=pdf`)).bytes, 'evidence.pdf')
    expect(pdf).toContain('Répar’Café de l’Abbaye')
  })

  test('a subtree only; a page outside the workspace is a 404', async () => {
    const sub = await exportOf(`/api/workspaces/${fx.workspaceId}/export?format=html&rootId=${caseIds[1]}`)
    expect(sub.status).toBe(200)
    const html = strFromU8(sub.bytes)
    expect(html).toContain('Répar’Café de l’Abbaye')
    expect(html).not.toContain('La Cantine solidaire</h2>')
    const missing = await fx.owner.get(`/api/workspaces/${fx.workspaceId}/export?format=pdf&rootId=nope`)
    expect(missing.status).toBe(404)
    const bad = await fx.owner.get(`/api/workspaces/${fx.workspaceId}/export?format=rtf`)
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('invalid_input')
  })

  test('the Markdown archive mirrors the tree, with front matter', async () => {
    const res = await exportOf(`/api/workspaces/${fx.workspaceId}/export?format=md-zip`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/zip')
    const files = unzipSync(res.bytes)
    const names = Object.keys(files)
    expect(names).toContain('typologie.svg')
    const cantine = names.find((n) => n.endsWith('la-cantine-solidaire.md'))
    expect(cantine).toBeDefined()
    const md = strFromU8(files[cantine as string] as Uint8Array)
    expect(md).toMatch(/^---\ntitle: "La Cantine solidaire"\nkind: case\n/)
    expect(md).toContain('  "Territoire": "Grenoble secteur 1"')
    expect(md).toContain('passage_codes:\n  - "Empowerment"')
    expect(md).toContain('# La Cantine solidaire')
    // A page with an image has it beside it.
    expect(names.some((n) => /images\/[A-Za-z0-9_-]+\.png$/.test(n))).toBe(true)
  })
})
