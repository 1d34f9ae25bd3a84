/**
 * Case sheets with coded passages, set up the way a script would: the body written by a stock
 * y-websocket client, the passage coded through the API by text range. The browser then sees
 * them as any member would.
 */
import { type APIRequestContext, expect } from '@playwright/test'
import { connectClient, type TestClient } from '../../support/clients.ts'
import { bodyText, writeParagraphs } from '../../support/typology.ts'

export interface StudyApi {
  request: APIRequestContext
  baseURL: string
  workspaceId: string
  token: string
  clients: TestClient[]
}

const enc = encodeURIComponent

export async function studyApi(
  request: APIRequestContext,
  baseURL: string,
  workspaceId: string,
): Promise<StudyApi> {
  const created = await request.post('/api/tokens', {
    headers: { origin: baseURL },
    data: { name: 'e2e script' },
  })
  expect(created.status()).toBe(201)
  const { token } = (await created.json()) as { token: string }
  return { request, baseURL, workspaceId, token, clients: [] }
}

export async function codeIdOf(study: StudyApi, label: string): Promise<string> {
  const res = await study.request.get(`/api/workspaces/${enc(study.workspaceId)}/codebook`)
  const { codes } = (await res.json()) as { codes: { id: string; label: string }[] }
  const code = codes.find((c) => c.label === label)
  if (!code) throw new Error(`no code ${label}`)
  return code.id
}

export async function newPage(study: StudyApi, title: string, kind: string): Promise<string> {
  const res = await study.request.post(`/api/workspaces/${enc(study.workspaceId)}/pages`, {
    headers: { origin: study.baseURL },
    data: { title, kind },
  })
  expect(res.status()).toBe(201)
  return ((await res.json()) as { id: string }).id
}

/** A case sheet whose body ends with `paragraph`, with `quote` coded with `codeId`; answers the coding id. */
export async function codedCase(
  study: StudyApi,
  title: string,
  paragraph: string,
  quote: string,
  codeId: string,
): Promise<{ pageId: string; codingId: string }> {
  const pageId = await newPage(study, title, 'case')
  const wsUrl = `${study.baseURL.replace(/^http/, 'ws')}/collab`
  const client = connectClient(wsUrl, pageId, { token: study.token })
  study.clients.push(client)
  await client.synced
  writeParagraphs(client.doc, [paragraph])
  let codingId = ''
  await expect
    .poll(async () => {
      const text = bodyText(client.body)
      const from = text.indexOf(quote)
      const res = await study.request.post(`/api/pages/${enc(pageId)}/passages`, {
        headers: { origin: study.baseURL },
        data: { codeIds: [codeId], range: { from, to: from + quote.length }, quote },
      })
      if (res.status() === 201)
        codingId = ((await res.json()) as { passages: { id: string }[] }).passages[0]?.id ?? ''
      return res.status()
    })
    .toBe(201)
  return { pageId, codingId }
}

export function closeClients(study: StudyApi): void {
  for (const c of study.clients.splice(0)) c.destroy()
}
