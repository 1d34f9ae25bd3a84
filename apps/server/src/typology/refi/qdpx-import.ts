/**
 * A REFI-QDA project (read by qdpx-read.ts) made into a new workspace: the importer is its owner;
 * each text source a page (a case sheet when a case names it, else a note) with its text as
 * paragraphs; the codebook as one `import` change; each user a pseudonymous account that codes
 * their selections; cases' codes as case-level codes, known variables as case properties and the
 * others as lines under the text; notes as note pages.
 */
import type { Accounts } from '../../accounts/index.ts'
import {
  anchorForRange,
  BODY_FRAGMENT,
  type EncodedAnchor,
  flattenBody,
  resolvePassage,
} from '../../anchors/text-anchors.ts'
import {
  type CaseProperties,
  casePropertiesPatch,
  doc,
  heading,
  type PageBodies,
  type PageProperties,
  type Pages,
  type PmJson,
  paragraph,
} from '../../pages/index.ts'
import { newId } from '../../store/ids.ts'
import type { Workspaces } from '../../workspaces/index.ts'
import { CASE_VARIABLE_NAMES, CASE_VARIABLES } from '../case-variables.ts'
import type { Typology } from '../services.ts'
import type { QdpxProject } from './qdpx-read.ts'

/** Opening a comment thread (the comments feature's service, handed by the composition root). */
export interface ThreadMaker {
  createThread(input: {
    workspaceId: string
    pageId: string
    anchor: EncodedAnchor
    quote: string
    createdBy: string
    body: string
  }): Promise<unknown>
}

export interface QdpxImportDeps {
  accounts: Accounts
  workspaces: Workspaces
  pages: Pages
  bodies: PageBodies
  properties: PageProperties
  typology: Typology
  comments: ThreadMaker
}

export interface QdpxImportResult {
  workspace: { id: string; name: string }
  pages: number
  codes: number
  codings: number
  /** Memos on passages, now comment threads. */
  threads: number
  coders: { guid: string; userId: string; name: string }[]
}

/** Where each character of `source` (LF text) is in `flat` (the page as the server flattens it). */
function aligner(source: string, flat: string): (offset: number) => number {
  const map = new Array<number>(source.length + 1)
  let j = 0
  for (let i = 0; i < source.length; i += 1) {
    map[i] = j
    // Blank lines have no paragraph of their own in the flattened text: skip what is not there.
    if (source[i] === flat[j]) j += 1
  }
  map[source.length] = j
  return (offset) => map[Math.max(0, Math.min(offset, source.length))] ?? j
}

