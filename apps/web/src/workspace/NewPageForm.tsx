import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { pageApi } from '../api/endpoints.ts'
import { PAGE_KINDS, type PageKind, type PageSummary } from '../api/types.ts'
import { FormAlert } from '../ui/FormAlert.tsx'
import { SelectField } from '../ui/SelectField.tsx'
import { TextField } from '../ui/TextField.tsx'
import { useSubmit } from '../ui/useSubmit.ts'

/** Title and kind of a new page in the workspace. */
export function NewPageForm({
  workspaceId,
  onCreated,
}: {
  workspaceId: string
  onCreated: (page: PageSummary) => void
}) {
  const { t } = useTranslation()
  const [title, setTitle] = useState('')
  const [kind, setKind] = useState<PageKind>('case')
  const submission = useSubmit(['title'])
  const titleId = useId()

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (title.trim() === '') {
      submission.setFieldErrors({ title: t('errors.field.title') })
      return
    }
    void submission.run(async () => {
      const page = await pageApi.create(workspaceId, { title: title.trim(), kind })
      setTitle('')
      onCreated(page)
    })
  }

  return (
    <form className="card stack-form new-page" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t('workspace.newPage')}
      </h2>
      <FormAlert message={submission.formError} />
      <TextField
        label={t('workspace.pageTitle')}
        name="title"
        autoComplete="off"
        maxLength={300}
        value={title}
        onChange={setTitle}
        error={submission.fieldErrors.title}
      />
      <SelectField
        label={t('workspace.pageKind')}
        name="kind"
        value={kind}
        onChange={setKind}
        options={PAGE_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
      />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={submission.pending}>
          {t('workspace.createPage')}
        </button>
      </div>
    </form>
  )
}
