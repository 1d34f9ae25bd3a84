/**
 * "Exporter" in a page's header: a dialog to choose the format (Markdown, HTML, Word, PDF) and
 * whether comments become footnotes and coded passages are highlighted with their codes.
 */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ModalDialog } from '../../wiki/ui/ModalDialog.tsx'
import { ExportStatus } from './ExportStatus.tsx'
import { useExport } from './useExport.ts'
import './export.css'

export const PAGE_FORMATS = ['pdf', 'docx', 'html', 'md'] as const
type PageFormat = (typeof PAGE_FORMATS)[number]

export function PageExportButton({ pageId, title }: { pageId: string; title: string }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="button-quiet" onClick={() => setOpen(true)}>
        {t('exports.page.open')}
      </button>
      {open && <PageExportDialog pageId={pageId} title={title} onClose={() => setOpen(false)} />}
    </>
  )
}

function PageExportDialog({
  pageId,
  title,
  onClose,
}: {
  pageId: string
  title: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [format, setFormat] = useState<PageFormat>('pdf')
  const [comments, setComments] = useState(false)
  const [codes, setCodes] = useState(false)
  const { state, run } = useExport()
  const submit = () => {
    const query = new URLSearchParams({ format })
    if (comments) query.set('comments', '1')
    if (codes) query.set('codes', '1')
    void run(`/api/pages/${encodeURIComponent(pageId)}/export?${query}`, `${title}.${format}`)
  }
  return (
    <ModalDialog title={t('exports.page.title')} onClose={onClose} className="wiki-dialog export-dialog">
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <fieldset className="export-formats">
          <legend>{t('exports.format')}</legend>
          {PAGE_FORMATS.map((f) => (
            <label key={f} className="choice">
              <input
                type="radio"
                name={`${id}-format`}
                value={f}
                checked={format === f}
                onChange={() => setFormat(f)}
              />
              {t(`exports.formats.${f}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="export-options">
          <legend>{t('exports.options')}</legend>
          <label className="choice">
            <input type="checkbox" checked={comments} onChange={(e) => setComments(e.target.checked)} />
            {t('exports.page.comments')}
          </label>
          <label className="choice">
            <input type="checkbox" checked={codes} onChange={(e) => setCodes(e.target.checked)} />
            {t('exports.page.codes')}
          </label>
        </fieldset>
        <ExportStatus state={state} />
        <div className="form-actions">
          <button type="button" className="button-quiet" onClick={onClose}>
            {t('exports.close')}
          </button>
          <button type="submit" disabled={state.kind === 'running'}>
            {t('exports.download')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
