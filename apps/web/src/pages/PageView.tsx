import type { Editor } from '@tiptap/react'
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { pageApi, wikiApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import { CaseCodes } from '../coding/CaseCodes.tsx'
import { identityFor } from '../identity/identity.ts'
import { NotFound } from '../layout/NotFound.tsx'
import { useSession, useUser } from '../session/SessionContext.tsx'
import { SyncStatus } from '../sync/SyncStatus.tsx'
import { usePageConnection } from '../sync/usePageConnection.ts'
import { CopyButton } from '../ui/CopyButton.tsx'
import { BacklinksPanel } from '../wiki/links/BacklinksPanel.tsx'
import { useWorkspacePages } from '../wiki/pages/WorkspacePages.tsx'
import { CasePropertiesPanel } from '../wiki/properties/CasePropertiesPanel.tsx'

// TipTap, ProseMirror and Yjs are most of the bundle: load them beside the page shell, not before it.
const PageEditor = lazy(() =>
  import('../editor/PageEditor.tsx').then((module) => ({ default: module.PageEditor })),
)
const PageCoding = lazy(() =>
  import('../coding/PageCoding.tsx').then((module) => ({ default: module.PageCoding })),
)
const PageComments = lazy(() =>
  import('../comments/PageComments.tsx').then((module) => ({ default: module.PageComments })),
)

/** /p/:pageId — one page of a workspace, edited live by its members. */
export function PageView() {
  const { pageId = '' } = useParams()
  const { t } = useTranslation()
  const user = useUser()
  const { workspaces, setCurrentWorkspaceId } = useSession()
  const details = useResource(() => pageApi.get(pageId), [pageId])
  const { connection, state } = usePageConnection(pageId)
  const titleId = useId()
  const [editor, setEditor] = useState<Editor | null>(null)
  const [search] = useSearchParams()

  const page = details.data
  // A case sheet shows its template's guidance as placeholders (never stored in the sheet).
  const caseWorkspace = page?.kind === 'case' ? page.workspaceId : null
  const template = useResource(
    () => (caseWorkspace ? wikiApi.template(caseWorkspace) : Promise.resolve(null)),
    [caseWorkspace],
  )
  // Renamed in the tree or by someone else: the live page list has the current title.
  const liveTitle = useWorkspacePages()?.byId.get(pageId)?.title
  const workspaceId = page?.workspaceId
  useEffect(() => {
    if (workspaceId) setCurrentWorkspaceId(workspaceId)
  }, [workspaceId, setCurrentWorkspaceId])

  // Opened from the tree (or freshly loaded), the focus moves to the title: keyboard and screen
  // reader users start reading the page, not the sidebar.
  const titleRef = useRef<HTMLHeadingElement>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per page
  useEffect(() => {
    const active = document.activeElement
    if (!active || active === document.body || active.closest('.wiki-sidebar'))
      titleRef.current?.focus({ preventScroll: true })
  }, [pageId])

  useEffect(() => {
    document.title = page ? t('page.documentTitle', { title: page.title }) : t('app.name')
  }, [t, page])

  const workspaceName = workspaces?.find((w) => w.id === workspaceId)?.name
  // The HTTP answer is there first; the socket's access message confirms it (and follows a downgrade).
  const readOnly = state.access === 'read-only' || (page?.access === 'read-only' && state.access !== 'denied')
  const denied = state.access === 'denied' || details.error !== null

  if (details.error?.status === 404) return <NotFound page />

  const loadingEditor = (
    <p className="editor-placeholder" aria-busy="true">
      {t('page.loadingEditor')}
    </p>
  )

  return (
    <article className="page-view" aria-labelledby={titleId}>
      <div className="page-bar">
        <div className="page-title">
          <nav className="breadcrumb" aria-label={t('common.breadcrumb')}>
            {workspaceId ? (
              <Link to={`/w/${encodeURIComponent(workspaceId)}`}>
                {workspaceName ?? t('page.backToWorkspace')}
              </Link>
            ) : (
              <span>&nbsp;</span>
            )}
            {page && <span className="eyebrow-inline">{t(`kinds.${page.kind}`)}</span>}
          </nav>
          <h1 id={titleId} ref={titleRef} tabIndex={-1}>
            {liveTitle ?? page?.title ?? (details.loading ? '…' : t('page.untitled'))}
          </h1>
        </div>
        <div className="page-tools">
          <CopyButton text={window.location.href} label={t('page.copyLink')} quiet />
          <SyncStatus state={state.sync} keepsEdits={!readOnly && !denied} />
        </div>
      </div>

      {readOnly && !denied && (
        <p className="banner banner-read-only" data-testid="read-only-banner">
          {t('page.readOnly')}
        </p>
      )}
      {denied && (
        <p className="banner banner-denied" role="alert">
          {details.error ? errorMessage(t, details.error) : t('page.denied')}
        </p>
      )}

      {page && !denied && page.kind === 'case' && (
        <CasePropertiesPanel
          pageId={page.id}
          workspaceId={page.workspaceId}
          editable={page.access === 'read-write'}
        />
      )}
      {page && !denied && (page.kind === 'case' || page.kind === 'synthesis') && (
        <CaseCodes pageId={page.id} workspaceId={page.workspaceId} role={page.role} />
      )}

      <div className="page-with-comments">
        <div className="sheet">
          {denied ? null : connection === null ? (
            loadingEditor
          ) : (
            <Suspense fallback={loadingEditor}>
              <PageEditor
                connection={connection}
                identity={identityFor(user)}
                editable={!readOnly}
                workspaceId={page?.workspaceId ?? ''}
                guidance={template.data?.sections}
                onEditor={setEditor}
              />
            </Suspense>
          )}
          {page && !denied && (
            <Suspense fallback={null}>
              <PageCoding
                editor={editor}
                pageId={page.id}
                workspaceId={page.workspaceId}
                role={page.role}
                focusPassageId={search.get('passage')}
              />
            </Suspense>
          )}
        </div>
        {page && !denied && (
          <Suspense fallback={null}>
            <PageComments
              editor={editor}
              pageId={page.id}
              workspaceId={page.workspaceId}
              role={page.role}
              focusThreadId={search.get('thread')}
            />
          </Suspense>
        )}
      </div>

      {page && !denied && <BacklinksPanel pageId={page.id} workspaceId={page.workspaceId} />}
    </article>
  )
}
