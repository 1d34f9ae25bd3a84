/**
 * REFI-QDA project import through the real server: a .qdpx built here with every trap the desktop
 * tools set lands in a new workspace with each selection on the right characters; and the seeded
 * study, coded, exported then imported, exports again the same texts, codebook and coded characters.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { expect, test } from 'vitest'
import { ownerServer } from '../support/fixture.ts'
import { qdeParser } from '../support/refi.ts'
import { waitFor } from '../support/server.ts'
import { bodyText, codeByLabel } from '../support/typology.ts'

const fx = ownerServer()

async function upload(bytes: Uint8Array, name = 'projet.qdpx') {
  const form = new FormData()
  form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name)
  const res = await fetch(`${fx.server.url}/api/workspaces/import/qdpx`, {
    method: 'POST',
    headers: { cookie: fx.owner.cookie ?? '', origin: fx.server.url },
    body: form,
  })
  return { status: res.status, body: (await res.json()) as any }
}

async function download(url: string): Promise<Uint8Array> {
  const res = await fetch(fx.server.url + url, { headers: { cookie: fx.owner.cookie ?? '' } })
  expect(res.status).toBe(200)
  return new Uint8Array(await res.arrayBuffer())
}

const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
/** Code point positions of `part` in `text` (the first occurrence), as the standard counts them. */
const cp = (text: string, part: string) => {
  const at = text.indexOf(part)
  if (at < 0) throw new Error(`not in text: ${part}`)
  const start = [...text.slice(0, at)].length
  return { start, end: start + [...part].length }
}

function docx(paragraphs: string[]): Uint8Array {
  const body = paragraphs
    .map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`)
    .join('')
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'word/document.xml': strToU8(
      `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
  })
}