/** A comment is plain text: control characters (other than tab and line ends) go. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g

const lines = (text: string): PmJson[] => text.split('\n').map((line) => paragraph(line))

export async function importQdpx(
  deps: QdpxImportDeps,
  project: QdpxProject,
  ownerId: string,
): Promise<QdpxImportResult> {
  const { typology } = deps
  const workspaceId = await deps.workspaces.create(project.name, ownerId)
  const codes =
    project.codes.length > 0
      ? (
          await typology.codebook.importCodes(
            workspaceId,
            ownerId,
            project.codes,
            `REFI-QDA (${project.codes.length})`,
          )
        ).ids
      : new Map<string, string>()

  const coders = new Map<string, { guid: string; userId: string; name: string }>()
  for (const user of project.users) {
    const account = await deps.accounts.createPseudonym(user.name)
    await typology.importedCoders.record(workspaceId, account.id, user.guid, project.origin)
    coders.set(user.guid, { guid: user.guid, userId: account.id, name: account.name })
  }

  const caseOf = new Map<string, QdpxProject['cases'][number]>()
  for (const c of project.cases) for (const s of c.sourceGuids) if (!caseOf.has(s)) caseOf.set(s, c)
  const titles = new Set<string>()
  const unique = (title: string) => {
    let candidate = title.slice(0, 300)
    for (let n = 2; titles.has(candidate.toLowerCase()); n += 1) candidate = `${title.slice(0, 290)} (${n})`
    titles.add(candidate.toLowerCase())
    return candidate
  }
  const byName = new Map(CASE_VARIABLE_NAMES.map((n) => [CASE_VARIABLES[n].name.toLowerCase(), n]))

  let codings = 0
  let pageCount = 0
  let threads = 0
  const notesByGuid = new Map(project.notes.map((n) => [n.guid, n]))
  const inThreads = new Set<string>()
  for (const source of project.sources) {
    const theCase = caseOf.get(source.guid)
    // MAXQDA writes document variables in a case without a name: the case is the source.
    const title = unique(theCase?.name && theCase.sourceGuids.length === 1 ? theCase.name : source.name)
    const known: Partial<Record<keyof CaseProperties, unknown>> = {}
    const others: string[] = []
    for (const v of theCase?.variables ?? []) {
      const name = byName.get(v.name.toLowerCase())
      if (name) {
        const values = CASE_VARIABLES[name].values
        const key = values ? Object.entries(values).find(([, label]) => label === v.value)?.[0] : undefined
        known[name] = name === 'yearFounded' ? Number(v.value) : (key ?? v.value)
      } else if (v.value) others.push(`${v.name} : ${v.value}`)
    }
    const id = newId()
    const body = doc(
      ...lines(source.text),
      ...(others.length > 0 ? [heading(2, 'Variables'), ...others.map((o) => paragraph(o))] : []),
    )
    await deps.bodies.writeInitialJson(id, body)
    const page = await deps.pages.create({
      id,
      workspaceId,
      title,
      kind: theCase ? 'case' : 'note',
      createdBy: ownerId,
    })
    pageCount += 1
    if (theCase && Object.keys(known).length > 0) {
      const patch = casePropertiesPatch.safeParse(known)
      if (patch.success) await deps.properties.patch(page.id, patch.data)
    }
    const flat = await typology.bodies.read(page.id, (d) => flattenBody(d.getXmlFragment(BODY_FRAGMENT)).text)
    const at = aligner(source.text, flat)
    for (const selection of source.selections) {
      const byUser = new Map<string, string[]>()
      for (const coding of selection.codings) {
        const codeId = codes.get(coding.codeGuid)
        if (!codeId) continue
        const userId = (coding.userGuid && coders.get(coding.userGuid)?.userId) || ownerId
        byUser.set(userId, [...(byUser.get(userId) ?? []), codeId])
      }
      for (const [userId, codeIds] of byUser) {
        const from = at(selection.from)
        const to = at(selection.to)
        if (to <= from) continue
        const made = await typology.passages.create(
          { userId, hiddenRounds: [] },
          page,
          [...new Set(codeIds)],
          {
            range: { from, to },
          },
        )
        codings += made.length
      }
    }
    // Memos on a passage become a comment thread there, by the memo's author.
    for (const selection of source.selections) {
      for (const guid of selection.noteGuids) {
        const note = notesByGuid.get(guid)
        const body = note?.text.replace(CONTROL, '').trim().slice(0, 4000)
        if (!note || !body) continue
        const placed = await typology.bodies.read(page.id, (d) => {
          const flatBody = flattenBody(d.getXmlFragment(BODY_FRAGMENT))
          const anchor = anchorForRange(flatBody, at(selection.from), at(selection.to))
          const resolved = anchor && resolvePassage(d, flatBody, anchor)
          return anchor && resolved ? { anchor, quote: resolved.text } : null
        })
        if (!placed) continue
        await deps.comments.createThread({
          workspaceId,
          pageId: page.id,
          anchor: placed.anchor,
          quote: placed.quote.slice(0, 2000),
          createdBy: (note.userGuid && coders.get(note.userGuid)?.userId) || ownerId,
          body,
        })
        inThreads.add(guid)
        threads += 1
      }
    }
    for (const guid of theCase?.codeGuids ?? []) {
      const codeId = codes.get(guid)
      if (codeId) await typology.caseCoding.add({ userId: ownerId, hiddenRounds: [] }, page, codeId)
    }
  }
  for (const note of project.notes) {
    if (inThreads.has(note.guid)) continue
    const id = newId()
    await deps.bodies.writeInitialJson(id, doc(...lines(note.text)))
    await deps.pages.create({ id, workspaceId, title: unique(note.name), kind: 'note', createdBy: ownerId })
    pageCount += 1
  }
  return {
    workspace: { id: workspaceId, name: project.name },
    pages: pageCount,
    codes: codes.size,
    codings,
    threads,
    coders: [...coders.values()],
  }
}
