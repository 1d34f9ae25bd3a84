import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { PageSummary } from '../api/types.ts'

/**
 * The workspace's pages, a flat list for now: the wiki's tree replaces this component and keeps
 * its props (the pages of one workspace).
 */
export function PageList({ pages, labelledBy }: { pages: PageSummary[]; labelledBy: string }) {
  const { t } = useTranslation()
  if (pages.length === 0) return <p className="empty">{t('workspace.noPages')}</p>
  return (
    <ul className="page-list" aria-labelledby={labelledBy}>
      {pages.map((page) => (
        <li key={page.id}>
          <Link to={`/p/${encodeURIComponent(page.id)}`}>{page.title}</Link>
          <span className={`kind-tag kind-${page.kind}`}>{t(`kinds.${page.kind}`)}</span>
        </li>
      ))}
    </ul>
  )
}
