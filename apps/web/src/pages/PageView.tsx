import type { Editor } from '@tiptap/react'
import { QUOTATION } from '@tisserand/editor-schema'
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { pageApi, wikiApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import { CaseCodes } from '../coding/CaseCodes.tsx'
import { PageExportButton } from '../documents/export/PageExportButton.tsx'
import { identityFor } from '../identity/identity.ts'
import { NotFound } from '../layout/NotFound.tsx'
import { KeepOfflineToggle } from '../offline/KeepOfflineToggle.tsx'
import { NotOnDevice } from '../offline/NotOnDevice.tsx'
import { useOfflineStore } from '../offline/useOffline.ts'
import { CitedInPanel } from '../quotations/CitedInPanel.tsx'
import { citeRequests } from '../quotations/liveQuotations.ts'
import { MemoPanel, MemoSubjectLine } from '../quotations/MemoPanel.tsx'
import { QuotationsProvider } from '../quotations/QuotationsContext.tsx'
import { RoundBanner } from '../rounds/RoundBanner.tsx'
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
const WhoWrote = lazy(() =>
  import('../history/WhoWrote.tsx').then((module) => ({ default: module.WhoWrote })),
)
const CiteDialog = lazy(() =>
  import('../quotations/CiteDialog.tsx').then((module) => ({ default: module.CiteDialog })),
)
const EvidenceDialog = lazy(() =>
  import('../quotations/EvidenceDialog.tsx').then((module) => ({ default: module.EvidenceDialog })),
)
const HistoryDialog = lazy(() =>
  import('../history/HistoryDialog.tsx').then((module) => ({ default: module.HistoryDialog })),
)

/** /p/:pageId — one page of a workspace, edited live by its members. */
export function PageView() {
  const { pageId = '' } = useParams()
  const { t } = useTranslation()
  const user = useUser()
  const { workspaces, setCurrentWorkspaceId } = useSession()
  const details = useResource(() => pageApi.get(pageId), [pageId])
  const { connection, state } = usePageConnection(pageId)
  const store = useOfflineStore()
  const titleId = useId()
  const [editor, setEditor] = useState<Editor | null>(null)
  const [search, setSearch] = useSearchParams()
  const [inserting, setInserting] = useState<'cite' | 'evidence' | null>(null)
  const citedOnce = useRef(new Set<string>())
  const [historyOpen, setHistoryOpen] = useState(false)
  const [whoWrote, setWhoWrote] = useState(false)

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
  // Not kept on this device and no network: said plainly, and tried again when the network is back.
  const notOnDevice = details.error?.code === 'offline_unavailable'
  const denied = state.access === 'denied' || (details.error !== null && !notOnDevice)
  const refused = details.error !== null && [403, 404].includes(details.error.status)

  // Kept on this device from now on: its body, and the answers the page view reads.
  const title = page?.title
  const kind = page?.kind
  useEffect(() => {
    if (!connection || !workspaceId || !title || !kind || denied) return
    connection.keepLocally({ workspaceId, title, kind })
  }, [connection, workspaceId, title, kind, denied])

  // The server says the page is gone or no longer the user's: its copy leaves the device.
  useEffect(() => {
    if (store && (refused || state.revoked)) void store.purgePage(pageId)
  }, [store, refused, state.revoked, pageId])

  // Back online: ask the server again (a page not on the device opens; a lost access shows).
  const reloadDetails = details.reload
  useEffect(() => {
    window.addEventListener('online', reloadDetails)
    return () => window.removeEventListener('online', reloadDetails)
  }, [reloadDetails])
  // The copy was removed (access lost to the workspace, seen by the background check): ask again.
  useEffect(
    () => store?.onPurged((ids) => ids.includes(pageId) && reloadDetails()),
    [store, pageId, reloadDetails],
  )

  // Kept, but its body never reached this device (pinned while offline): nothing to edit yet.
  const bodyMissing = state.sync === 'offline' && state.local === 'ready' && !state.available

  const canInsert = !readOnly && !denied && editor !== null && page?.access === 'read-write'

  // `/citer` typed in the editor opens the passage search.
  useEffect(() => {
    const open = () => setInserting('cite')
    citeRequests.addEventListener('cite', open)
    return () => citeRequests.removeEventListener('cite', open)
  }, [])

  // "Citer dans…" from a passage elsewhere opens this page with ?cite=<codingId>: once the body has
  // synced, the quotation goes at its end (people move it from there), once.
  const citeId = search.get('cite')
  useEffect(() => {
    if (!citeId || !editor || editor.isDestroyed || !canInsert || state.sync !== 'synced') return
    if (!citedOnce.current.has(citeId)) {
      citedOnce.current.add(citeId)
      const end = editor.state.doc.content.size
      editor
        .chain()
        .insertContentAt(end, { type: QUOTATION, attrs: { codingId: citeId } })
        .focus('end')
        .run()
      editor.commands.scrollIntoView()
    }
    setSearch(
      (params) => {
        params.delete('cite')
        return params
      },
      { replace: true },
    )
  }, [citeId, editor, canInsert, state.sync, setSearch])

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
          {page && !denied && (
            <>
              <KeepOfflineToggle page={page} />
              <button
                type="button"
                className="button-quiet"
                aria-pressed={whoWrote}
                onClick={() => setWhoWrote((on) => !on)}
              >
                {t('history.whoWrote')}
              </button>
              <button type="button" className="button-quiet" onClick={() => setHistoryOpen(true)}>
                {t('history.open')}
              </button>
              <PageExportButton pageId={page.id} title={liveTitle ?? page.title} />
            </>
          )}
          <SyncStatus state={state.sync} pending={state.pending} keepsEdits={!readOnly && !denied} />
        </div>
      </div>

      {whoWrote && page && (
        <Suspense fallback={null}>
          <WhoWrote editor={editor} pageId={page.id} />
        </Suspense>
      )}
      {historyOpen && page && (
        <Suspense fallback={null}>
          <HistoryDialog
            pageId={page.id}
            canRestore={page.access === 'read-write'}
            onClose={() => setHistoryOpen(false)}
          />
        </Suspense>
      )}

      {readOnly && !denied && (
        <p className="banner banner-read-only" data-testid="read-only-banner">
          {t('page.readOnly')}
        </p>
      )}
      {notOnDevice && <NotOnDevice />}
      {denied && (
        <p className="banner banner-denied" role="alert">
          {details.error ? errorMessage(t, details.error) : t('page.denied')}
        </p>
      )}

      {page && !denied && <RoundBanner pageId={page.id} workspaceId={page.workspaceId} />}
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
      {page && !denied && page.kind === 'memo' && (
        <MemoSubjectLine pageId={page.id} workspaceId={page.workspaceId} />
      )}

      {canInsert && editor && page && (
        <div className="insert-bar" role="toolbar" aria-label={t('quotations.toolbar.label')}>
          <button type="button" className="button-quiet" onClick={() => setInserting('cite')}>
            {t('quotations.toolbar.cite')}
          </button>
          <button type="button" className="button-quiet" onClick={() => setInserting('evidence')}>
            {t('quotations.toolbar.evidence')}
          </button>
        </div>
      )}
      {inserting && editor && page && (
        <Suspense fallback={null}>
          {inserting === 'cite' ? (
            <CiteDialog editor={editor} workspaceId={page.workspaceId} onClose={() => setInserting(null)} />
          ) : (
            <EvidenceDialog
              editor={editor}
              workspaceId={page.workspaceId}
              onClose={() => setInserting(null)}
            />
          )}
        </Suspense>
      )}

      <div className="page-with-comments">
        <QuotationsProvider pageId={pageId} workspaceId={page?.workspaceId ?? ''}>
          <div className="sheet">
            {denied || notOnDevice ? null : bodyMissing ? (
              <NotOnDevice bodyOnly />
            ) : connection === null ? (
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
                  pageTitle={page.title}
                  role={page.role}
                  focusPassageId={search.get('passage')}
                />
              </Suspense>
            )}
          </div>
        </QuotationsProvider>
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

      {page && !denied && page.kind !== 'memo' && page.kind !== 'template' && (
        <MemoPanel
          workspaceId={page.workspaceId}
          subjectKind="page"
          subjectId={page.id}
          subjectLabel={liveTitle ?? page.title}
          canCreate={page.role === 'owner' || page.role === 'editor'}
        />
      )}
      {page && !denied && <CitedInPanel workspaceId={page.workspaceId} pageId={page.id} />}
      {page && !denied && <BacklinksPanel pageId={page.id} workspaceId={page.workspaceId} />}
    </article>
  )
}
