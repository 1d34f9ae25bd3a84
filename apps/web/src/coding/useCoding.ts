/** Live coding data: the workspace's codebook and a page's coded passages, following the SSE stream. */
import { useMemo } from 'react'
import { useResource } from '../api/useResource.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { codeTree, type TreeCode } from './codeTree.ts'
import { codingApi } from './codingApi.ts'

/** The codebook in tree order (retired codes too when `retired`), reloaded on `codebook.changed`. */
export function useCodebook(workspaceId: string, retired = false) {
  const codebook = useResource(() => codingApi.codebook(workspaceId, retired), [workspaceId, retired])
  useWorkspaceEvents(workspaceId, (change) => {
    if (!change || change.type.startsWith('codebook.')) codebook.reload()
  })
  const tree = useMemo(() => codeTree(codebook.data?.codes ?? []), [codebook.data])
  const byId = useMemo(() => new Map<string, TreeCode>(tree.map((c) => [c.id, c])), [tree])
  return { tree, byId, error: codebook.error, loaded: codebook.data !== undefined, reload: codebook.reload }
}

/** A page's passage codings, reloaded when one is added, changed, removed or moved by an edit. */
export function usePagePassages(pageId: string, workspaceId: string) {
  const passages = useResource(() => codingApi.passages(pageId), [pageId])
  useWorkspaceEvents(workspaceId, (change) => {
    if (!change) return passages.reload()
    if (change.type.startsWith('codebook.') || change.type.startsWith('round.')) return passages.reload()
    if (change.type.startsWith('coding.passage') || change.type === 'coding.derived') {
      if (change.pageId === pageId) passages.reload()
    }
  })
  return passages
}

/** A page's case-level codes, live. */
export function useCaseCodes(pageId: string, workspaceId: string) {
  const codes = useResource(() => codingApi.caseCodes(pageId), [pageId])
  useWorkspaceEvents(workspaceId, (change) => {
    if (!change || change.type.startsWith('codebook.') || change.type.startsWith('round.'))
      return codes.reload()
    if (change.type.startsWith('coding.case') && change.pageId === pageId) codes.reload()
  })
  return codes
}
