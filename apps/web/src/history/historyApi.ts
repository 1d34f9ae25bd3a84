/** A page's history (docs/api.md#history). */
import type { PageAuthorship, PageComparison, PageVersion, PageVersionDetail } from '@tisserand/api-types'
import { api } from '../api/client.ts'

export type { PageAuthorship, PageComparison, PageVersion, PageVersionDetail }

const enc = encodeURIComponent

export const historyApi = {
  versions: (pageId: string) => api.get<{ versions: PageVersion[] }>(`/api/pages/${enc(pageId)}/versions`),
  name: (pageId: string, name: string) =>
    api.post<{ version: PageVersion }>(`/api/pages/${enc(pageId)}/versions`, { name }),
  version: (pageId: string, versionId: string) =>
    api.get<PageVersionDetail>(`/api/pages/${enc(pageId)}/versions/${enc(versionId)}`),
  /** `to` null: with the page as it is now. */
  compare: (pageId: string, from: string, to: string | null) =>
    api.get<PageComparison>(
      `/api/pages/${enc(pageId)}/compare?from=${enc(from)}${to ? `&to=${enc(to)}` : '&to=current'}`,
    ),
  restore: (pageId: string, versionId: string, section?: string) =>
    api.post<{ version: PageVersion }>(
      `/api/pages/${enc(pageId)}/versions/${enc(versionId)}/restore`,
      section ? { section } : {},
    ),
  authorship: (pageId: string) => api.get<PageAuthorship>(`/api/pages/${enc(pageId)}/authorship`),
}
