/** The "who wrote what" toggle: tints the page's text by author, with a legend of who they are. */

import type { Editor } from '@tiptap/react'
import type { PageAuthorship, PageVersion, PersonRef } from '@tisserand/api-types'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { setAnchoredData } from '../editor/anchoredRanges.ts'
import { distinctColours } from '../identity/identity.ts'
import { formatDate } from '../ui/formatDate.ts'
import { authorHighlightsKey, type ClientAuthor } from './authorHighlights.ts'
import { historyApi } from './historyApi.ts'
import './history.css'

/** Newcomers' text gets its colour within this delay while the toggle is on. */
const REFRESH_MS = 10_000

/**
 * While mounted, the editor's text is tinted by author and the legend names them; unmounting
 * turns it off. Loaded only when asked for (PageView), like the editor itself.
 */
export function WhoWrote({ editor, pageId }: { editor: Editor | null; pageId: string }) {
  const { t, i18n } = useTranslation()
  const [authors, setAuthors] = useState<(PersonRef & { colour: string })[]>([])

  useEffect(() => {
    if (!editor) return
    let live = true
    const apply = ([authorship, versions]: [PageAuthorship, PageVersion[]]) => {
      if (!live) return
      const versionDates = new Map(versions.map((v) => [v.id, formatDate(v.createdAt, i18n.language, true)]))
      const clients = new Map<number, ClientAuthor>()
      const people = new Map<string, PersonRef>()
      for (const client of authorship.clients) if (client.author) people.set(client.author.id, client.author)
      const colours = distinctColours(people.keys())
      for (const client of authorship.clients) {
        if (!client.author) continue
        const name = client.author.name
        const title = client.restoredFrom
          ? versionDates.has(client.restoredFrom)
            ? t('history.restoredByFrom', { name, date: versionDates.get(client.restoredFrom) })
            : t('history.restoredBy', { name })
          : client.at
            ? t('history.writtenByOn', { name, date: formatDate(client.at, i18n.language, true) })
            : t('history.writtenBy', { name })
        clients.set(client.clientId, { colour: colours.get(client.author.id) as string, title })
      }
      setAuthors(
        [...people.values()]
          .sort((a, b) => a.name.localeCompare(b.name, i18n.language))
          .map((person) => ({ ...person, colour: colours.get(person.id) as string })),
      )
      setAnchoredData(editor, authorHighlightsKey, { clients })
    }
    const load = () =>
      Promise.all([historyApi.authorship(pageId), historyApi.versions(pageId).then((r) => r.versions)]).then(
        apply,
        () => {},
      )
    void load()
    const timer = setInterval(load, REFRESH_MS)
    return () => {
      live = false
      clearInterval(timer)
      setAnchoredData(editor, authorHighlightsKey, { clients: null })
    }
  }, [editor, pageId, t, i18n.language])

  return (
    <ul className="author-legend" aria-label={t('history.whoWroteLegend')}>
      {authors.map((person) => (
        <li key={person.id} style={{ '--author': person.colour } as React.CSSProperties}>
          {person.name}
        </li>
      ))}
    </ul>
  )
}
