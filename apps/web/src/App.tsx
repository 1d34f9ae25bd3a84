import { BrowserRouter, Route, Routes } from 'react-router'
import { AppLayout } from './layout/AppLayout.tsx'
import { PageView } from './pages/PageView.tsx'
import { StartPage } from './pages/StartPage.tsx'

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<StartPage />} />
          <Route path="p/:pageId" element={<PageView />} />
          <Route path="*" element={<StartPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  )
}
