/** What the tree asks of the server: create, rename, move, archive; each announced to screen readers. */
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { pageApi, wikiApi } from '../../api/endpoints.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import type { PageKind, PageSummary } from '../../api/types.ts'
import type { WorkspacePages } from '../pages/WorkspacePages.tsx'
import type { MoveTarget } from './treeModel.ts'

export function useTreeCommands(pages: WorkspacePages, announce: (message: string) => void) {
  const { t } = useTranslation()
  const { workspaceId, byId, patchLocally, reload } = pages

  const fail = useCallback(
    (error: unknown) => {
      announce(errorMessage(t, error))
      reload()
    },
    [announce, reload, t],
  )

  const move = useCallback(
    async (pageId: string, to: MoveTarget) => {
      const page = byId.get(pageId)
      if (!page) return
      const parentTitle = to.parentId ? (byId.get(to.parentId)?.title ?? '') : null
      if (to.position !== undefined) patchLocally(pageId, { parentId: to.parentId, position: to.position })
      try {
        await wikiApi.update(pageId, to)
        announce(
          parentTitle === null
            ? t('wiki.tree.movedToRoot', { title: page.title })
            : t('wiki.tree.movedUnder', { title: page.title, parent: parentTitle }),
        )
        reload()
      } catch (error) {
        fail(error)
      }
    },
    [announce, byId, fail, patchLocally, reload, t],
  )

  const rename = useCallback(
    async (pageId: string, title: string) => {
      const page = byId.get(pageId)
      const clean = title.trim()
      if (!page || clean === '' || clean === page.title) return
      patchLocally(pageId, { title: clean })
      try {
        await wikiApi.update(pageId, { title: clean })
        announce(t('wiki.tree.renamed', { title: clean }))
        reload()
      } catch (error) {
        fail(error)
      }
    },
    [announce, byId, fail, patchLocally, reload, t],
  )

  const archive = useCallback(
    async (pageId: string) => {
      const page = byId.get(pageId)
      if (!page) return
      try {
        await wikiApi.archive(pageId)
        announce(t('wiki.tree.archived', { title: page.title }))
        reload()
      } catch (error) {
        fail(error)
      }
    },
    [announce, byId, fail, reload, t],
  )

  const create = useCallback(
    async (body: { title: string; kind: PageKind; parentId: string | null }): Promise<PageSummary> => {
      const page = await pageApi.create(workspaceId, body)
      reload()
      return page
    },
    [reload, workspaceId],
  )

  return { move, rename, archive, create }
}
