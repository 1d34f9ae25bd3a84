/**
 * The whole study as a REFI-QDA project (.qdpx): a zip holding `project.qde` (users, codebook,
 * variables, cases, one text source per case sheet and synthesis with its coded passages as
 * PlainTextSelection) and `sources/<guid>.txt`, each source's plain text in UTF-8.
 * Elements follow the order of the REFI-QDA Project schema; required attributes are always set.
 */
import { strToU8, zipSync } from 'fflate'
import { CASE_VARIABLE_NAMES, CASE_VARIABLES } from '../case-variables.ts'
import { guidFor } from './guid.ts'
import { codeElements } from './qdc.ts'
import type { Study } from './study.ts'
import { el, type XmlNode, xmlDocument } from './xml.ts'

const iso = (ms: number) => new Date(ms).toISOString()

export function projectXml(
  study: Study,
  exportedAt = Date.now(),
): { xml: string; sources: Map<string, string> } {
  const user = (id: string) => guidFor('user', id)
  const sources = new Map<string, string>()
  const usedAttributes = CASE_VARIABLE_NAMES.filter((name) => study.cases.some((c) => c.attributes[name]))
  const notes = noteTargets(study)

  const sourceElements: XmlNode[] = study.cases.map((c) => {
    const guid = guidFor('source', c.pageId)
    sources.set(`sources/${guid}.txt`, c.text)
    // One selection per distinct passage; the codes stacked on it are its codings.
    const selections = new Map<string, typeof c.passages>()
    for (const p of c.passages) {
      const key = `${p.start}:${p.end}`
      selections.set(key, [...(selections.get(key) ?? []), p])
    }
    const ordered = [...selections.values()].sort((x, y) => (x[0]?.start ?? 0) - (y[0]?.start ?? 0))
    return el(
      'TextSource',
      {
        guid,
        name: c.title,
        plainTextPath: `internal://${guid}.txt`,
        creatingUser: user(c.createdBy),
        creationDateTime: iso(c.createdAt),
        modifiedDateTime: iso(c.updatedAt),
      },
      [
        ...ordered.map((group) => {
          const first = group[0] as (typeof group)[number]
          return el(
            'PlainTextSelection',
            {
              guid: guidFor('selection', `${c.pageId}:${first.start}:${first.end}`),
              name: first.text.length > 60 ? `${[...first.text].slice(0, 60).join('')}…` : first.text,
              startPosition: first.start,
              endPosition: first.end,
              creatingUser: user(first.authorId),
              creationDateTime: iso(first.createdAt),
            },
            [
              ...group.map((p) =>
                el(
                  'Coding',
                  {
                    guid: guidFor('coding', p.id),
                    creatingUser: user(p.authorId),
                    creationDateTime: iso(p.createdAt),
                  },
                  [el('CodeRef', { targetGUID: guidFor('code', p.codeId) })],
                ),
              ),
              // Memos on any coding of this passage are notes on its selection.
              ...group.flatMap((p) => notes.refs('coding', p.id)),
            ],
          )
        }),
        // A memo on the case sheet is a note on its text source (a Case cannot hold a NoteRef).
        ...notes.refs('page', c.pageId),
      ],
    )
  })

  const project = el(
    'Project',
    {
      xmlns: 'urn:QDA-XML:project:1.0',
      name: study.workspace.name,
      origin: 'Tisserand',
      creationDateTime: iso(study.workspace.createdAt),
      modifiedDateTime: iso(exportedAt),
    },
    [
      study.users.length > 0
        ? el(
            'Users',
            {},
            study.users.map((u) => el('User', { guid: user(u.id), name: u.name })),
          )
        : null,
      study.codes.length > 0
        ? el('CodeBook', {}, [
            el(
              'Codes',
              {},
              codeElements(study.codes, (codeId) => notes.guids('code', codeId)),
            ),
          ])
        : null,
      usedAttributes.length > 0
        ? el(
            'Variables',
            {},
            usedAttributes.map((name) =>
              el('Variable', {
                guid: guidFor('variable', name),
                name: CASE_VARIABLES[name].name,
                typeOfVariable: 'Text',
              }),
            ),
          )
        : null,
      study.cases.length > 0
        ? el(
            'Cases',
            {},
            study.cases.map((c) =>
              el('Case', { guid: guidFor('case', c.pageId), name: c.title }, [
                ...c.caseCodes.map((cc) => el('CodeRef', { targetGUID: guidFor('code', cc.codeId) })),
                ...usedAttributes
                  .filter((name) => c.attributes[name])
                  .map((name) => {
                    return el('VariableValue', {}, [
                      el('VariableRef', { targetGUID: guidFor('variable', name) }),
                      el('TextValue', {}, [c.attributes[name] ?? '']),
                    ])
                  }),
                el('SourceRef', { targetGUID: guidFor('source', c.pageId) }),
              ]),
            ),
          )
        : null,
      sourceElements.length > 0 ? el('Sources', {}, sourceElements) : null,
      study.notes.length > 0
        ? el(
            'Notes',
            {},
            study.notes.map((n) =>
              el(
                'Note',
                {
                  guid: guidFor('note', n.pageId),
                  name: n.title,
                  creatingUser: user(n.createdBy),
                  creationDateTime: iso(n.createdAt),
                  modifiedDateTime: iso(n.updatedAt),
                },
                [el('PlainTextContent', {}, [n.text])],
              ),
            ),
          )
        : null,
      // Memos whose subject is not in the export (a note page, a deleted passage) apply to the project.
      ...notes.unplaced().map((guid) => el('NoteRef', { targetGUID: guid })),
    ],
  )
  return { xml: xmlDocument(project), sources }
}

/**
 * Where each memo goes as a NoteRef: on its code, on its case's text source, or on the selection
 * holding its coded passage; what is left over is referenced by the project.
 */
function noteTargets(study: Study) {
  const exported = new Set<string>()
  for (const c of study.codes) exported.add(`code:${c.id}`)
  for (const c of study.cases) {
    exported.add(`page:${c.pageId}`)
    for (const p of c.passages) exported.add(`coding:${p.id}`)
  }
  const guids = (kind: string, id: string) =>
    study.notes
      .filter((n) => n.subjectKind === kind && n.subjectId === id)
      .map((n) => guidFor('note', n.pageId))
  return {
    guids,
    refs: (kind: string, id: string) => guids(kind, id).map((guid) => el('NoteRef', { targetGUID: guid })),
    unplaced: () =>
      study.notes
        .filter((n) => !exported.has(`${n.subjectKind}:${n.subjectId}`))
        .map((n) => guidFor('note', n.pageId)),
  }
}

export function qdpxArchive(study: Study): Uint8Array {
  const { xml, sources } = projectXml(study)
  const files: Record<string, Uint8Array> = { 'project.qde': strToU8(xml) }
  for (const [path, text] of sources) files[path] = strToU8(text)
  return zipSync(files, { level: 6 })
}
