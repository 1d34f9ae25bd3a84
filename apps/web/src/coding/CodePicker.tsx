/**
 * Code search: a text box over the codable codes grouped by dimension, each with its colour.
 * Multi-select (tick several, then apply) or single (pick one). Keyboard: ↑/↓ move, Enter ticks
 * (picks in single mode), Ctrl/⌘+Enter applies, Escape cancels.
 */
import { type KeyboardEvent, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { codeNamer } from './codeNames.ts'
import { searchCodable, type TreeCode } from './codeTree.ts'

export interface CodePickerProps {
  tree: readonly TreeCode[]
  mode: 'multi' | 'single'
  /** Codes not offered (already applied). */
  exclude?: ReadonlySet<string>
  label: string
  onApply: (codeIds: string[]) => void
  onCancel: () => void
  busy?: boolean
}

export function CodePicker({ tree, mode, exclude, label, onApply, onCancel, busy }: CodePickerProps) {
  const name = useMemo(() => codeNamer(tree), [tree])
  const { t } = useTranslation()
  const id = useId()
  const [query, setQuery] = useState('')
  const [picked, setPicked] = useState<string[]>([])
  const [active, setActive] = useState(0)
  const groups = useMemo(
    () =>
      searchCodable(tree, query)
        .map((g) => ({ ...g, codes: g.codes.filter((c) => !exclude?.has(c.id)) }))
        .filter((g) => g.codes.length > 0),
    [tree, query, exclude],
  )
  const flat = groups.flatMap((g) => g.codes)
  const current = flat[Math.min(active, flat.length - 1)]
  const optionId = (codeId: string) => `${id}-${codeId}`

  const toggle = (code: TreeCode) => {
    if (mode === 'single') return onApply([code.id])
    setPicked((list) => (list.includes(code.id) ? list.filter((x) => x !== code.id) : [...list, code.id]))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((i) =>
        flat.length === 0 ? 0 : (Math.min(i, flat.length - 1) + step + flat.length) % flat.length,
      )
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      if (picked.length > 0) onApply(picked)
    } else if (event.key === 'Enter') {
      event.preventDefault()
      if (current) toggle(current)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onCancel()
    }
  }

  return (
    <div className="code-picker">
      <label className="code-picker-label" htmlFor={`${id}-q`}>
        {label}
      </label>
      <input
        id={`${id}-q`}
        className="code-picker-search"
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(current.id) : undefined}
        placeholder={t('coding.picker.search')}
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: the picker opens on purpose, its search box is where typing goes.
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      <div
        id={`${id}-list`}
        className="code-picker-list"
        role="listbox"
        aria-label={label}
        aria-multiselectable={mode === 'multi'}
      >
        {groups.length === 0 && <p className="code-picker-empty">{t('coding.picker.none')}</p>}
        {groups.map((group) => (
          // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox (ARIA), not a form fieldset.
          <div key={group.dimension.id} role="group" aria-labelledby={`${id}-g-${group.dimension.id}`}>
            <div id={`${id}-g-${group.dimension.id}`} className="code-picker-dimension">
              {group.dimension.label}
            </div>
            {group.codes.map((code) => {
              const selected = picked.includes(code.id)
              return (
                <div
                  key={code.id}
                  id={optionId(code.id)}
                  role="option"
                  tabIndex={-1}
                  aria-selected={selected}
                  className={`code-option${code === current ? ' is-active' : ''}`}
                  style={{ paddingLeft: `${0.5 + (code.depth - 1) * 1}rem` }}
                  title={code.description || undefined}
                  // Keep the focus in the search box.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => toggle(code)}
                  onKeyDown={() => {}}
                >
                  {mode === 'multi' && (
                    <span className={`code-check${selected ? ' is-checked' : ''}`} aria-hidden="true">
                      {selected ? '✓' : ''}
                    </span>
                  )}
                  <span className="code-swatch" style={{ background: code.shownColor }} aria-hidden="true" />
                  <span className="code-option-label">{name(code)}</span>
                </div>
              )
            })}
          </div>
        ))}
      </div>
      <div className="code-picker-actions">
        {mode === 'multi' && (
          <button
            type="button"
            className="button-primary"
            disabled={picked.length === 0 || busy}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onApply(picked)}
          >
            {picked.length === 0
              ? t('coding.picker.applyNone')
              : t('coding.picker.apply', { count: picked.length })}
          </button>
        )}
        <button type="button" onMouseDown={(event) => event.preventDefault()} onClick={onCancel}>
          {t('coding.picker.cancel')}
        </button>
      </div>
      <p className="code-picker-hint">
        {t(mode === 'multi' ? 'coding.picker.hintMulti' : 'coding.picker.hintSingle')}
      </p>
    </div>
  )
}
