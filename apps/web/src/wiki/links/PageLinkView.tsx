/**
 * How a link to a page shows in the editor: the target's current title from the live page list
 * (so renames show at once), a click opens it; a target in the trash or gone says so.
 */
import { type NodeViewProps, NodeViewWrapper } from '@tiptap/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { pageApi } from '../../api/endpoints.ts'
import { useWorkspacePages } from '../pages/WorkspacePages.tsx'

// 'unlisted': a live page the tree does not list (the case-sheet template), linked as any other.
type Missing =
  | { state: 'archived'; title: string }
  | { state: 'unlisted'; title: string }
  | { state: 'gone' }
  | null

export function PageLinkView({ node, selected }: NodeViewProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const pages = useWorkspacePages()
  const pageId = typeof node.attrs.pageId === 'string' ? node.attrs.pageId : ''
  const page = pages?.byId.get(pageId)
  const listLoaded = pages?.pages !== undefined
  const [missing, setMissing] = useState<Missing>(null)

  useEffect(() => {
    if (page || !listLoaded || !pageId) {
      setMissing(null)
      return
    }
    let current = true
    pageApi.get(pageId).then(
      (found) => {
        if (current) setMissing({ state: found.archivedAt ? 'archived' : 'unlisted', title: found.title })
      },
      () => {
        if (current) setMissing({ state: 'gone' })
      },
    )
    return () => {
      current = false
    }
  }, [page, listLoaded, pageId])

  const href = `/p/${encodeURIComponent(pageId)}`
  const className = `page-link${selected ? ' is-selected' : ''}`

  const shown = page ?? (missing?.state === 'unlisted' ? missing : null)
  if (shown)
    return (
      <NodeViewWrapper as="span" className="page-link-wrapper">
        <a
          href={href}
          className={className}
          data-page-link=""
          data-page-id={pageId}
          onClick={(event) => {
            if (event.ctrlKey || event.metaKey || event.shiftKey) return
            event.preventDefault()
            void navigate(href)
          }}
        >
          {shown.title}
        </a>
      </NodeViewWrapper>
    )

  const label = !listLoaded
    ? '…'
    : missing?.state === 'archived'
      ? t('wiki.links.archived', { title: missing.title })
      : missing?.state === 'gone'
        ? t('wiki.links.gone')
        : '…'
  return (
    <NodeViewWrapper as="span" className="page-link-wrapper">
      <span className={`${className} is-missing`} data-page-link="" data-page-id={pageId}>
        {label}
      </span>
    </NodeViewWrapper>
  )
}
