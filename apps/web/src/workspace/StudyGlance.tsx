/**
 * The top of a workspace's home: the study at a glance. A short welcome that points to the guide
 * and the synthesis while no case sheet exists yet; how many case sheets, coded passages and
 * open discussions there are; the typology as a small drawing that opens the typology page; and
 * the user's latest mentions.
 */
import { useCallback, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { WorkspaceChange } from '../api/types.ts'
import { useResource } from '../api/useResource.ts'
import { commentsApi, notificationsApi } from '../comments/commentsApi.ts'
import { shortQuote } from '../comments/shortQuote.ts'
import { touchesTypology, typologyApi } from '../typology/typologyApi.ts'
import { useWorkspacePages } from '../wiki/pages/WorkspacePages.tsx'
import { useWorkspaceEvents } from './useWorkspaceEvents.ts'

export function StudyGlance({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation()
  const id = useId()
  const pages = useWorkspacePages()?.pages ?? []
  const typology = useResource(async () => {
    const [matrix, usage] = await Promise.all([
      typologyApi.matrix(workspaceId),
      typologyApi.usage(workspaceId),
    ])
    return { codes: matrix.codes, usage: usage.usage }
  }, [workspaceId])
  const threads = useResource(() => commentsApi.workspaceThreads(workspaceId, 'open'), [workspaceId])
  const inbox = useResource(() => notificationsApi.list(), [])
  const reloadTypology = typology.reload
  const reloadThreads = threads.reload
  useWorkspaceEvents(
    workspaceId,
    useCallback(
      (change: WorkspaceChange | null) => {
        if (change === null || touchesTypology(change.type)) reloadTypology()
        if (change === null || change.type.startsWith('thread.')) reloadThreads()
      },
      [reloadTypology, reloadThreads],
    ),
  )

  const cases = pages.filter((p) => p.kind === 'case').length
  const passages = (typology.data?.usage ?? []).reduce((sum, u) => sum + u.passages, 0)
  const discussions = threads.data?.threads.length ?? 0
  const guide = pages.find((p) => p.kind === 'note' && p.title.startsWith('Guide'))
  const synthesis = pages.find((p) => p.kind === 'synthesis')
  const mentions = (inbox.data?.notifications ?? [])
    .filter((n) => n.kind === 'mention' && n.workspaceId === workspaceId)
    .slice(0, 4)
  const w = encodeURIComponent(workspaceId)

  return (
    <div className="study-glance">
      {cases === 0 && (guide || synthesis) && (
        <section className="card welcome" aria-labelledby={`${id}-welcome`}>
          <h2 id={`${id}-welcome`} className="section-title">
            {t('glance.welcomeTitle')}
          </h2>
          <p>
            {t('glance.welcomeBody')}{' '}
            {guide && <Link to={`/p/${encodeURIComponent(guide.id)}`}>{guide.title}</Link>}
            {guide && synthesis && ` ${t('glance.and')} `}
            {synthesis && <Link to={`/p/${encodeURIComponent(synthesis.id)}`}>{synthesis.title}</Link>}.
          </p>
        </section>
      )}
      <section aria-labelledby={`${id}-numbers`}>
        <h2 id={`${id}-numbers`} className="visually-hidden">
          {t('glance.numbers')}
        </h2>
        <ul className="glance-numbers">
          <li>
            <span className="glance-number">{cases}</span> {t('glance.cases', { count: cases })}
          </li>
          <li>
            <span className="glance-number">{passages}</span> {t('glance.passages', { count: passages })}
          </li>
          <li>
            <span className="glance-number">{discussions}</span>{' '}
            {t('glance.discussions', { count: discussions })}
          </li>
        </ul>
      </section>
      <div className="glance-row">
        {typology.data && (
          <Link className="card typology-thumbnail" to={`/w/${w}/typology?view=diagram`}>
            <TypologyThumbnail codes={typology.data.codes} />
            <span>{t('glance.typology')}</span>
          </Link>
        )}
        <section className="card glance-mentions" aria-labelledby={`${id}-mentions`}>
          <h2 id={`${id}-mentions`} className="section-title">
            {t('glance.mentions')}
          </h2>
          {mentions.length === 0 ? (
            <p className="hint">{t('glance.noMentions')}</p>
          ) : (
            <ul>
              {mentions.map((n) => (
                <li key={n.id}>
                  <Link
                    to={`/p/${encodeURIComponent(n.pageId ?? '')}${n.threadId ? `?thread=${encodeURIComponent(n.threadId)}` : ''}`}
                  >
                    {t('glance.mention', { name: n.actor?.name ?? '', page: n.pageTitle ?? '' })}
                  </Link>
                  <q className="discussion-quote">{shortQuote(n.excerpt, 90)}</q>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  )
}

/** The typology's dimensions as columns of small code boxes, in their colours; a picture, not a control. */
function TypologyThumbnail({
  codes,
}: {
  codes: { id: string; depth: number; dimensionId: string; color: string | null }[]
}) {
  const dimensions = codes.filter((c) => c.depth === 0)
  const width = Math.max(1, dimensions.length) * 44
  return (
    <svg
      aria-hidden="true"
      viewBox={`0 0 ${width} 92`}
      width={width}
      height={92}
      className="thumbnail-drawing"
    >
      {dimensions.map((d, column) => {
        const members = codes.filter((c) => c.dimensionId === d.id && c.depth > 0).slice(0, 8)
        const x = column * 44 + 4
        return (
          <g key={d.id}>
            <rect x={x} y={2} width={36} height={12} rx={3} fill={d.color ?? '#888'} />
            {members.map((c, row) => (
              <rect
                key={c.id}
                x={x + (c.depth - 1) * 4}
                y={18 + row * 9}
                width={36 - (c.depth - 1) * 4}
                height={6}
                rx={2}
                fill="#fff"
                stroke={c.color ?? d.color ?? '#888'}
              />
            ))}
          </g>
        )
      })}
    </svg>
  )
}
