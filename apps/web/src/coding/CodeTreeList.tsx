/** The code tree as an indented list of buttons; Alt+↑/↓ on a code moves it among its siblings. */
import { useTranslation } from 'react-i18next'
import type { TreeCode } from './codeTree.ts'

export function CodeTreeList(props: {
  codes: readonly TreeCode[]
  selectedId: string | null
  onSelect: (codeId: string) => void
  onMove?: (codeId: string, step: -1 | 1) => void
}) {
  const { t } = useTranslation()
  return (
    <ul className="codebook-tree">
      {props.codes.map((code) => (
        <li key={code.id} className={code.depth === 0 ? 'is-dimension' : undefined}>
          <button
            type="button"
            className={`codebook-row${code.retired ? ' is-retired' : ''}`}
            style={{ paddingLeft: `${0.5 + code.depth * 1.1}rem` }}
            aria-current={code.id === props.selectedId ? 'true' : undefined}
            aria-keyshortcuts={props.onMove ? 'Alt+ArrowUp Alt+ArrowDown' : undefined}
            onClick={() => props.onSelect(code.id)}
            onKeyDown={(event) => {
              if (!props.onMove || !event.altKey) return
              if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
                event.preventDefault()
                props.onMove(code.id, event.key === 'ArrowUp' ? -1 : 1)
              }
            }}
          >
            <span className="code-swatch" style={{ background: code.shownColor }} aria-hidden="true" />
            <span className="codebook-row-label">{code.label}</span>
            {code.retired && <span className="codebook-badge">{t('coding.codebook.retired')}</span>}
          </button>
        </li>
      ))}
    </ul>
  )
}
