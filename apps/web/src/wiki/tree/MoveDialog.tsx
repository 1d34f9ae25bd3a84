import { type FormEvent, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PageSummary } from '../../api/types.ts'
import { SelectField } from '../../ui/SelectField.tsx'
import { ModalDialog } from '../ui/ModalDialog.tsx'
import { buildTree, isSelfOrDescendant, type MoveTarget, type TreeNode } from './treeModel.ts'

const ROOT = '__root__'

/** Moving without a pointer or shortcuts: pick the new parent from the whole tree; the page goes last there. */
export function MoveDialog({
  page,
  pages,
  onMove,
  onClose,
}: {
  page: PageSummary
  pages: readonly PageSummary[]
  onMove: (target: MoveTarget) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [parent, setParent] = useState<string>(page.parentId ?? ROOT)
  const options = useMemo(() => {
    const list: { value: string; label: string }[] = [{ value: ROOT, label: t('wiki.tree.placeRoot') }]
    const walk = (nodes: TreeNode[], depth: number) => {
      for (const node of nodes) {
        if (isSelfOrDescendant(pages, page.id, node.page.id)) continue
        list.push({ value: node.page.id, label: `${'\u2003'.repeat(depth)}${node.page.title}` })
        walk(node.children, depth + 1)
      }
    }
    walk(buildTree(pages), 0)
    return list
  }, [pages, page.id, t])

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const parentId = parent === ROOT ? null : parent
    if (parentId !== page.parentId) onMove({ parentId })
    onClose()
  }

  return (
    <ModalDialog title={t('wiki.tree.moveTitle', { title: page.title })} onClose={onClose}>
      <form className="stack-form" onSubmit={submit}>
        <SelectField
          label={t('wiki.tree.moveParent')}
          value={parent}
          onChange={setParent}
          options={options}
        />
        <p className="hint">{t('wiki.tree.moveHint')}</p>
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {t('wiki.tree.moveSubmit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('wiki.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
