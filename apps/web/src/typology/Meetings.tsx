/** Where two codes meet: the cases carrying both, or their overlapping passages, each opening the page. */
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { errorMessage } from '../api/errorMessage.ts'
import { useResource } from '../api/useResource.ts'
import { caseMeetings, type MeetMode, passageHref, passageMeetings } from './cooccurrence.ts'
import { typologyApi } from './typologyApi.ts'
import { usePanelHeading } from './usePanelHeading.ts'

export function Meetings(props: {
  workspaceId: string
  a: { id: string; label: string }
  b: { id: string; label: string }
  mode: MeetMode
  onClose: () => void
}) {
  const { t } = useTranslation()
  const heading = usePanelHeading()
  const { workspaceId, a, b, mode } = props
  const data = useResource(async () => {
    const [passagesA, passagesB, pagesA, pagesB] = await Promise.all([
      typologyApi.passages(workspaceId, a.id),
      typologyApi.passages(workspaceId, b.id),
      typologyApi.codePages(workspaceId, a.id),
      typologyApi.codePages(workspaceId, b.id),
    ])
    return mode === 'case'
      ? caseMeetings(pagesA.pages, pagesB.pages, [...passagesA.passages, ...passagesB.passages])
      : passageMeetings(passagesA.passages, passagesB.passages)
  }, [workspaceId, a.id, b.id, mode])
  const title = t(`typology.meetings.title.${mode}`, { a: a.label, b: b.label })
  return (
    <aside className="typology-excerpts" aria-label={title}>
      <header>
        <h2 ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" onClick={props.onClose}>
          {t('typology.excerpts.close')}
        </button>
      </header>
      {data.error && <p role="alert">{errorMessage(t, data.error)}</p>}
      {data.data?.length === 0 && <p>{t('typology.meetings.none')}</p>}
      <ul>
        {(data.data ?? []).map((m) => (
          <li key={`${m.pageId} ${m.passageId ?? ''}`}>
            {m.excerpt && <blockquote>{m.excerpt}</blockquote>}
            <Link to={passageHref(m.pageId, m.passageId)}>
              {t(m.passageId ? 'typology.excerpts.open' : 'typology.meetings.openPage', {
                page: m.pageTitle,
              })}
            </Link>
            {m.carries && (
              <span className="typology-muted">
                {' '}
                · {carries(t, a.label, m.carries.a)} · {carries(t, b.label, m.carries.b)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </aside>
  )
}

// TFunction rather than the hook's own type: with every feature's strings merged, the hook's
// type is too deep for tsc to resolve in a helper's signature.
function carries(t: TFunction, label: string, page: { passages: number; caseLevel: boolean }): string {
  return page.caseLevel
    ? t('typology.meetings.caseLevel', { code: label, count: page.passages })
    : t('typology.meetings.passages', { code: label, count: page.passages })
}
