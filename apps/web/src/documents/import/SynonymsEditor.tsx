/**
 * Owners' editor of the words an imported case sheet may use: other headings for each section
 * of the template, other labels for each case property in a properties table. One per line.
 */
import type { ImportSynonyms } from '@tisserand/api-types'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useResource } from '../../api/useResource.ts'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { useSubmit } from '../../ui/useSubmit.ts'
import { importApi } from './importApi.ts'

const PROPERTIES = ['territory', 'yearFounded', 'needsOrigin', 'status'] as const

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

export function SynonymsEditor({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation()
  const id = useId()
  const loaded = useResource(() => importApi.synonyms(workspaceId), [workspaceId])
  const [draft, setDraft] = useState<Record<string, string> | null>(null)
  const [saved, setSaved] = useState(false)
  const submission = useSubmit()

  useEffect(() => {
    const data = loaded.data
    if (!data) return
    setDraft({
      ...Object.fromEntries(Object.entries(data.sections).map(([k, v]) => [`s:${k}`, v.join('\n')])),
      ...Object.fromEntries(PROPERTIES.map((name) => [`p:${name}`, data.properties[name].join('\n')])),
    })
  }, [loaded.data])

  if (!loaded.data || !draft) return <p className="hint">{t('common.loading')}</p>
  const sections = Object.keys(loaded.data.sections)

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!draft) return
    setSaved(false)
    const body: ImportSynonyms = {
      sections: Object.fromEntries(sections.map((heading) => [heading, lines(draft[`s:${heading}`] ?? '')])),
      properties: Object.fromEntries(
        PROPERTIES.map((name) => [name, lines(draft[`p:${name}`] ?? '')]),
      ) as ImportSynonyms['properties'],
    }
    void submission.run(async () => {
      await importApi.updateSynonyms(workspaceId, body)
      setSaved(true)
    })
  }

  const field = (key: string, label: string) => (
    <div className="field" key={key}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <textarea
        id={`${id}-${key}`}
        rows={3}
        value={draft[key] ?? ''}
        onChange={(event) => {
          setSaved(false)
          setDraft({ ...draft, [key]: event.target.value })
        }}
      />
    </div>
  )

  return (
    <form className="stack-form import-synonyms" onSubmit={submit} noValidate>
      <p className="hint">{t('imports.synonyms.intro')}</p>
      <FormAlert message={submission.formError} />
      {sections.map((heading) => field(`s:${heading}`, t('imports.synonyms.section', { heading })))}
      {PROPERTIES.map((name) =>
        field(`p:${name}`, t('imports.synonyms.property', { property: t(`wiki.properties.${name}`) })),
      )}
      <div className="form-actions">
        <button type="submit" disabled={submission.pending}>
          {t('imports.synonyms.save')}
        </button>
        <span role="status" className="hint-inline">
          {saved ? t('imports.synonyms.saved') : ''}
        </span>
      </div>
    </form>
  )
}
