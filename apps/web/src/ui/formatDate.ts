/** Dates in the UI's language ("12 mars 2026, 14:05"). */
export function formatDate(timestamp: number, language: string, withTime = false): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(new Date(timestamp))
}
