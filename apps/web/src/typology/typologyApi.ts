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
  author: { id: string; name: string }
  createdAt: number
}

export const typologyApi = {
  matrix: (workspaceId: string) => api.get<Matrix>(`/api/workspaces/${enc(workspaceId)}/matrix`),
  usage: (workspaceId: string) =>
    api.get<{ usage: CodeUsage[] }>(`/api/workspaces/${enc(workspaceId)}/code-usage`),
  relations: (workspaceId: string) =>
    api.get<{ relations: Relation[] }>(`/api/workspaces/${enc(workspaceId)}/codebook`),
  passages: (workspaceId: string, codeId: string) =>
    api.get<{ passages: CodedPassage[] }>(
      `/api/workspaces/${enc(workspaceId)}/codes/${enc(codeId)}/passages`,
    ),
  exportUrl: (workspaceId: string, what: 'qdpx' | 'qdc' | 'codebook.csv' | 'passages.csv' | 'matrix.csv') =>
    `/api/workspaces/${enc(workspaceId)}/export/${what}`,
}

/** A live workspace event that changes the typology's views. */
export function touchesTypology(type: string | undefined): boolean {
  return !type || type.startsWith('codebook.') || type.startsWith('coding.') || type.startsWith('page.')
}
