/**
 * Importing documents into the wiki: files dropped on the tree or chosen here, a place in the tree
 * and a kind (case sheet, synthesis, note), then one request per file so each shows its progress;
 * each file ends with the pages it made (to open) and what to check, or why it was refused.
 */
import { IMPORT_KINDS, type ImportedPage, type ImportKind, type ImportWarning } from '@tisserand/api-types'
import { type DragEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../../api/client.ts'
import { errorMessage } from '../../api/errorMessage.ts'
import type { PageSummary } from '../../api/types.ts'
import { FilePickButton } from '../../ui/FilePickButton.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { ModalDialog } from '../../wiki/ui/ModalDialog.tsx'
import { IMPORT_ACCEPT, importApi } from './importApi.ts'
import { SynonymsEditor } from './SynonymsEditor.tsx'
import './import.css'

type FileState =
  | { status: 'waiting' }
  | { status: 'busy' }
  | { status: 'done'; pages: ImportedPage[]; warnings: ImportWarning[] }
  | { status: 'failed'; message: string }

interface Entry {
  key: string
  file: File
  state: FileState
}

const REFUSALS = ['unsupported_file', 'invalid_file', 'payload_too_large'] as const
const KNOWN_WARNINGS = [
  'docx_comments',
  'docx_tracked_changes',
  'docx_message',
  'external_images',
  'scripts_removed',
  'links_removed',
  'images_not_images',
  'sections_missing',
  'property_not_understood',
  'zip_entries_skipped',
  'front_matter_codes',
  'front_matter_invalid',
] as const

let keys = 0

export function ImportDialog({
  workspaceId,
  pages,
  initialFiles,
  initialParentId,
  initialKind,
  canEditSynonyms,
  onClose,
}: {
  workspaceId: string
  /** Owners may change the synonyms case sheets are matched with. */
  canEditSynonyms: boolean
  pages: readonly PageSummary[]
  initialFiles: File[]
  initialParentId: string | null
  initialKind: ImportKind
  onClose: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [entries, setEntries] = useState<Entry[]>(() => initialFiles.map(entry))
  const [parentId, setParentId] = useState(initialParentId ?? '')
  const [kind, setKind] = useState<ImportKind>(initialKind)
  const [running, setRunning] = useState(false)
  const [dragging, setDragging] = useState(false)
  const started = entries.some((e) => e.state.status !== 'waiting')
  const finished = entries.filter((e) => e.state.status === 'done' || e.state.status === 'failed').length
  const failed = entries.filter((e) => e.state.status === 'failed').length

  const add = (files: Iterable<File>) => {
    if (running) return
    setEntries((current) => [
      ...current.filter((e) => e.state.status === 'waiting'),
      ...[...files].map(entry),
    ])
  }

  const setState = (key: string, state: FileState) =>
    setEntries((current) => current.map((e) => (e.key === key ? { ...e, state } : e)))

  async function run() {
    setRunning(true)
    for (const { key, file, state } of entries) {
      if (state.status !== 'waiting') continue
      setState(key, { status: 'busy' })
      try {
        const result = await importApi.importFile(workspaceId, file, { parentId: parentId || null, kind })
        setState(key, { status: 'done', pages: result.pages, warnings: result.warnings })
      } catch (failure) {
        const code = failure instanceof ApiError ? failure.code : ''
        const message = (REFUSALS as readonly string[]).includes(code)
          ? t(`imports.error.${code as (typeof REFUSALS)[number]}`)
          : errorMessage(t, failure)
        setState(key, { status: 'failed', message })
      }
    }
    setRunning(false)
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    add(event.dataTransfer.files)
  }

  const sorted = [...pages].sort((a, b) => a.title.localeCompare(b.title))
  const waiting = entries.filter((e) => e.state.status === 'waiting').length

  return (
    <ModalDialog title={t('imports.title')} onClose={onClose} className="import-dialog">
      <p className="hint">{t('imports.intro')}</p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a pointer's drop target; the button beside it is the keyboard's way */}
      <div
        className="import-drop"
        data-dragging={dragging || undefined}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes('Files')) return
          event.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span>{t('imports.dropZone')}</span>
        <span className="hint-inline">{t('imports.or')}</span>
        <FilePickButton
          label={t('imports.pick')}
          accept={IMPORT_ACCEPT}
          multiple
          disabled={running}
          onChange={(event) => {
            add(event.target.files ?? [])
            event.target.value = ''
          }}
        />
      </div>

      <h3 id={`${id}-files`} className="import-files-title">
        {t('imports.files')}
      </h3>
      {entries.length === 0 ? (
        <p className="hint">{t('imports.noFiles')}</p>
      ) : (
        <ul className="import-files" aria-labelledby={`${id}-files`}>
          {entries.map((e) => (
            <FileRow
              key={e.key}
              entry={e}
              onRemove={
                e.state.status === 'waiting' && !running
                  ? () => setEntries((current) => current.filter((other) => other.key !== e.key))
                  : undefined
              }
              onOpen={onClose}
            />
          ))}
        </ul>
      )}

      {!started && (
        <div className="import-options">
          <SelectField
            label={t('imports.place')}
            name="parentId"
            value={parentId}
            onChange={setParentId}
            options={[
              { value: '', label: t('imports.placeRoot') },
              ...sorted.map((page) => ({ value: page.id, label: page.title })),
            ]}
          />
          <fieldset className="import-kinds">
            <legend>{t('imports.kind')}</legend>
            {IMPORT_KINDS.map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name={`${id}-kind`}
                  value={value}
                  checked={kind === value}
                  onChange={() => setKind(value)}
                />{' '}
                {t(`kinds.${value}`)}
              </label>
            ))}
            <p className="hint">{t(`imports.kindHint.${kind}`)}</p>
          </fieldset>
          {kind === 'case' && canEditSynonyms && (
            <details className="import-synonyms-toggle">
              <summary>{t('imports.synonyms.toggle')}</summary>
              <SynonymsEditor workspaceId={workspaceId} />
            </details>
          )}
        </div>
      )}

      {started && (
        <div className="import-progress">
          <label htmlFor={`${id}-progress`}>{t('imports.progressLabel')}</label>
          <progress id={`${id}-progress`} max={entries.length} value={finished} />
          <p role="status">
            {running
              ? t('imports.progress', { done: finished, total: entries.length })
              : t('imports.finished', { done: finished - failed, failed })}
          </p>
        </div>
      )}

      <div className="form-actions">
        {waiting > 0 && (
          <button type="button" className="button-primary" disabled={running} onClick={() => void run()}>
            {t('imports.start')}
          </button>
        )}
        <button type="button" onClick={onClose} disabled={running}>
          {t('imports.close')}
        </button>
      </div>
    </ModalDialog>
  )
}

