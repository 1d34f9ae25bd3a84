/**
 * "Publier le dossier" on the workspace home: the study (or one part of its tree) as one Word,
 * PDF or HTML file, or the whole workspace as a ZIP of Markdown files; the open discussions can
 * be added as an appendix.
 */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SelectField } from '../../ui/SelectField.tsx'
import { useWorkspacePages } from '../../wiki/pages/WorkspacePages.tsx'
import { ExportStatus } from './ExportStatus.tsx'
import { useExport } from './useExport.ts'
import './export.css'

export const DOSSIER_FORMATS = ['docx', 'pdf', 'html', 'md-zip'] as const
type DossierFormat = (typeof DOSSIER_FORMATS)[number]

export function DossierExport({ workspaceId, name }: { workspaceId: string; name: string }) {
  const { t } = useTranslation()
  const id = useId()
  const pages = useWorkspacePages()?.pages ?? []
  const [format, setFormat] = useState<DossierFormat>('docx')
  const [rootId, setRootId] = useState('')
  const [discussions, setDiscussions] = useState(false)
  const { state, run } = useExport()
  // Parts of the tree worth publishing alone: pages that have children.
  const parents = new Set(pages.map((p) => p.parentId).filter(Boolean))
  const roots = pages.filter((p) => parents.has(p.id))
  const submit = () => {
    const query = new URLSearchParams({ format })
    if (rootId) query.set('rootId', rootId)
    if (discussions && format !== 'md-zip') query.set('discussions', '1')
    const extension = format === 'md-zip' ? 'zip' : format
    void run(`/api/workspaces/${encodeURIComponent(workspaceId)}/export?${query}`, `${name}.${extension}`)
  }
  return (
    <section className="card dossier-export" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('exports.dossier.title')}
      </h2>
      <p className="hint">{t('exports.dossier.intro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <SelectField
          label={t('exports.format')}
          value={format}
          options={DOSSIER_FORMATS.map((f) => ({ value: f, label: t(`exports.formats.${f}`) }))}
          onChange={setFormat}
        />
        <SelectField
          label={t('exports.dossier.part')}
          value={rootId}
          options={[
            { value: '', label: t('exports.dossier.whole') },
            ...roots.map((p) => ({ value: p.id, label: p.title })),
          ]}
          onChange={setRootId}
        />
        <label className="choice">
          <input
            type="checkbox"
            checked={discussions}
            disabled={format === 'md-zip'}
            onChange={(e) => setDiscussions(e.target.checked)}
          />
          {t('exports.dossier.discussions')}
        </label>
        <ExportStatus state={state} />
        <button type="submit" disabled={state.kind === 'running'}>
          {t('exports.dossier.download')}
        </button>
      </form>
    </section>
  )
}
