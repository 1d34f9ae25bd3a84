/** "il y a 5 minutes", "hier": a past moment relative to now, in the UI's language. */
export function relativeTime(timestamp: number, language: string, now = Date.now()): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
  const seconds = Math.round((timestamp - now) / 1000)
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 7],
    ['week', 4.35],
    ['month', 12],
  ]
  let value = seconds
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size)
      return unit === 'second' && Math.abs(value) < 45
        ? format.format(0, 'second')
        : format.format(Math.round(value), unit)
    value /= size
  }
  return format.format(Math.round(value), 'year')
}