test('a project with every known trap imports with each selection on the right characters', async () => {
  // Source 1 (ATLAS.ti-like): CRLF, positions counting CR and LF, selection names = the text.
  const t1 = 'Première ligne.\r\nLes habitants 🙂 décident.\r\nFin.'
  // Source 2: CRLF counted as one position (the names say so), and a byte-order mark.
  const t2 = 'Atelier vélo\r\nRéparation 🚲 solidaire\r\nÉchirolles'
  // Source 3 and 4: the same name twice (QualCoder allows it); 4 has emoji in a ZWJ sequence.
  const t3 = 'Une épicerie « Le Panier » à Grenoble.'
  const t4 = 'Famille 👩‍👩‍👧 accueillie le mercredi.'
  // Source 5: only a DOCX (rich text).
  const t5 = ['Cantine partagée.', 'Les bénévoles cuisinent.']
  const s1 = cp(t1, 'Les habitants 🙂 décident.')
  const s1crlf = cp(t1, 'ligne.\r\nLes')
  const t2lf = t2.replace(/\r\n/g, '\n')
  const s2 = cp(t2lf, 'Réparation 🚲 solidaire')
  const s2b = cp(t2lf, 'Échirolles')
  const s3 = cp(t3, '« Le Panier »')
  const s4 = cp(t4, '👩‍👩‍👧 accueillie')
  const s5 = cp(t5.join('\n'), 'bénévoles')
  const selection = (
    guid: number,
    at: { start: number; end: number },
    codes: number[],
    user: number,
    name?: string,
  ) =>
    `<PlainTextSelection guid="${G(guid)}" startPosition="${at.start}" endPosition="${at.end}" creatingUser="${G(user)}"${
      name === undefined ? '' : ` name="${esc(name).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;')}"`
    }>${codes.map((c, i) => `<Coding guid="${G(900 + guid * 10 + i)}" creatingUser="${G(user)}"><CodeRef targetGUID="${G(c)}"/></Coding>`).join('')}</PlainTextSelection>`
  const qde = `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Projet ATLAS" origin="ATLAS.ti">
  <Users><User guid="${G(1)}" name="Alice"/><User guid="${G(2)}" name="Bruno"/></Users>
  <CodeBook><Codes>
    <Code guid="${G(10)}" name="Gouvernance" isCodable="false" color="#4E79A7"><Description>Qui décide</Description>
      <Code guid="${G(11)}" name="Participation" isCodable="true" color="#F28E2B"/>
    </Code>
    <Code guid="${G(12)}" name="Matériel" isCodable="true" color="#E15759"/>
  </Codes></CodeBook>
  <Variables><Variable guid="${G(20)}" name="Territoire" typeOfVariable="Text"/><Variable guid="${G(21)}" name="Taille" typeOfVariable="Integer"/></Variables>
  <Cases>
    <Case guid="${G(30)}" name="Épicerie">
      <CodeRef targetGUID="${G(12)}"/>
      <VariableValue><VariableRef targetGUID="${G(20)}"/><TextValue>Grenoble</TextValue></VariableValue>
      <SourceRef targetGUID="${G(45)}"/>
    </Case>
    <Case guid="${G(31)}">
      <VariableValue><VariableRef targetGUID="${G(20)}"/><TextValue>Échirolles</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="${G(21)}"/><IntegerValue>12</IntegerValue></VariableValue>
      <SourceRef targetGUID="${G(42)}"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="${G(41)}" name="Entretien" plainTextPath="internal://${G(41)}.txt" creatingUser="${G(1)}">
      ${selection(1, s1, [11], 1, 'Les habitants 🙂 décident.')}
      ${selection(2, s1crlf, [12], 2, 'ligne.\r\nLes')}
      <PlainTextSelection guid="${G(99)}" startPosition="0" endPosition="5" name="Premi"/>
    </TextSource>
    <TextSource guid="${G(42)}" name="Atelier" plainTextPath="internal://${G(42)}.txt">
      ${selection(3, s2, [11, 12], 2, 'Réparation 🚲 solidaire').replace('</PlainTextSelection>', `<NoteRef targetGUID="${G(51)}"/></PlainTextSelection>`)}
      ${selection(4, s2b, [12], 1, 'Échirolles')}
    </TextSource>
    <TextSource guid="${G(43)}" name="Terrain" plainTextPath="internal://${G(43)}.txt">
      ${selection(5, s3, [11], 1)}
    </TextSource>
    <TextSource guid="${G(44)}" name="Terrain" plainTextPath="internal://${G(44)}.txt">
      ${selection(6, s4, [12], 2)}
    </TextSource>
    <TextSource guid="${G(45)}" name="Cantine" richTextPath="internal://${G(45)}.docx">
      ${selection(7, s5, [11], 1)}
    </TextSource>
  </Sources>
  <Notes><Note guid="${G(50)}" name="Mémo d’analyse"><PlainTextContent>À revoir\r\navec l’équipe.</PlainTextContent></Note><Note guid="${G(51)}" name="Mémo vélo" creatingUser="${G(2)}"><PlainTextContent>Bel exemple de réparation partagée.</PlainTextContent></Note></Notes>
</Project>`
  const archive = zipSync({
    // ATLAS.ti names the project file after the project.
    'Projet ATLAS.qde': strToU8(qde),
    [`sources/${G(41)}.txt`]: strToU8(t1),
    [`sources/${G(42)}.txt`]: strToU8(`\uFEFF${t2}`),
    [`sources/${G(43)}.txt`]: strToU8(t3),
    [`sources/${G(44)}.txt`]: strToU8(t4),
    [`sources/${G(45)}.docx`]: docx(t5),
  })
  const res = await upload(archive, 'Projet ATLAS.qdpx')
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const workspaceId = res.body.workspace.id as string
  expect(res.body.workspace.name).toBe('Projet ATLAS')
  expect(res.body.coders.map((c: any) => c.name)).toEqual(['Alice', 'Bruno'])
  // The importer owns the new workspace.
  expect((await fx.owner.get(`/api/workspaces/${workspaceId}`)).body.role).toBe('owner')

  const pages = (await fx.owner.get(`/api/workspaces/${workspaceId}/pages`)).body.pages as any[]
  const titles = pages.map((p) => p.title).sort()
  expect(titles).toEqual(
    ['Atelier', 'Entretien', 'Mémo d’analyse', 'Terrain', 'Terrain (2)', 'Épicerie'].sort(),
  )
  const page = (title: string) => pages.find((p) => p.title === title)
  // Cases named by the case, or (MAXQDA's nameless case) by the source; others are notes.
  expect(page('Épicerie').kind).toBe('case')
  expect(page('Atelier').kind).toBe('case')
  expect(page('Entretien').kind).toBe('note')

  // The codebook: hierarchy, colours, descriptions, codability.
  const gouvernance = await codeByLabel(fx.owner, workspaceId, 'Gouvernance')
  const participation = await codeByLabel(fx.owner, workspaceId, 'Participation')
  const materiel = await codeByLabel(fx.owner, workspaceId, 'Matériel')
  expect(gouvernance).toMatchObject({ color: '#4E79A7', description: 'Qui décide', parentId: null })
  expect(participation).toMatchObject({ color: '#F28E2B', parentId: gouvernance.id })
  expect(materiel.color).toBe('#E15759')

  const passages = async (title: string) =>
    ((await fx.owner.get(`/api/pages/${page(title).id}/passages`)).body.passages as any[]).map((p) => ({
      code:
        p.codeId === participation.id ? 'Participation' : p.codeId === materiel.id ? 'Matériel' : p.codeId,
      text: p.text,
      author: p.author.name,
    }))
  const sorted = (list: any[]) =>
    [...list].sort((x, y) => `${x.code}${x.text}`.localeCompare(`${y.code}${y.text}`))
  // CRLF counted as two: the selections read as named; the one across a line end keeps both lines;
  // the selection without a coding is not a passage.
  expect(sorted(await passages('Entretien'))).toEqual(
    sorted([
      { code: 'Participation', text: 'Les habitants 🙂 décident.', author: 'Alice' },
      { code: 'Matériel', text: 'ligne.\nLes', author: 'Bruno' },
    ]),
  )
  // CRLF counted as one, behind a byte-order mark.
  expect(sorted(await passages('Atelier'))).toEqual(
    sorted([
      { code: 'Participation', text: 'Réparation 🚲 solidaire', author: 'Bruno' },
      { code: 'Matériel', text: 'Réparation 🚲 solidaire', author: 'Bruno' },
      { code: 'Matériel', text: 'Échirolles', author: 'Alice' },
    ]),
  )
  expect(await passages('Terrain')).toEqual([
    { code: 'Participation', text: '« Le Panier »', author: 'Alice' },
  ])
  expect(await passages('Terrain (2)')).toEqual([
    { code: 'Matériel', text: '👩‍👩‍👧 accueillie', author: 'Bruno' },
  ])
  // The DOCX-only source, named after its case.
  expect(await passages('Épicerie')).toEqual([{ code: 'Participation', text: 'bénévoles', author: 'Alice' }])

  // Cases: codes at case level, known variables as properties, the others under the text.
  const caseCodes = (await fx.owner.get(`/api/pages/${page('Épicerie').id}/codes`)).body.codes as any[]
  expect(caseCodes.map((c) => c.codeId)).toEqual([materiel.id])
  expect((await fx.owner.get(`/api/pages/${page('Épicerie').id}/properties`)).body.properties.territory).toBe(
    'Grenoble',
  )
  expect((await fx.owner.get(`/api/pages/${page('Atelier').id}/properties`)).body.properties.territory).toBe(
    'Échirolles',
  )
  const atelier = fx.client(page('Atelier').id)
  await atelier.synced
  expect(bodyText(atelier.body)).toBe(`${t2lf}\nVariables\nTaille : 12`)
  // A memo on a passage is a comment thread there, by its author; it is no page of its own.
  const threads = (await fx.owner.get(`/api/pages/${page('Atelier').id}/threads`)).body.threads as any[]
  expect(threads.map((th) => [th.quote, th.text, th.createdBy.name, th.messages[0].body])).toEqual([
    ['Réparation 🚲 solidaire', 'Réparation 🚲 solidaire', 'Bruno', 'Bel exemple de réparation partagée.'],
  ])
  expect(titles).not.toContain('Mémo vélo')
  const memo = fx.client(page('Mémo d’analyse').id)
  await memo.synced
  expect(bodyText(memo.body)).toBe('À revoir\navec l’équipe.')

  // The pseudonymous coders; an owner links one to a real member, who takes over its codings.
  const coders = (await fx.owner.get(`/api/workspaces/${workspaceId}/imported-coders`)).body.coders as any[]
  expect(coders.map((c) => [c.name, c.origin, c.codings, c.linkedTo])).toEqual([
    ['Alice', 'ATLAS.ti', 4, null],
    ['Bruno', 'ATLAS.ti', 4, null],
  ])
  const me = (await fx.owner.get('/api/me')).body.user
  const alice = coders[0].userId as string
  const linked = await fx.owner.post(`/api/workspaces/${workspaceId}/imported-coders/${alice}/link`, {
    memberId: me.id,
  })
  expect(linked.status).toBe(200)
  expect(linked.body.coder.linkedTo).toEqual({ id: me.id, name: me.name })
  expect((await passages('Terrain')).map((p) => p.author)).toEqual([me.name])
  const again = await fx.owner.post(`/api/workspaces/${workspaceId}/imported-coders/${alice}/link`, {
    memberId: me.id,
  })
  expect(again.status).toBe(409)

  // Bad files are refused with a reason.
  const notZip = await upload(strToU8('hello'))
  expect(notZip.status).toBe(400)
  expect(notZip.body.error.code).toBe('invalid_qdpx')
  const noQde = await upload(zipSync({ 'sources/a.txt': strToU8('a') }))
  expect(noQde.body.error.code).toBe('invalid_qdpx')
})

