/**
 * Who is on this page now: one avatar (initials in their caret colour) per other connected
 * person, from the page's awareness. Clicking one scrolls to their caret.
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { initials } from '../identity/identity.ts'
import type { PageConnection } from '../sync/pageConnection.ts'

interface Present {
  clientId: number
  name: string
  color: string
}

function readPresent(connection: PageConnection): Present[] {
  const { awareness } = connection.provider
  const seen = new Set<string>()
  const list: Present[] = []
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user
    if (typeof user?.name !== 'string' || typeof user.color !== 'string') continue
    // One avatar per person, however many tabs they have open.
    if (seen.has(user.name)) continue
    seen.add(user.name)
    list.push({ clientId, name: user.name, color: user.color })
  }
  return list.sort((a, b) => a.name.localeCompare(b.name))
}

function scrollToCaret(name: string) {
  const labels = document.querySelectorAll<HTMLElement>('.collaboration-carets__label')
  const label = [...labels].find((element) => element.dataset.name === name)
  label?.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' })
}

export function PresenceBar({ connection }: { connection: PageConnection }) {
  const { t } = useTranslation()
  const [present, setPresent] = useState<Present[]>(() => readPresent(connection))
  useEffect(() => {
    const { awareness } = connection.provider
    const update = () => setPresent(readPresent(connection))
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [connection])
  if (present.length === 0) return null
  return (
    <ul className="presence-bar" aria-label={t('presence.label')}>
      {present.map((person) => (
        <li key={person.clientId}>
          <button
            type="button"
            className="presence-avatar"
            style={{ background: person.color }}
            aria-label={t('presence.goTo', { name: person.name })}
            data-tip={person.name}
            onClick={() => scrollToCaret(person.name)}
          >
            <span aria-hidden="true">{initials(person.name)}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
