import { lazy, Suspense, useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { NamePrompt } from '../identity/NamePrompt.tsx'
import { useIdentity } from '../identity/useIdentity.ts'
import { SyncStatus } from '../sync/SyncStatus.tsx'
import { usePageConnection } from '../sync/usePageConnection.ts'
import { CopyLinkButton } from './CopyLinkButton.tsx'

// TipTap, ProseMirror and Yjs are most of the bundle: load them beside the page shell, not before it.
const PageEditor = lazy(() =>
  import('../editor/PageEditor.tsx').then((module) => ({ default: module.PageEditor })),
)

/** /p/:pageId — one page, edited live by everyone who has its address. */
export function PageView() {
  const { pageId = '' } = useParams()
  const { t } = useTranslation()
  const identity = useIdentity()
  const { connection, state } = usePageConnection(pageId)
  const titleId = useId()

  useEffect(() => {
    document.title = t('page.documentTitle', { pageId })
  }, [t, pageId])

  const loadingEditor = (
    <p className="editor-placeholder" aria-busy="true">
      {t('page.loadingEditor')}
    </p>
  )

  // The shell (title, status) renders at once; the body fills in as the connection and name arrive.
  return (
    <article className="page-view" aria-labelledby={titleId}>
      <div className="page-bar">
        <div className="page-title">
          <span className="eyebrow">{t('page.titleLabel')}</span>
          <h1 id={titleId}>{pageId}</h1>
        </div>
        <div className="page-tools">
          <CopyLinkButton />
          <SyncStatus state={state.sync} keepsEdits={state.access === 'read-write'} />
        </div>
      </div>

      {state.access === 'read-only' && (
        <p className="banner banner-read-only" data-testid="read-only-banner">
          {t('page.readOnly')}
        </p>
      )}
      {state.access === 'denied' && <p className="banner banner-denied">{t('page.denied')}</p>}

      <div className="sheet">
        {identity === null ? (
          <NamePrompt />
        ) : state.access === 'denied' ? null : connection === null ? (
          loadingEditor
        ) : (
          <Suspense fallback={loadingEditor}>
            <PageEditor
              connection={connection}
              identity={identity}
              editable={state.access === 'read-write'}
            />
          </Suspense>
        )}
      </div>
    </article>
  )
}
