/** On a page coded in an open blind round, tells its coder that they see only their own codings. */
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useResource } from '../api/useResource.ts'
import { useUser } from '../session/SessionContext.tsx'
import { useWorkspaceEvents } from '../workspace/useWorkspaceEvents.ts'
import { roundsApi } from './roundsApi.ts'

export function RoundBanner({ pageId, workspaceId }: { pageId: string; workspaceId: string }) {
  const { t } = useTranslation()
  const user = useUser()
  const rounds = useResource(() => roundsApi.list(workspaceId), [workspaceId])
  useWorkspaceEvents(workspaceId, (change) => {
    if (change?.type.startsWith('round.')) rounds.reload()
  })
  const round = rounds.data?.rounds.find(
    (r) => r.status === 'open' && r.blind && r.pageIds.includes(pageId) && r.coderIds.includes(user.id),
  )
  if (!round) return null
  return (
    <p className="banner round-banner" data-testid="round-banner">
      {t('rounds.round.youCode')}{' '}
      <Link to={`/w/${encodeURIComponent(workspaceId)}/rounds/${encodeURIComponent(round.id)}`}>
        {round.name}
      </Link>
    </p>
  )
}
