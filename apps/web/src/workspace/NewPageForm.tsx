import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PAGE_KINDS, type PageKind, type PageSummary } from '../api/types.ts'
import { FormAlert } from '../ui/FormAlert.tsx'
import { SelectField } from '../ui/SelectField.tsx'
import { TextField } from '../ui/TextField.tsx'
import { useSubmit } from '../ui/useSubmit.ts'

export interface NewPageBody {
  title: string
  kind: PageKind
  parentId: string | null
}

/**
 * Title, kind and (when a page is chosen) place of a new page: the one form behind the home's
 * "new page" card and the tree's dialog.
 */
export function NewPageForm({
  under = null,
  create,
  onCreated,
  onCancel,
}: {
  under?: PageSummary | null
  create: (body: NewPageBody) => Promise<PageSummary>
  onCreated: (page: PageSummary) => void
  onCancel?: () => void
}) {
  const { t } = useTranslation()
  const [title, setTitle] = useState('')
  const [kind, setKind] = useState<PageKind>('case')
  const [place, setPlace] = useState<'root' | 'under'>(under ? 'under' : 'root')
  const submission = useSubmit(['title'])

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (title.trim() === '') {
      submission.setFieldErrors({ title: t('errors.field.title') })
      return
    }
    void submission.run(async () => {
      const page = await create({
        title: title.trim(),
        kind,
        parentId: place === 'under' && under ? under.id : null,
      })
      setTitle('')
      onCreated(page)
    })
  }

  return (
    <form className="stack-form" onSubmit={submit} noValidate>
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
      {kind === 'case' && <p className="hint">{t('wiki.tree.caseFromTemplate')}</p>}
      {under && (
        <SelectField
          label={t('wiki.tree.newPagePlace')}
          value={place}
          onChange={setPlace}
          options={[
            { value: 'under', label: t('wiki.tree.placeUnder', { title: under.title }) },
            { value: 'root', label: t('wiki.tree.placeRoot') },
          ]}
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={submission.pending}>
          {t('workspace.createPage')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('wiki.cancel')}
          </button>
        )}
      </div>
    </form>
  )
}
