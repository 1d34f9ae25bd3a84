/** The coding API calls of the editor, the case codes and the codebook editor (docs/api.md#typology). */
import type {
  PageCode as CaseCode,
  Code,
  WireAnchor as EncodedAnchor,
  PassageCoding,
  PersonRef as Person,
} from '@tisserand/api-types'
import { api } from '../api/client.ts'

export type { CaseCode, Code, PassageCoding, Person }

const enc = encodeURIComponent

export interface CodebookChange {
  id: string
  seq: number
  kind: string
  codeId: string | null
  summary: string
  actor: Person | null
  createdAt: number
  revertsId: string | null
  revertedById: string | null
}

const W = (workspaceId: string) => `/api/workspaces/${enc(workspaceId)}/codebook`
const P = (pageId: string) => `/api/pages/${enc(pageId)}`

export const codingApi = {
  codebook: (workspaceId: string, retired = false) =>
    api.get<{ codes: Code[] }>(`${W(workspaceId)}${retired ? '?retired=true' : ''}`),
  /** The page's codings as the editor draws them: those a round's agreed coding replaced are left out. */
  passages: async (pageId: string) => {
    const { passages } = await api.get<{ passages: PassageCoding[] }>(`${P(pageId)}/passages`)
    return { passages: passages.filter((p) => !p.superseded) }
  },
  code: (pageId: string, codeIds: string[], anchor: EncodedAnchor, quote: string) =>
    api.post<{ passages: PassageCoding[] }>(`${P(pageId)}/passages`, { codeIds, anchor, quote }),
  changeCode: (pageId: string, codingId: string, codeId: string) =>
    api.patch<PassageCoding>(`${P(pageId)}/passages/${enc(codingId)}`, { codeId }),
  uncode: (pageId: string, codingId: string) => api.delete(`${P(pageId)}/passages/${enc(codingId)}`),
  caseCodes: (pageId: string) => api.get<{ codes: CaseCode[] }>(`${P(pageId)}/codes`),
  addCaseCode: (pageId: string, codeId: string) =>
    api.post<{ codes: CaseCode[] }>(`${P(pageId)}/codes`, { codeId }),
  removeCaseCode: (pageId: string, codeId: string) => api.delete(`${P(pageId)}/codes/${enc(codeId)}`),
}

/** Codebook changes (the codebook editor). */
export const codebookApi = {
  create: (workspaceId: string, body: { label: string; parentId: string | null; color?: string | null }) =>
    api.post<{ codeId: string }>(`${W(workspaceId)}/codes`, body),
  update: (
    workspaceId: string,
    codeId: string,
    body: { label?: string; description?: string; color?: string | null },
  ) => api.patch<{ codeId: string }>(`${W(workspaceId)}/codes/${enc(codeId)}`, body),
  move: (workspaceId: string, codeId: string, parentId: string | null, position?: number) =>
    api.post(`${W(workspaceId)}/codes/${enc(codeId)}/move`, { parentId, position }),
  merge: (workspaceId: string, codeId: string, targetId: string) =>
    api.post(`${W(workspaceId)}/codes/${enc(codeId)}/merge`, { targetId }),
  retire: (workspaceId: string, codeId: string) => api.post(`${W(workspaceId)}/codes/${enc(codeId)}/retire`),
  restore: (workspaceId: string, codeId: string) =>
    api.post(`${W(workspaceId)}/codes/${enc(codeId)}/restore`),
  changes: (workspaceId: string) => api.get<{ changes: CodebookChange[] }>(`${W(workspaceId)}/changes`),
  revert: (workspaceId: string, changeId: string) =>
    api.post(`${W(workspaceId)}/changes/${enc(changeId)}/revert`),
}
