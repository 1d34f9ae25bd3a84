/** The typology's API calls (see docs/api.md#typology). */
import { api } from '../api/client.ts'

const enc = encodeURIComponent

export interface MatrixCode {
  id: string
  label: string
  parentId: string | null
  dimensionId: string
  depth: number
  color: string | null
  path: string[]
}

export interface Matrix {
  cases: { pageId: string; title: string; kind: string }[]
  codes: MatrixCode[]
  cells: { pageId: string; codeId: string; passages: number; caseLevel: boolean }[]
}

export interface CodeUsage {
  codeId: string
  passages: number
  cases: number
  caseLevel: number
}

export interface Relation {
  id: string
  fromId: string
  toId: string
  kind: string
}

export interface CodedPassage {
  id: string
  pageId: string
  pageTitle: string
  codeId: string
  quote: string
  text: string | null
  /** UTF-16 offsets in the page's plain text. */
  from: number
  to: number
  author: { id: string; name: string }
  createdAt: number
}

/** The code as `codes/:codeId/passages` gives it. */
export interface PassagesCode {
  id: string
  parentId: string | null
  label: string
  description: string
  color: string | null
}

export interface CodePair {
  a: string
  b: string
  /** Cases carrying both codes. */
  cases: number
  /** Overlapping passage pairs, one of each code. */
  passages: number
}

export interface CodedPage {
  pageId: string
  title: string
  kind: string
  passages: number
  caseLevel: boolean
}

export const typologyApi = {
  matrix: (workspaceId: string) => api.get<Matrix>(`/api/workspaces/${enc(workspaceId)}/matrix`),
  usage: (workspaceId: string) =>
    api.get<{ usage: CodeUsage[] }>(`/api/workspaces/${enc(workspaceId)}/code-usage`),
  relations: (workspaceId: string) =>
    api.get<{ relations: Relation[] }>(`/api/workspaces/${enc(workspaceId)}/codebook`),
  passages: (workspaceId: string, codeId: string) =>
    api.get<{ code: PassagesCode; passages: CodedPassage[] }>(
      `/api/workspaces/${enc(workspaceId)}/codes/${enc(codeId)}/passages`,
    ),
  cooccurrence: (workspaceId: string) =>
    api.get<{ pairs: CodePair[] }>(`/api/workspaces/${enc(workspaceId)}/cooccurrence`),
  codePages: (workspaceId: string, codeId: string) =>
    api.get<{ pages: CodedPage[] }>(`/api/workspaces/${enc(workspaceId)}/codes/${enc(codeId)}/pages`),
  importQdc: (workspaceId: string, xml: string) =>
    api.postText<{ changeId: string; imported: number }>(
      `/api/workspaces/${enc(workspaceId)}/import/qdc`,
      xml,
      'application/xml',
    ),
  exportUrl: (workspaceId: string, what: 'qdpx' | 'qdc' | 'codebook.csv' | 'passages.csv' | 'matrix.csv') =>
    `/api/workspaces/${enc(workspaceId)}/export/${what}`,
}

/** A live workspace event that changes the typology's views. */
export function touchesTypology(type: string | undefined): boolean {
  return !type || type.startsWith('codebook.') || type.startsWith('coding.') || type.startsWith('page.')
}
