/**
 * The wiki's frame around the workspace home, page views, search and trash: the sidebar with the
 * tree beside the routed content, and the workspace's live page list shared by both.
 */
import { Outlet, useParams } from 'react-router'
import { useSession } from '../session/SessionContext.tsx'
import { SidebarDrawer } from './MobileMenu.tsx'
import { useWorkspacePages, WorkspacePagesProvider } from './pages/WorkspacePages.tsx'
import { WikiSidebar } from './WikiSidebar.tsx'
import './wiki.css'

export function WikiLayout() {
  const { workspaceId: fromPath, pageId } = useParams()
  const { currentWorkspaceId } = useSession()
  // A page's workspace is known once the page view has loaded it (it sets the current workspace).
  const workspaceId = fromPath ?? currentWorkspaceId
  if (!workspaceId) return <Outlet />
  return (
    <WorkspacePagesProvider key={workspaceId} workspaceId={workspaceId}>
      <Frame currentPageId={pageId ?? null} />
    </WorkspacePagesProvider>
  )
}

function Frame({ currentPageId }: { currentPageId: string | null }) {
  const pages = useWorkspacePages()
  const { workspaces } = useSession()
  if (!pages) return <Outlet />
  const role = workspaces?.find((w) => w.id === pages.workspaceId)?.role
  return (
    <div className="wiki-layout">
      <SidebarDrawer>
        {({ id, open }) => (
          <div id={id} className={open ? 'wiki-sidebar-frame is-open' : 'wiki-sidebar-frame'}>
            <WikiSidebar pages={pages} role={role} currentPageId={currentPageId} />
          </div>
        )}
      </SidebarDrawer>
      <div className="wiki-content">
        <Outlet />
      </div>
    </div>
  )
}
