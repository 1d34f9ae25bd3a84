/**
 * One code of the codebook: edit its label, definition and colour; move it (parent, up, down);
 * add a sub-code; merge it into another code; retire or restore it.
 */
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { readableOn, type TreeCode } from './codeTree.ts'
import { codebookApi } from './codingApi.ts'

export interface CodeDetailsProps {
  code: TreeCode
  tree: readonly TreeCode[]
  canEdit: boolean
  workspaceId: string
  run: (action: () => Promise<unknown>, done: string) => Promise<boolean>
  onMoveBy: (step: -1 | 1) => void
  onSelect: (codeId: string) => void
}

export function CodeDetails({ code, tree, canEdit, workspaceId, run, onMoveBy, onSelect }: CodeDetailsProps) {
  const { t } = useTranslation()
  const id = useId()
  const [label, setLabel] = useState(code.label)
  const [description, setDescription] = useState(code.description)
  const [color, setColor] = useState(code.color ?? code.shownColor)
  const [child, setChild] = useState('')
  const [mergeTarget, setMergeTarget] = useState('')
  const inside = new Set<string>([code.id])
  for (const c of tree) if (c.parentId && inside.has(c.parentId)) inside.add(c.id)
  const live = tree.filter((c) => !c.retired)
  const parents = live.filter((c) => !inside.has(c.id))
  const mergeTargets = live.filter((c) => !inside.has(c.id) && c.depth > 0)

  const save = (event: FormEvent) => {
    event.preventDefault()
    const patch: { label?: string; description?: string; color?: string } = {}
    if (label.trim() !== code.label) patch.label = label.trim()
    if (description !== code.description) patch.description = description
    if (color.toLowerCase() !== (code.color ?? '').toLowerCase()) patch.color = color.toUpperCase()
    if (Object.keys(patch).length === 0) return
    void run(
      () => codebookApi.update(workspaceId, code.id, patch),
      t('coding.codebook.saved', { code: label }),
    )
  }

  const addChild = async (event: FormEvent) => {
    event.preventDefault()
    if (!child.trim()) return
    const ok = await run(
      () => codebookApi.create(workspaceId, { label: child.trim(), parentId: code.id }),
      t('coding.codebook.added', { code: child.trim() }),
    )
    if (ok) setChild('')
  }

  const merge = () => {
    const target = tree.find((c) => c.id === mergeTarget)
    if (!target) return
    if (!window.confirm(t('coding.codebook.mergeConfirm', { code: code.label, target: target.label }))) return
    void run(
      () => codebookApi.merge(workspaceId, code.id, target.id),
      t('coding.codebook.merged', { code: code.label, target: target.label }),
    ).then((ok) => ok && onSelect(target.id))
  }

  return (
    <section className="code-details" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="code-details-title">
        <span
          className="code-chip"
          style={{ background: code.shownColor, color: readableOn(code.shownColor) }}
        >
          {code.label}
        </span>
        {code.retired && <span className="codebook-badge">{t('coding.codebook.retired')}</span>}
      </h2>
      {!code.retired && (
        <p className="code-details-passages">
          <Link to={`/w/${encodeURIComponent(workspaceId)}/codes/${encodeURIComponent(code.id)}`}>
            {t('typology.codePage.allPassages')}
          </Link>
        </p>
      )}
      <p className="hint">{code.path.join(' › ')}</p>
      <form onSubmit={save} className="code-details-form">
        <label htmlFor={`${id}-label`}>{t('coding.codebook.label')}</label>
        <input
          id={`${id}-label`}
          type="text"
          value={label}
          disabled={!canEdit}
          required
          onChange={(e) => setLabel(e.target.value)}
        />
        <label htmlFor={`${id}-description`}>{t('coding.codebook.definition')}</label>
        <textarea
          id={`${id}-description`}
          rows={3}
          value={description}
          disabled={!canEdit}
          onChange={(e) => setDescription(e.target.value)}
        />
        <label htmlFor={`${id}-color`}>{t('coding.codebook.color')}</label>
        <div className="code-color-row">
          <input
            id={`${id}-color`}
            type="color"
            value={color}
            disabled={!canEdit}
            onChange={(e) => setColor(e.target.value)}
          />
          <span className="hint">{color.toUpperCase()}</span>
        </div>
        {canEdit && (
          <button type="submit" className="button-primary">
            {t('coding.codebook.save')}
          </button>
        )}
      </form>

      {canEdit && !code.retired && (
        <>
          <fieldset className="code-details-group">
            <legend>{t('coding.codebook.place')}</legend>
            <label htmlFor={`${id}-parent`}>{t('coding.codebook.parent')}</label>
            <select
              id={`${id}-parent`}
              value={code.parentId ?? ''}
              onChange={(e) => {
                const parentId = e.target.value || null
                void run(
                  () => codebookApi.move(workspaceId, code.id, parentId),
                  t('coding.codebook.moved', { code: code.label }),
                )
              }}
            >
              <option value="">{t('coding.codebook.noParent')}</option>
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  {`${'  '.repeat(p.depth)}${p.label}`}
                </option>
              ))}
            </select>
            <div className="code-details-buttons">
              <button type="button" onClick={() => onMoveBy(-1)}>
                {t('coding.codebook.up')}
              </button>
              <button type="button" onClick={() => onMoveBy(1)}>
                {t('coding.codebook.down')}
              </button>
            </div>
          </fieldset>

          <form className="code-details-group" onSubmit={(e) => void addChild(e)}>
            <label htmlFor={`${id}-child`}>{t('coding.codebook.addChild')}</label>
            <div className="code-details-buttons">
              <input
                id={`${id}-child`}
                type="text"
                value={child}
                onChange={(e) => setChild(e.target.value)}
              />
              <button type="submit">{t('coding.codebook.add')}</button>
            </div>
          </form>

          {code.depth > 0 && (
            <div className="code-details-group">
              <label htmlFor={`${id}-merge`}>{t('coding.codebook.mergeInto')}</label>
              <div className="code-details-buttons">
                <select
                  id={`${id}-merge`}
                  value={mergeTarget}
                  onChange={(e) => setMergeTarget(e.target.value)}
                >
                  <option value="">—</option>
                  {mergeTargets.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.path.join(' › ')}
                    </option>
                  ))}
                </select>
                <button type="button" disabled={!mergeTarget} onClick={merge}>
                  {t('coding.codebook.merge')}
                </button>
              </div>
              <p className="hint">{t('coding.codebook.mergeHint')}</p>
            </div>
          )}
        </>
      )}

      {canEdit && (
        <div className="code-details-group">
          {code.retired ? (
            <button
              type="button"
              onClick={() =>
                void run(
                  () => codebookApi.restore(workspaceId, code.id),
                  t('coding.codebook.restored', { code: code.label }),
                )
              }
            >
              {t('coding.codebook.restore')}
            </button>
          ) : (
            <button
              type="button"
              className="button-danger"
              onClick={() =>
                void run(
                  () => codebookApi.retire(workspaceId, code.id),
                  t('coding.codebook.retiredDone', { code: code.label }),
                )
              }
            >
              {t('coding.codebook.retire')}
            </button>
          )}
          <p className="hint">
            {t(code.retired ? 'coding.codebook.restoreHint' : 'coding.codebook.retireHint')}
          </p>
        </div>
      )}
    </section>
  )
}
