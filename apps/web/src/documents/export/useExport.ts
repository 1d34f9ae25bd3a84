/** The state of one export: idle, running (with progress shown after a second), done or failed. */
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../../api/errorMessage.ts'
import { downloadExport } from './download.ts'

export type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; bytes: number; slow: boolean }
  | { kind: 'done'; name: string }
  | { kind: 'error'; message: string }

/** Progress is shown only for exports that take more than this. */
export const SLOW_MS = 1000

export function useExport() {
  const { t } = useTranslation()
  const [state, setState] = useState<ExportState>({ kind: 'idle' })
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )

  const run = useCallback(
    async (path: string, fallbackName: string) => {
      setState({ kind: 'running', bytes: 0, slow: false })
      timer.current = setTimeout(
        () => setState((s) => (s.kind === 'running' ? { ...s, slow: true } : s)),
        SLOW_MS,
      )
      try {
        const name = await downloadExport(path, fallbackName, ({ bytes }) =>
          setState((s) => (s.kind === 'running' ? { ...s, bytes } : s)),
        )
        setState({ kind: 'done', name })
      } catch (failure) {
        setState({ kind: 'error', message: errorMessage(t, failure) })
      } finally {
        if (timer.current) clearTimeout(timer.current)
      }
    },
    [t],
  )
  return { state, run }
}

const KB = 1024

/** A size in the reader's units (kilo- or megabytes), the number in their locale. */
export function sizeText(
  bytes: number,
  locale: string,
  t: (key: 'exports.kilobytes' | 'exports.megabytes', o: { n: string }) => string,
): string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  return bytes < KB * KB
    ? t('exports.kilobytes', { n: format.format(bytes / KB) })
    : t('exports.megabytes', { n: format.format(bytes / KB / KB) })
}
