import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Mentionable, matchesMember, mentionQueryAt } from './mentions.ts'

interface MentionTextareaProps {
  label: string
  value: string
  onChange: (value: string) => void
  /** Members picked in this text so far. */
  picked: Mentionable[]
  onPick: (member: Mentionable) => void
  members: Mentionable[]
  placeholder?: string
  autoFocus?: boolean
  /** Ctrl/Cmd+Enter. */
  onSubmit?: () => void
}

const MAX_SUGGESTIONS = 6

/** A plain-text comment field where typing `@` offers the workspace's members. */
export function MentionTextarea(props: MentionTextareaProps) {
  const { t } = useTranslation()
  const { value, onChange, members, onPick, picked } = props
  const ref = useRef<HTMLTextAreaElement>(null)
  const pendingCaret = useRef<number | null>(null)
  const listId = useId()
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null)
  const [highlighted, setHighlighted] = useState(0)

  const suggestions = query
    ? members.filter((m) => matchesMember(m.name, query.query)).slice(0, MAX_SUGGESTIONS)
    : []
  const open = query !== null && members.length > 0

  useEffect(() => {
    if (props.autoFocus) ref.current?.focus()
  }, [props.autoFocus])

  const updateQuery = (text: string, caret: number) => {
    setQuery(mentionQueryAt(text, caret))
    setHighlighted(0)
  }

  const choose = (member: Mentionable) => {
    if (!query) return
    const caret = ref.current?.selectionStart ?? value.length
    const inserted = `@${member.name} `
    const next = value.slice(0, query.start) + inserted + value.slice(caret)
    onChange(next)
    if (!picked.some((p) => p.userId === member.userId)) onPick(member)
    setQuery(null)
    // Placed as soon as the new text is rendered (below), before the next key can land elsewhere.
    pendingCaret.current = query.start + inserted.length
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the text the caret belongs to changes
  useLayoutEffect(() => {
    const at = pendingCaret.current
    if (at === null || !ref.current) return
    pendingCaret.current = null
    ref.current.focus()
    ref.current.setSelectionRange(at, at)
  }, [value])

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        const step = event.key === 'ArrowDown' ? 1 : -1
        setHighlighted((i) => (i + step + suggestions.length) % suggestions.length)
        return
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault()
        const member = suggestions[highlighted]
        if (member) choose(member)
        return
      }
    }
    if (open && event.key === 'Escape') {
      event.preventDefault()
      setQuery(null)
      return
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      props.onSubmit?.()
    }
  }

  const optionId = (index: number) => `${listId}-${index}`
  return (
    <div className="mention-field">
      <textarea
        ref={ref}
        className="comment-input"
        aria-label={props.label}
        placeholder={props.placeholder}
        value={value}
        rows={3}
        maxLength={4000}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && suggestions.length > 0 ? optionId(highlighted) : undefined}
        onChange={(event) => {
          onChange(event.target.value)
          updateQuery(event.target.value, event.target.selectionStart)
        }}
        onKeyDown={onKeyDown}
        onClick={(event) => updateQuery(value, event.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      {open && (
        <div className="mention-list" id={listId} role="listbox" aria-label={t('comments.mentionList')}>
          {suggestions.length === 0 ? (
            <div className="mention-empty">{t('comments.noMember')}</div>
          ) : (
            suggestions.map((member, index) => (
              <div
                key={member.userId}
                tabIndex={-1}
                id={optionId(index)}
                role="option"
                aria-selected={index === highlighted}
                className={index === highlighted ? 'is-highlighted' : undefined}
                onMouseDown={(event) => {
                  event.preventDefault()
                  choose(member)
                }}
              >
                {member.name}
              </div>
            ))
          )}
        </div>
      )}
    </div>
  )
}
