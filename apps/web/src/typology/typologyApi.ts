/** The typology's API calls (see docs/api.md#typology). */
import type { CodeRelation, CodeUsage, Cooccurrence, Matrix, MatrixCode } from '@tisserand/api-types'
import { api } from '../api/client.ts'

export type { CodeRelation, CodeUsage, Cooccurrence, Matrix, MatrixCode }

const enc = encodeURIComponent

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
    api.get<{ relations: CodeRelation[] }>(`/api/workspaces/${enc(workspaceId)}/codebook`),
  passages: (workspaceId: string, codeId: string) =>
    api.get<{ code: PassagesCode; passages: CodedPassage[] }>(
      `/api/workspaces/${enc(workspaceId)}/codes/${enc(codeId)}/passages`,
    ),
  cooccurrence: (workspaceId: string) =>
    api.get<{ pairs: Cooccurrence[] }>(`/api/workspaces/${enc(workspaceId)}/cooccurrence`),
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
  return (
    !type ||
    type.startsWith('codebook.') ||
    type.startsWith('coding.') ||
    type.startsWith('page.') ||
    type.startsWith('round.')
  )
}