const parser = qdeParser

/** What a .qdpx says, without ids: sources' texts, the codebook, coded characters, cases. */
function summary(bytes: Uint8Array) {
  const files = unzipSync(bytes)
  const project = parser.parse(strFromU8(files['project.qde'] as Uint8Array)).Project
  const codeNames = new Map<string, string>()
  const codebook: string[] = []
  const walk = (codes: any[] | undefined, path: string[]) => {
    for (const c of codes ?? []) {
      const here = [...path, c.name]
      codeNames.set(c.guid, here.join(' / '))
      codebook.push(`${here.join(' / ')}|${c.color ?? ''}|${c.isCodable}|${c.Description ?? ''}`)
      walk(c.Code, here)
    }
  }
  walk(project.CodeBook?.Codes?.Code, [])
  const sourceName = new Map<string, string>()
  const sources = (project.Sources?.TextSource ?? []).map((s: any) => {
    sourceName.set(s.guid, s.name)
    const text = strFromU8(files[`sources/${s.plainTextPath.replace('internal://', '')}`] as Uint8Array)
    const coded = (s.PlainTextSelection ?? [])
      .flatMap((sel: any) =>
        (sel.Coding ?? []).map(
          (c: any) => `${codeNames.get(c.CodeRef[0].targetGUID)}@${sel.startPosition}-${sel.endPosition}`,
        ),
      )
      .sort()
    return { name: s.name, text, coded }
  })
  const cases = (project.Cases?.Case ?? []).map((c: any) => ({
    name: c.name,
    codes: (c.CodeRef ?? []).map((r: any) => codeNames.get(r.targetGUID)).sort(),
    variables: (c.VariableValue ?? []).map((v: any) => String(v.TextValue)).sort(),
  }))
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name)
  return { codebook: codebook.sort(), sources: sources.sort(byName), cases: cases.sort(byName) }
}

