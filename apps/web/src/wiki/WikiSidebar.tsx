/** The wiki's sidebar on the workspace home and page views: search, the page tree, trash and template. */
import { useCallback, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { wikiApi } from '../api/endpoints.ts'
import { errorMessage } from '../api/errorMessage.ts'
import type { Role } from '../api/types.ts'
import { useResource } from '../api/useResource.ts'
import { CodeFilter } from '../coding/CodeFilter.tsx'
import { ImportButton, TreeImportDrop } from '../documents/import/TreeImport.tsx'
import { touchesTypology, typologyApi } from '../typology/typologyApi.ts'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import type { WorkspacePages } from './pages/WorkspacePages.tsx'
import { SearchBox } from './search/SearchBox.tsx'
import { MoveDialog } from './tree/MoveDialog.tsx'
import { NewPageDialog } from './tree/NewPageDialog.tsx'
import { PageTree } from './tree/PageTree.tsx'
import { useTreeCommands } from './tree/useTreeCommands.ts'

export function canEditPages(role: Role | undefined): boolean {
  return role === 'owner' || role === 'editor'
}

export function WikiSidebar({
  pages,
  role,
  currentPageId,
}: {
  pages: WorkspacePages
  role: Role | undefined
  currentPageId: string | null
}) {
  const { t } = useTranslation()
  const headingId = useId()
  const canEdit = canEditPages(role)
  const [announcement, setAnnouncement] = useState('')
  const announce = useCallback((message: string) => setAnnouncement(message), [])
  const commands = useTreeCommands(pages, announce)
  const [focusedId, setFocusedId] = useState<string | null>(null)
  const [renamingId, setRenamingId] = useState<string | null>(null)
  const [dialog, setDialog] = useState<'new' | 'move' | null>(null)
  const enc = encodeURIComponent

  const [codeId, setCodeId] = useState('')
  const coded = useCodedPages(pages.workspaceId, codeId)
  const selected = pages.byId.get(focusedId ?? '') ?? pages.byId.get(currentPageId ?? '') ?? null

  return (
    <aside className="wiki-sidebar" aria-label={t('wiki.sidebar.label')}>
      <SearchBox workspaceId={pages.workspaceId} />
      <div className="tree-head">
        <h2 id={headingId} className="section-title">
          {t('wiki.tree.title')}
        </h2>
        {canEdit && (
          <button type="button" className="tree-new" onClick={() => setDialog('new')}>
            <span aria-hidden="true">+ </span>
            {t('wiki.tree.newPage')}
          </button>
        )}
      </div>
      {canEdit && (
        <div className="tree-import-row">
          <ImportButton
            workspaceId={pages.workspaceId}
            pages={pages.pages ?? []}
            canEditSynonyms={role === 'owner'}
          />
        </div>
      )}
      {pages.error && (
        <p className="banner banner-denied" role="alert">
          {errorMessage(t, pages.error)}
        </p>
      )}
      {pages.pages === undefined && !pages.error && <p className="hint">{t('common.loading')}</p>}
      <CodeFilter
        workspaceId={pages.workspaceId}
        value={codeId}
        onChange={setCodeId}
        label={t('coding.filter.tree')}
        className="tree-code-filter"
      />
      {coded && (
        <p className="hint tree-code-count" role="status">
          {t('wiki.tree.codeCount', { count: coded.size })}
        </p>
      )}
      {pages.pages && (
        <TreeImportDrop
          workspaceId={pages.workspaceId}
          pages={pages.pages}
          enabled={canEdit}
          canEditSynonyms={role === 'owner'}
        >
          <PageTree
            codeMatch={coded}
            pages={pages}
            commands={commands}
            currentPageId={currentPageId}
            canEdit={canEdit}
            labelledBy={headingId}
            focusedId={focusedId}
            onFocusedChange={setFocusedId}
            renamingId={renamingId}
            onRenamingChange={setRenamingId}
          />
        </TreeImportDrop>
      )}
      {canEdit && selected && (
        <fieldset className="tree-actions">
          <legend className="tree-actions-label">
            {t('wiki.tree.actionsFor', { title: selected.title })}
          </legend>
          <button type="button" onClick={() => setRenamingId(selected.id)}>
            {t('wiki.tree.rename')}
          </button>
          <button type="button" onClick={() => setDialog('move')}>
            {t('wiki.tree.move')}
          </button>
          <button
            type="button"
            className="button-danger"
            onClick={() => {
              if (window.confirm(t('wiki.tree.confirmArchive', { title: selected.title })))
                void commands.archive(selected.id)
            }}
          >
            {t('wiki.tree.archive')}
          </button>
        </fieldset>
      )}
      {canEdit && (
        // Shown on demand: the hint is for the first days, not for every screen.
        <details className="hint tree-help">
          <summary>{t('wiki.tree.shortcutsToggle')}</summary>
          {t('wiki.tree.shortcuts')}
        </details>
      )}
      <div className="visually-hidden" role="status">
        {announcement}
      </div>
      <nav className="sidebar-links" aria-label={t('wiki.sidebar.more')}>
        <Link to={`/w/${enc(pages.workspaceId)}/trash`}>{t('wiki.trash.link')}</Link>
        {role === 'owner' && <TemplateLink workspaceId={pages.workspaceId} />}
      </nav>
      {dialog === 'new' && (
        <NewPageDialog under={selected} onCreate={commands.create} onClose={() => setDialog(null)} />
      )}
      {dialog === 'move' && selected && pages.pages && (
        <MoveDialog
          page={selected}
          pages={pages.pages}
          onMove={(target) => void commands.move(selected.id, target)}
          onClose={() => setDialog(null)}
        />
      )}
    </aside>
  )
}

/** The pages carrying `codeId` (case level or a passage), live; null when no code is chosen. */
function useCodedPages(workspaceId: string, codeId: string): ReadonlySet<string> | null {
  const pages = useResource(
    async () => (codeId ? (await typologyApi.codePages(workspaceId, codeId)).pages : null),
    [workspaceId, codeId],
  )
  useWorkspaceEvents(workspaceId, (change) => {
    if (codeId && touchesTypology(change?.type)) pages.reload()
  })
  return useMemo(
    () => (codeId && pages.data ? new Set(pages.data.map((p) => p.pageId)) : null),
    [codeId, pages.data],
  )
}

/** Owners edit the case-sheet template as a page of its own. */
function TemplateLink({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation()
  const template = useResource(() => wikiApi.template(workspaceId), [workspaceId])
  if (!template.data) return null
  return <Link to={`/p/${encodeURIComponent(template.data.id)}`}>{t('wiki.template.edit')}</Link>
}
