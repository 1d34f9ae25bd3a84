/**
 * Setting up people and pages through the API (the UI for those has its own tests), and reading
 * what the server stored, straight from the e2e server's SQLite file.
 */
import path from 'node:path'
import { type APIRequestContext, type Browser, expect, type Page } from '@playwright/test'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { expectSynced, newPerson, newSession, owner, type Person } from './people.ts'

export async function call(
  request: APIRequestContext,
  baseURL: string,
  method: 'post' | 'patch',
  url: string,
  data: unknown,
) {
  const res = await request[method](url, { data, headers: { origin: baseURL } })
  expect(res.ok(), `${method.toUpperCase()} ${url} → ${res.status()} ${await res.text()}`).toBe(true)
  return res.json()
}

/** The owner signed in (browser context and API share the cookie), and the study workspace. */
export async function ownerSession(browser: Browser, baseURL: string) {
  const session = await newSession(browser, baseURL)
  await call(session.context.request, baseURL, 'post', '/api/auth/login', owner)
  const [workspace] = await (await session.context.request.get('/api/workspaces')).json()
  return { ...session, workspaceId: workspace.id as string }
}

/** A new person who joins `workspaceId` with `role` through an invite, signed in in a context of their own. */
export async function memberSession(
  browser: Browser,
  baseURL: string,
  ownerRequest: APIRequestContext,
  workspaceId: string,
  role: 'editor' | 'commenter' | 'viewer' | 'owner',
  name: string,
) {
  const person: Person = newPerson(name)
  const invite = await call(ownerRequest, baseURL, 'post', `/api/workspaces/${workspaceId}/invites`, {
    role,
  })
  const session = await newSession(browser, baseURL)
  await call(session.context.request, baseURL, 'post', `/api/invites/${invite.token}/signup`, person)
  return { ...session, person }
}

export async function createPageApi(
  request: APIRequestContext,
  baseURL: string,
  workspaceId: string,
  title: string,
  kind: string,
): Promise<string> {
  return (await call(request, baseURL, 'post', `/api/workspaces/${workspaceId}/pages`, { title, kind })).id
}

/** The owner's session opens a page it has just created (through the API), synced and ready. */
export async function openNewPage(
  session: { context: { request: APIRequestContext }; page: Page; workspaceId: string },
  baseURL: string,
  title: string,
  kind: string,
): Promise<string> {
  const pageId = await createPageApi(session.context.request, baseURL, session.workspaceId, title, kind)
  await session.page.goto(`/p/${pageId}`)
  await expectSynced(session.page)
  return pageId
}

function openDb() {
  const dir = process.env.TISSERAND_E2E_DATA_DIR
  if (!dir) throw new Error('TISSERAND_E2E_DATA_DIR is not set (playwright.config.ts sets it)')
  return new Database(path.join(dir, 'tisserand.db'), { readonly: true, fileMustExist: true })
}

/** How many updates and which snapshot the server holds for a page body. */
export function storedState(pageId: string): { updates: number; snapshot: string | null } {
  const db = openDb()
  try {
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM doc_update WHERE doc_name = ?) AS updates,
                (SELECT hex(data) FROM doc_snapshot WHERE doc_name = ?) AS snapshot`,
      )
      .get(pageId, pageId) as { updates: number; snapshot: string | null }
  } finally {
    db.close()
  }
}

/** The page body as the server stored it, as Yjs XML (`<paragraph>…</paragraph>`). */
export function storedBody(pageId: string): string {
  const db = openDb()
  const doc = new Y.Doc()
  try {
    const snapshot = db.prepare('SELECT data FROM doc_snapshot WHERE doc_name = ?').get(pageId) as
      | { data: Buffer }
      | undefined
    if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot.data))
    const rows = db.prepare('SELECT data FROM doc_update WHERE doc_name = ? ORDER BY id').all(pageId) as {
      data: Buffer
    }[]
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data))
    return doc.getXmlFragment('default').toString()
  } finally {
    doc.destroy()
    db.close()
  }
}

/** A 1×1 PNG, for uploads. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
