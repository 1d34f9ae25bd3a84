/** Calls to the quotation routes (docs/api.md#quotations). */
import type { CitedIn, EvidenceRow, Memo, MemoSubjectKind, Page, QuotationView } from '@tisserand/api-types'
import type { EvidenceFilters, EvidenceGrouping } from '@tisserand/editor-schema'
import { api } from '../api/client.ts'

export type { CitedIn, EvidenceRow, Memo, MemoSubjectKind, QuotationView }

export interface EvidenceGroup {
  id: string
  label: string
  rows: EvidenceRow[]
}

const enc = encodeURIComponent

export const quotationsApi = {
  ofPage: (pageId: string) =>
    api.get<{ quotations: QuotationView[] }>(`/api/pages/${enc(pageId)}/quotations`),
  citedIn: (pageId: string) => api.get<{ citedIn: CitedIn[] }>(`/api/pages/${enc(pageId)}/cited-in`),
  codeCitedIn: (workspaceId: string, codeId: string) =>
    api.get<{ citedIn: CitedIn[] }>(`/api/workspaces/${enc(workspaceId)}/codes/${enc(codeId)}/cited-in`),
  evidence: (workspaceId: string, codeIds: string[], groupBy: EvidenceGrouping, filters: EvidenceFilters) => {
    const query = new URLSearchParams({ codeIds: codeIds.join(','), groupBy })
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value)
    return api.get<{ groupBy: EvidenceGrouping; groups: EvidenceGroup[]; total: number }>(
      `/api/workspaces/${enc(workspaceId)}/evidence?${query}`,
    )
  },
  quotable: (workspaceId: string, q: string, codeId: string | null) => {
    const query = new URLSearchParams({ q })
    if (codeId) query.set('codeId', codeId)
    return api.get<{ passages: EvidenceRow[] }>(`/api/workspaces/${enc(workspaceId)}/quotable?${query}`)
  },
  memos: (workspaceId: string, subjectKind: MemoSubjectKind, subjectId: string) =>
    api.get<{ memos: Memo[] }>(
      `/api/workspaces/${enc(workspaceId)}/memos?subjectKind=${enc(subjectKind)}&subjectId=${enc(subjectId)}`,
    ),
  createMemo: (
    workspaceId: string,
    body: { title: string; subjectKind: MemoSubjectKind; subjectId: string },
  ) => api.post<{ page: Page; memo: Memo }>(`/api/workspaces/${enc(workspaceId)}/memos`, body),
  memoOf: (pageId: string) => api.get<{ memo: Memo | null }>(`/api/pages/${enc(pageId)}/memo`),
}

/** Events after which a page's quotations may read differently (their sources moved, changed or went). */
export function touchesQuotations(type: string | undefined): boolean {
  return (
    !type ||
    type === 'quotations.changed' ||
    type.startsWith('coding.') ||
    type.startsWith('codebook.') ||
    type.startsWith('page.')
  )
}

export function passageHref(pageId: string, codingId?: string): string {
  const page = `/p/${enc(pageId)}`
  return codingId ? `${page}?passage=${enc(codingId)}` : page
}
