/** A small HTTP client for the real API, signed in by cookie (like the browser) or by token (like a script). */
import type { TestServer } from './server.ts'

export const OWNER = { email: 'owner@example.org', password: 'correct horse battery', name: 'Owner' }

/** Env that makes a test server create the owner account at start. */
export const OWNER_ENV = {
  TISSERAND_ADMIN_EMAIL: OWNER.email,
  TISSERAND_ADMIN_PASSWORD: OWNER.password,
  TISSERAND_ADMIN_NAME: OWNER.name,
}

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

export class Api {
  cookie: string | null = null
  token: string | null = null

  constructor(readonly baseUrl: string) {}

  static forServer(server: TestServer): Api {
    return new Api(server.url)
  }

  /** The same credentials in a client of its own, so a response's cookie does not change this one. */
  clone(): Api {
    const copy = new Api(this.baseUrl)
    copy.cookie = this.cookie
    copy.token = this.token
    return copy
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers }
    // FormData sets its own multipart content type (with the boundary).
    const form = body instanceof FormData ? body : null
    if (body !== undefined && !form) h['content-type'] = 'application/json'
    if (this.token) h.authorization = `Bearer ${this.token}`
    if (this.cookie) {
      h.cookie = this.cookie
      // What a browser on our own page sends; the server refuses cookie requests without it.
      h.origin ??= this.baseUrl
    }
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : (form ?? JSON.stringify(body)),
    })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? ''
      this.cookie = pair.endsWith('=') ? null : pair
    }
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {}
    return { status: response.status, body: parsed as T, headers: response.headers }
  }

  get = <T = any>(path: string) => this.request<T>('GET', path)
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {})
  patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body)
  delete = <T = any>(path: string) => this.request<T>('DELETE', path)

  /** A GET whose body is bytes (an uploaded file). */
  async getBytes(path: string, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers }
    if (this.token) h.authorization = `Bearer ${this.token}`
    if (this.cookie) h.cookie = this.cookie
    const response = await fetch(this.baseUrl + path, { headers: h })
    return {
      status: response.status,
      bytes: new Uint8Array(await response.arrayBuffer()),
      headers: response.headers,
    }
  }

  async login(email: string, password: string): Promise<this> {
    const res = await this.post('/api/auth/login', { email, password })
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`)
    return this
  }
}

/** The owner signed in, the study workspace, an API token for stock y-websocket clients, and a page. */
export async function asOwner(server: TestServer) {
  const api = await Api.forServer(server).login(OWNER.email, OWNER.password)
  const [workspace] = (await api.get<{ id: string }[]>('/api/workspaces')).body
  if (!workspace) throw new Error('no workspace')
  const token = (await api.post<{ token: string }>('/api/tokens', { name: 'tests' })).body.token
  const newPage = async (title = 'Page de test', kind = 'note') => {
    const res = await api.post<{ id: string }>(`/api/workspaces/${workspace.id}/pages`, { title, kind })
    if (res.status !== 201) throw new Error(`page not created: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body.id
  }
  return { api, workspaceId: workspace.id, token, newPage }
}

/** Creates a user with `role` in the workspace through an invite link, signed in by cookie. */
export async function memberWithRole(
  server: TestServer,
  owner: Api,
  workspaceId: string,
  role: string,
  email: string,
) {
  const invite = await owner.post<{ token: string }>(`/api/workspaces/${workspaceId}/invites`, { role })
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`)
  const api = Api.forServer(server)
  const res = await api.post<{ user: { id: string } }>(`/api/invites/${invite.body.token}/signup`, {
    email,
    name: `${role} ${email}`,
    password: 'a long enough password',
  })
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { api, userId: res.body.user.id }
}
