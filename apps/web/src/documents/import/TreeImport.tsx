/**
 * Where imports start in the wiki: an "Import…" button by the tree's title, and files dropped on
 * the tree itself (on a page: imported under it; elsewhere: at the root). Dropped on « Fiches de
 * cas », or on any page holding case sheets, files import as case sheets by default.
 */
import type { ImportKind } from '@tisserand/api-types'
import { type DragEvent, type ReactNode, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PageSummary } from '../../api/types.ts'
import { ImportDialog } from './ImportDialog.tsx'

interface Opened {
  files: File[]
  parentId: string | null
}

const CASES_SECTION = 'fiches de cas'

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim()

/** Case sheets under the section of case sheets (or beside others), notes elsewhere. */
export function defaultKind(pages: readonly PageSummary[], parentId: string | null): ImportKind {
  if (!parentId) return 'note'
  const parent = pages.find((page) => page.id === parentId)
  if (parent && fold(parent.title) === CASES_SECTION) return 'case'
  return pages.some((page) => page.parentId === parentId && page.kind === 'case') ? 'case' : 'note'
}

export function ImportButton({
  workspaceId,
  pages,
  canEditSynonyms,
}: {
  workspaceId: string
  pages: readonly PageSummary[]
  canEditSynonyms: boolean
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="tree-import" onClick={() => setOpen(true)}>
        {t('imports.open')}
      </button>
      {open && (
        <ImportDialog
          workspaceId={workspaceId}
          pages={pages}
          initialFiles={[]}
          initialParentId={null}
          initialKind="note"
          canEditSynonyms={canEditSynonyms}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  )
}

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files')

/** The tree as a drop target for files; the tree's own drags (moving pages) pass through untouched. */
export function TreeImportDrop({
  workspaceId,
  pages,
  enabled,
  canEditSynonyms,
  children,
}: {
  workspaceId: string
  pages: readonly PageSummary[]
  enabled: boolean
  canEditSynonyms: boolean
  children: ReactNode
}) {
  const { t } = useTranslation()
  const [opened, setOpened] = useState<Opened | null>(null)
  const [target, setTarget] = useState<string | null | undefined>(undefined)
  const marked = useRef<HTMLElement | null>(null)

  const rowOf = (event: DragEvent) =>
    (event.target as HTMLElement).closest<HTMLElement>('[data-page-id]') ?? null

  const mark = (row: HTMLElement | null) => {
    if (marked.current === row) return
    marked.current?.removeAttribute('data-file-drop')
    marked.current = row
    row?.setAttribute('data-file-drop', 'true')
  }

  if (!enabled) return <>{children}</>
  const targetTitle = target ? pages.find((page) => page.id === target)?.title : undefined

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a pointer's drop target; "Import…" is the keyboard's way
    <div
      className="tree-import-drop"
      data-dragging={target !== undefined || undefined}
      onDragOverCapture={(event) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        event.stopPropagation()
        event.dataTransfer.dropEffect = 'copy'
        const row = rowOf(event)
        mark(row)
        setTarget(row?.dataset.pageId ?? null)
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
          mark(null)
          setTarget(undefined)
        }
      }}
      onDropCapture={(event) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        event.stopPropagation()
        const row = rowOf(event)
        mark(null)
        setTarget(undefined)
        const files = [...event.dataTransfer.files]
        if (files.length > 0) setOpened({ files, parentId: row?.dataset.pageId ?? null })
      }}
    >
      {children}
      <p className="visually-hidden" aria-live="polite">
        {targetTitle ? t('imports.dropOnPage', { title: targetTitle }) : ''}
      </p>
      {opened && (
        <ImportDialog
          workspaceId={workspaceId}
          pages={pages}
          initialFiles={opened.files}
          initialParentId={opened.parentId}
          initialKind={defaultKind(pages, opened.parentId)}
          canEditSynonyms={canEditSynonyms}
          onClose={() => setOpened(null)}
        />
      )}
    </div>
  )
}
