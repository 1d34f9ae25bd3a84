/**
 * How the harness gets documents and credentials on each system. The peers and floors take any
 * document name and no credentials. Tisserand needs an account: the server is started with an owner
 * (the same env the integration tests use), the harness signs in, creates pages through the API and
 * an API token that clients send on the socket.
 */
import { Api, OWNER } from '../support/api.ts'
import type { ConnectAuth } from './clients.ts'
import type { ServerProcess } from './process.ts'
import type { SystemDef } from './systems.ts'

export interface Access {
  auth: ConnectAuth
  /** Creates (or names) `count` documents; the names are what clients connect to. */
  createDocs(prefix: string, count: number): Promise<string[]>
  /** The server was restarted on the same data (new port): keep the credentials. */
  rebind(server: ServerProcess): void
}

export async function openAccess(system: SystemDef, server: ServerProcess): Promise<Access> {
  if (system.id !== 'tisserand' && system.id !== 'tisserand-no-history') {
    return {
      auth: {},
      createDocs: async (prefix, count) =>
        Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`),
      rebind: () => {},
    }
  }
  let api = await new Api(server.url).login(OWNER.email, OWNER.password)
  const workspaces = await api.get<{ id: string }[]>('/api/workspaces')
  const workspace = workspaces.body?.[0]
  if (!workspace) throw new Error(`no workspace on Tisserand: ${workspaces.status}`)
  const tokenResponse = await api.post<{ token: string }>('/api/tokens', { name: 'bench' })
  if (!tokenResponse.body?.token) throw new Error(`no API token: ${tokenResponse.status}`)
  return {
    auth: { token: tokenResponse.body.token },
    createDocs: async (prefix, count) => {
      const ids: string[] = []
      for (let i = 0; i < count; i++) {
        const res = await api.post<{ id: string }>(`/api/workspaces/${workspace.id}/pages`, {
          title: `${prefix} ${i}`,
          kind: 'note',
        })
        if (res.status !== 201) throw new Error(`page not created: ${res.status} ${JSON.stringify(res.body)}`)
        ids.push(res.body.id)
      }
      return ids
    },
    rebind: (next) => {
      const cookie = api.cookie
      api = new Api(next.url)
      api.cookie = cookie
    },
  }
}
