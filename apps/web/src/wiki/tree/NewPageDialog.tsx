import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { PageSummary } from '../../api/types.ts'
import { type NewPageBody, NewPageForm } from '../../workspace/NewPageForm.tsx'
import { ModalDialog } from '../ui/ModalDialog.tsx'

/** A new page at the root or under the chosen page; it opens once created. */
export function NewPageDialog({
  under,
  onCreate,
  onClose,
}: {
  under: PageSummary | null
  onCreate: (body: NewPageBody) => Promise<PageSummary>
  onClose: () => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <ModalDialog title={t('wiki.tree.newPageTitle')} onClose={onClose}>
      <NewPageForm
        under={under}
        create={onCreate}
        onCancel={onClose}
        onCreated={(page) => {
          onClose()
          void navigate(`/p/${encodeURIComponent(page.id)}`)
        }}
      />
    </ModalDialog>
  )
}
