/** A code to filter by: a select of the live codes grouped by dimension, with "any code" first. */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { codeNamer } from './codeNames.ts'
import { useCodebook } from './useCoding.ts'

export function CodeFilter({
  workspaceId,
  value,
  onChange,
  label,
  className,
}: {
  workspaceId: string
  value: string
  onChange: (codeId: string) => void
  label?: string
  className?: string
}) {
  const { t } = useTranslation()
  const id = useId()
  const { tree } = useCodebook(workspaceId)
  const dimensions = tree.filter((c) => c.depth === 0)
  const name = codeNamer(tree)
  return (
    <div className={`field code-filter ${className ?? ''}`}>
      <label htmlFor={id}>{label ?? t('coding.filter.label')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('coding.filter.any')}</option>
        {dimensions.map((d) => (
          <optgroup key={d.id} label={d.label}>
            {tree
              .filter((c) => c.dimensionId === d.id && c.depth > 0)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {`${'\u00a0\u00a0'.repeat(c.depth - 1)}${name(c)}`}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  )
}