function entry(file: File): Entry {
  keys += 1
  return { key: `${keys}-${file.name}`, file, state: { status: 'waiting' } }
}

function FileRow({
  entry: e,
  onRemove,
  onOpen,
}: {
  entry: Entry
  onRemove?: () => void
  onOpen: () => void
}) {
  const { t } = useTranslation()
  const { state } = e
  return (
    <li className="import-file" data-status={state.status}>
      <div className="import-file-head">
        <span className="import-file-name">{e.file.name}</span>
        <span className="import-file-status">{t(`imports.status.${state.status}`)}</span>
        {onRemove && (
          <button type="button" className="button-quiet" onClick={onRemove}>
            {t('imports.remove', { file: e.file.name })}
          </button>
        )}
      </div>
      {state.status === 'failed' && (
        <p className="form-alert" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'done' && (
        <>
          <ul className="import-created" aria-label={t('imports.created')}>
            {state.pages.map((page) => (
              <li key={page.id}>
                <Link to={`/p/${encodeURIComponent(page.id)}`} onClick={onOpen}>
                  {page.title}
                </Link>{' '}
                <span className="hint-inline">({t(`kinds.${page.kind}`)})</span>
                <Warnings warnings={page.warnings} />
              </li>
            ))}
          </ul>
          <Warnings warnings={state.warnings} />
        </>
      )}
    </li>
  )
}

function Warnings({ warnings }: { warnings: ImportWarning[] }) {
  const { t } = useTranslation()
  if (warnings.length === 0) return null
  return (
    <ul className="import-warnings" aria-label={t('imports.warningsTitle')}>
      {warnings.map((warning, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no id and never move
        <li key={i}>
          {(KNOWN_WARNINGS as readonly string[]).includes(warning.code)
            ? t(`imports.warning.${warning.code as (typeof KNOWN_WARNINGS)[number]}`, {
                count: warning.count ?? 0,
                message: warning.message,
              })
            : t('imports.warning.other', { message: warning.message })}
        </li>
      ))}
    </ul>
  )
}
