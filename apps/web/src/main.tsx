import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { initI18n } from './i18n/index.ts'
import { registerServiceWorker } from './offline/registerServiceWorker.ts'
import './styles.css'

initI18n()
registerServiceWorker()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
