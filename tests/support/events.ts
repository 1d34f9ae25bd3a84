/** Reads a workspace's event stream as a browser's EventSource would, collecting `change` events. */
export async function listenEvents(baseUrl: string, cookie: string, workspaceId: string) {
  const controller = new AbortController()
  const response = await fetch(`${baseUrl}/api/workspaces/${workspaceId}/events`, {
    headers: { cookie },
    signal: controller.signal,
  })
  if (!response.headers.get('content-type')?.includes('text/event-stream'))
    throw new Error(`not an event stream: ${response.status}`)
  const events: any[] = []
  let ended = false
  void (async () => {
    const decoder = new TextDecoder()
    let buffered = ''
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true })
        for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
          const block = buffered.slice(0, end)
          buffered = buffered.slice(end + 2)
          if (!block.includes('event: change')) continue
          const data = block.split('\n').find((line) => line.startsWith('data: '))
          if (data) events.push(JSON.parse(data.slice(6)))
        }
      }
    } catch {}
    ended = true
  })()
  return { events, ended: () => ended, close: () => controller.abort() }
}
