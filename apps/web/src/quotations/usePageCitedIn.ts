/** Where a page's passages are quoted, live (for the passage card). */
import { useResource } from '../api/useResource.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { type CitedIn, quotationsApi, touchesQuotations } from './quotationsApi.ts'

export function usePageCitedIn(pageId: string, workspaceId: string): CitedIn[] {
  const cited = useResource(() => quotationsApi.citedIn(pageId), [pageId])
  useWorkspaceEvents(workspaceId, (change) => {
    if (touchesQuotations(change?.type)) cited.reload()
  })
  return cited.data?.citedIn ?? []
}
