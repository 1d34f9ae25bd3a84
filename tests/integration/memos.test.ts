/**
 * Analytic memos through the real server: a memo on a code, a case sheet and a coded passage is a
 * page of kind `memo`, listed with its subject, searchable, and exported in the .qdpx as a note
 * referenced by the right object, the project staying valid against the REFI-QDA schema.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { strFromU8, unzipSync } from 'fflate'
import { expect, test } from 'vitest'
import { ownerServer } from '../support/fixture.ts'
import { writeAndCode } from '../support/quotations.ts'
import { repoRoot, waitFor } from '../support/server.ts'
import { codeByLabel, writeParagraphs } from '../support/typology.ts'

const XSD = path.resolve(repoRoot, '../shared/refi-qda/Project.xsd')
const fx = ownerServer()

async function memo(title: string, subjectKind: string, subjectId: string, text: string) {
  const res = await fx.owner.post(`/api/workspaces/${fx.workspaceId}/memos`, {
    title,
    subjectKind,
    subjectId,
  })
  expect(res.status).toBe(201)
  expect(res.body.page).toMatchObject({ kind: 'memo', title })
  const writer = fx.client(res.body.page.id)
  await writer.synced
  writeParagraphs(writer.doc, [text])
  return res.body.page.id as string
}

test('memos on a code, a case sheet and a passage: listed, searchable, notes in the .qdpx', async () => {
  const empowerment = await codeByLabel(fx.owner, fx.workspaceId, 'Empowerment')
  const caseId = await fx.newPage('Régie de quartier', 'case')
  const writer = fx.client(caseId)
  await writer.synced
  const [coding] = await writeAndCode(
    fx.owner,
    writer,
    caseId,
    ['Les habitants gèrent eux-mêmes les chantiers.'],
    'gèrent eux-mêmes les chantiers',
    [empowerment.id],
  )
  const onCode = await memo(
    'Mémo : Empowerment',
    'code',
    empowerment.id,
    'Hypothèse : l’empowerment précède la pérennité.',
  )
  const onCase = await memo('Mémo : régie', 'page', caseId, 'La régie hésite entre deux statuts.')
  const onPassage = await memo(
    'Mémo : chantiers',
    'coding',
    coding?.id as string,
    'Passage clé pour la typologie.',
  )

  const listed = await fx.owner.get(
    `/api/workspaces/${fx.workspaceId}/memos?subjectKind=code&subjectId=${empowerment.id}`,
  )
  expect(listed.body.memos).toEqual([
    expect.objectContaining({ pageId: onCode, subjectKind: 'code', subjectLabel: 'Empowerment' }),
  ])
  const ofCase = await fx.owner.get(
    `/api/workspaces/${fx.workspaceId}/memos?subjectKind=page&subjectId=${caseId}`,
  )
  expect(ofCase.body.memos.map((m: { pageId: string }) => m.pageId)).toEqual([onCase, onPassage])
  expect((await fx.owner.get(`/api/pages/${onPassage}/memo`)).body.memo).toMatchObject({
    subjectKind: 'coding',
    subjectPageId: caseId,
    subjectLabel: 'gèrent eux-mêmes les chantiers',
  })
  expect((await fx.owner.get(`/api/pages/${caseId}/memo`)).body.memo).toBeNull()

  const found = await waitFor(
    async () => {
      const res = await fx.owner.get(`/api/workspaces/${fx.workspaceId}/search?q=pérennité&kind=memo`)
      return res.body.results.length > 0 ? res.body.results : null
    },
    10_000,
    'the memo in search',
  )
  expect(found[0]).toMatchObject({ pageId: onCode, kind: 'memo' })

  const bad = await fx.owner.post(`/api/workspaces/${fx.workspaceId}/memos`, {
    title: 'X',
    subjectKind: 'code',
    subjectId: 'nope',
  })
  expect(bad.status).toBe(404)
  expect(bad.body.error.code).toBe('code_not_found')

  const res = await fetch(`${fx.server.url}/api/workspaces/${fx.workspaceId}/export/qdpx`, {
    headers: { cookie: fx.owner.cookie ?? '' },
  })
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
  const xml = strFromU8(files['project.qde'] as Uint8Array)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qdpx-memo-'))
  const qde = path.join(dir, 'project.qde')
  fs.writeFileSync(qde, xml)
  execFileSync('xmllint', ['--noout', '--schema', XSD, qde], { stdio: 'pipe' })

  const project = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['Code', 'Note', 'NoteRef', 'TextSource', 'PlainTextSelection'].includes(name),
  }).parse(xml).Project
  const notes = project.Notes.Note as { guid: string; name: string; PlainTextContent: string }[]
  const note = (name: string) => notes.find((n) => n.name === name) as (typeof notes)[number]
  expect(note('Mémo : Empowerment').PlainTextContent).toBe('Hypothèse : l’empowerment précède la pérennité.')
  type Code = { guid: string; name: string; NoteRef?: { targetGUID: string }[]; Code?: Code[] }
  const all = (codes: Code[]): Code[] => codes.flatMap((c) => [c, ...all(c.Code ?? [])])
  const codeEl = all(project.CodeBook.Codes.Code).find((c) => c.guid === empowerment.id.toUpperCase())
  expect(codeEl?.NoteRef).toEqual([{ targetGUID: note('Mémo : Empowerment').guid }])
  const source = project.Sources.TextSource.find((s: { name: string }) => s.name === 'Régie de quartier')
  expect(source.NoteRef).toEqual([{ targetGUID: note('Mémo : régie').guid }])
  expect(source.PlainTextSelection[0].NoteRef).toEqual([{ targetGUID: note('Mémo : chantiers').guid }])
})
