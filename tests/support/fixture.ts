/**
 * One real server per test file, with the owner signed in: registers the beforeAll/afterAll that
 * start and stop it, and destroys the y-websocket clients the file opened through `client()`.
 * The returned object is filled in by beforeAll, so read its fields inside tests and hooks.
 */
import { afterAll, beforeAll } from 'vitest'
import { type Api, asOwner } from './api.ts'
import { connectClient, type TestClient } from './clients.ts'
import { type StartOptions, startServer, type TestServer } from './server.ts'

export interface OwnerServer {
  server: TestServer
  owner: Api
  workspaceId: string
  /** The owner's API token, for stock y-websocket clients. */
  token: string
  newPage(title?: string, kind?: string): Promise<string>
  /** A y-websocket client on `pageId` (as the owner unless `params` say otherwise), closed after the file. */
  client(pageId: string, params?: Record<string, string>): TestClient
}

export function ownerServer(options: StartOptions = {}): OwnerServer {
  const clients: TestClient[] = []
  const fx = {
    client(pageId: string, params?: Record<string, string>) {
      const c = connectClient(fx.server.wsUrl, pageId, params ?? { token: fx.token })
      clients.push(c)
      return c
    },
  } as OwnerServer
  beforeAll(async () => {
    fx.server = await startServer(options)
    const owner = await asOwner(fx.server)
    Object.assign(fx, {
      owner: owner.api,
      workspaceId: owner.workspaceId,
      token: owner.token,
      newPage: owner.newPage,
    })
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await fx.server?.kill('SIGTERM')
    await fx.server?.dropDatabase()
  })
  return fx
}
