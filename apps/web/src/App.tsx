import { BrowserRouter, Route, Routes } from 'react-router'
import { AccountPage } from './account/AccountPage.tsx'
import { InvitePage } from './account/InvitePage.tsx'
import { LoginPage } from './account/LoginPage.tsx'
import { SetupPage } from './account/SetupPage.tsx'
import { TokensPage } from './account/TokensPage.tsx'
import { CodebookPage } from './coding/CodebookPage.tsx'
import { AppLayout } from './layout/AppLayout.tsx'
import { NotFound } from './layout/NotFound.tsx'
import { DevicePage } from './offline/DevicePage.tsx'
import { PageView } from './pages/PageView.tsx'
import { RoundPage } from './rounds/RoundPage.tsx'
import { RoundsPage } from './rounds/RoundsPage.tsx'
import { RequireUser } from './session/RequireUser.tsx'
import { SessionProvider } from './session/SessionContext.tsx'
import { CodePage } from './typology/CodePage.tsx'
import { TypologyPage } from './typology/TypologyPage.tsx'
import { SearchPage } from './wiki/search/SearchPage.tsx'
import { TrashPage } from './wiki/trash/TrashPage.tsx'
import { WikiLayout } from './wiki/WikiLayout.tsx'
import { MembersPage } from './workspace/MembersPage.tsx'
import { RootRedirect } from './workspace/RootRedirect.tsx'
import { WorkspaceHome } from './workspace/WorkspaceHome.tsx'

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route element={<AppLayout />}>
            <Route path="setup" element={<SetupPage />} />
            <Route path="login" element={<LoginPage />} />
            <Route path="invite/:token" element={<InvitePage />} />
            <Route element={<RequireUser />}>
              <Route index element={<RootRedirect />} />
              {/* The wiki's sidebar (search, page tree) on every screen of a workspace. */}
              <Route element={<WikiLayout />}>
                <Route path="w/:workspaceId" element={<WorkspaceHome />} />
                <Route path="w/:workspaceId/search" element={<SearchPage />} />
                <Route path="w/:workspaceId/trash" element={<TrashPage />} />
                <Route path="p/:pageId" element={<PageView />} />
                <Route path="w/:workspaceId/members" element={<MembersPage />} />
                <Route path="w/:workspaceId/typology" element={<TypologyPage />} />
                <Route path="w/:workspaceId/codebook" element={<CodebookPage />} />
                <Route path="w/:workspaceId/codes/:codeId" element={<CodePage />} />
                <Route path="w/:workspaceId/rounds" element={<RoundsPage />} />
                <Route path="w/:workspaceId/rounds/:roundId" element={<RoundPage />} />
                <Route path="offline" element={<DevicePage />} />
                <Route path="account" element={<AccountPage />} />
                <Route path="account/tokens" element={<TokensPage />} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Route>
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  )
}
