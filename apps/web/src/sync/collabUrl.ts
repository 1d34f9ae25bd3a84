/** The WebSocket base of the sync endpoint: same host as the page, wss: when the page is https:. */
export function collabUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/collab`
}
