import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { PAGE_KINDS, type PageKind, type PageSummary } from '../../api/types.ts'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { useSubmit } from '../../ui/useSubmit.ts'
import { ModalDialog } from '../ui/ModalDialog.tsx'

/** A new page at the root or under the chosen page; it opens once created. */
export function NewPageDialog({
  under,
  onCreate,
  onClose,
}: {
  under: PageSummary | null
  onCreate: (body: { title: string; kind: PageKind; parentId: string | null }) => Promise<PageSummary>
  onClose: () => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
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
      const page = await onCreate({
        title: title.trim(),
        kind,
        parentId: place === 'under' && under ? under.id : null,
      })
      onClose()
      void navigate(`/p/${encodeURIComponent(page.id)}`)
    })
  }

  return (
    <ModalDialog title={t('wiki.tree.newPageTitle')} onClose={onClose}>
      <form className="stack-form" onSubmit={submit} noValidate>
        <FormAlert message={submission.formError} />
        <TextField
          label={t('wiki.tree.newPageName')}
          name="title"
          autoComplete="off"
          maxLength={300}
          value={title}
          onChange={setTitle}
          error={submission.fieldErrors.title}
        />
        <SelectField
          label={t('wiki.tree.newPageKind')}
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
            {t('wiki.tree.create')}
          </button>
          <button type="button" onClick={onClose}>
            {t('wiki.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