test('the seeded study, coded, exported then imported, exports the same texts, codebook and codings', async () => {
  // The seed study with case sheets made from its template, and its synthesis.
  for (const title of ['Fiche Épicerie « Le Panier »', 'Fiche Atelier vélo'])
    expect(
      (await fx.owner.post(`/api/workspaces/${fx.workspaceId}/pages`, { title, kind: 'case' })).status,
    ).toBe(201)
  const pages = (await fx.owner.get(`/api/workspaces/${fx.workspaceId}/pages`)).body.pages as any[]
  const cases = pages.filter((p) => p.kind === 'case' || p.kind === 'synthesis')
  expect(cases.length).toBe(3)
  const empowerment = await codeByLabel(fx.owner, fx.workspaceId, 'Empowerment')
  const materiels = await codeByLabel(fx.owner, fx.workspaceId, 'Besoins matériels précis')
  for (const [index, c] of cases.slice(0, 3).entries()) {
    const client = fx.client(c.id)
    await client.synced
    const text = bodyText(client.body)
    expect(text.length).toBeGreaterThan(40)
    // Passages across a block boundary, overlapping, stacked, in different places.
    const ranges = [
      { from: 3 + index, to: 25 + index, codeIds: [empowerment.id] },
      { from: 10, to: 38, codeIds: [materiels.id, empowerment.id] },
    ]
    for (const r of ranges)
      await waitFor(
        async () =>
          (
            await fx.owner.post(`/api/pages/${c.id}/passages`, {
              codeIds: r.codeIds,
              range: { from: r.from, to: r.to },
            })
          ).status === 201,
        5000,
        'coded',
      )
    expect((await fx.owner.post(`/api/pages/${c.id}/codes`, { codeId: materiels.id })).status).toBe(201)
    await fx.owner.patch(`/api/pages/${c.id}/properties`, {
      territory: `Territoire ${index}`,
      status: 'active',
    })
  }
  const exported = await download(`/api/workspaces/${fx.workspaceId}/export/qdpx`)
  const imported = await upload(exported, 'étude.qdpx')
  expect(imported.status, JSON.stringify(imported.body)).toBe(201)
  const again = await download(`/api/workspaces/${imported.body.workspace.id}/export/qdpx`)
  const before = summary(exported)
  const after = summary(again)
  expect(after.codebook).toEqual(before.codebook)
  expect(after.sources).toEqual(before.sources)
  expect(after.cases).toEqual(before.cases)
  expect(before.sources.some((s: any) => s.coded.length >= 3)).toBe(true)
})
