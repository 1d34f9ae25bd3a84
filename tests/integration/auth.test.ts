import { createHash } from 'node:crypto'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Api, asOwner, memberWithRole, OWNER } from '../support/api.ts'
import { startServer, type TestServer } from '../support/server.ts'

/** Every response body the tests saw, to check that no secret ever came back. */
const bodies: string[] = []
async function call(api: Api, method: string, path: string, body?: unknown) {
  const res = await api.request(method, path, body)
  bodies.push(JSON.stringify(res.body))
  return res
}

/** The server stops reading an oversized body and closes that socket: keep it out of fetch's pool. */
function postOnFreshSocket(
  url: string,
  cookie: string,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { cookie, origin: new URL(url).origin, 'content-type': 'application/json' },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('first-run setup', () => {
  let server: TestServer
  beforeAll(async () => {
    // No TISSERAND_ADMIN_*: the first visitor creates the owner.
    server = await startServer({ env: { TISSERAND_ADMIN_EMAIL: '', TISSERAND_ADMIN_PASSWORD: '' } })
  })
  afterAll(async () => {
    await server.kill()
  })

  test('the first visitor becomes owner of the study workspace; setup then closes', async () => {
    const api = Api.forServer(server)
    expect((await call(api, 'GET', '/api/setup')).body).toEqual({ needed: true })
    const created = await call(api, 'POST', '/api/setup', {
      email: 'Ada@Example.org',
      name: 'Ada',
      password: 'short',
    })
    expect(created.status).toBe(400)
    expect(created.body.error).toMatchObject({ code: 'invalid_input', field: 'password' })
    const ok = await call(api, 'POST', '/api/setup', {
      email: 'Ada@Example.org',
      name: 'Ada',
      password: 'a good long password',
    })
    expect(ok.status).toBe(201)
    expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect(ok.headers.get('set-cookie')).toMatch(/SameSite=Lax/i)
    const workspaces = (await call(api, 'GET', '/api/workspaces')).body
    expect(workspaces).toEqual([
      { id: expect.any(String), name: 'Étude IRG — innovations solidaires', role: 'owner' },
    ])
    expect((await call(api, 'GET', '/api/me')).body.user).toMatchObject({
      email: 'ada@example.org',
      name: 'Ada',
    })
    const again = await call(Api.forServer(server), 'POST', '/api/setup', {
      email: 'eve@example.org',
      name: 'Eve',
      password: 'a good long password',
    })
    expect(again.status).toBe(409)
    expect((await call(api, 'GET', '/api/setup')).body).toEqual({ needed: false })
  })
})

describe('sessions, tokens and limits', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '5' } })
  })
  afterAll(async () => {
    await server.kill()
  })

  test('login answers the documented contract', async () => {
    const api = Api.forServer(server)
    const bad = await call(api, 'POST', '/api/auth/login', { email: OWNER.email, password: 'wrong password' })
    expect(bad.status).toBe(401)
    expect(bad.body).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } })
    const unknown = await call(api, 'POST', '/api/auth/login', {
      email: 'nobody@example.org',
      password: 'wrong password',
    })
    expect(unknown.body.error.code).toBe('invalid_credentials')
    const ok = await call(api, 'POST', '/api/auth/login', { email: OWNER.email, password: OWNER.password })
    expect(ok.status).toBe(200)
    expect(ok.body.user).toMatchObject({ email: OWNER.email, name: OWNER.name })
    expect(Object.keys(ok.body.user).sort()).toEqual(['createdAt', 'email', 'id', 'name'])
    expect((await call(api, 'POST', '/api/auth/logout')).status).toBe(200)
    expect((await call(api, 'GET', '/api/me')).status).toBe(401)
  })

  test('repeated failed logins on one account answer 429 with Retry-After', async () => {
    const api = Api.forServer(server)
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await call(api, 'POST', '/api/auth/login', { email: 'target@example.org', password: `guess ${i}` }))
          .status,
      )
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401])
    const limited = await api.request('POST', '/api/auth/login', {
      email: 'TARGET@example.org',
      password: 'guess',
    })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('rate_limited')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  test('cookie requests from another origin are refused; scripts with a token are not', async () => {
    const { api, workspaceId, token } = await asOwner(server)
    const forged = await api.request(
      'POST',
      `/api/workspaces/${workspaceId}/pages`,
      { title: 'x', kind: 'note' },
      { origin: 'https://evil.example' },
    )
    expect(forged.status).toBe(403)
    expect(forged.body.error.code).toBe('csrf')
    const script = new Api(server.url)
    script.token = token
    expect(
      (
        await call(script, 'POST', `/api/workspaces/${workspaceId}/pages`, {
          title: 'Par script',
          kind: 'note',
        })
      ).status,
    ).toBe(201)
    script.token = 'tis_not-a-real-token'
    expect((await call(script, 'GET', '/api/me')).body.error.code).toBe('invalid_token')
  })

  test('tokens are shown once and listed without their secret; bad input names the field; big bodies get 413', async () => {
    const { api, workspaceId } = await asOwner(server)
    const created = await call(api, 'POST', '/api/tokens', { name: 'export' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ id: expect.any(String), token: expect.stringMatching(/^tis_/) })
    const listed = await call(api, 'GET', '/api/tokens')
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token)
    const invalid = await call(api, 'POST', `/api/workspaces/${workspaceId}/pages`, {
      title: 'x',
      kind: 'poème',
    })
    expect(invalid.status).toBe(400)
    expect(invalid.body.error.field).toBe('kind')
    const notJson = await api.request('POST', '/api/tokens', undefined, {
      'content-type': 'application/json',
    })
    expect(notJson.status).toBe(400)
    const huge = await postOnFreshSocket(
      `${server.url}/api/tokens`,
      api.cookie ?? '',
      JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    )
    expect(huge.status).toBe(413)
    expect(JSON.parse(huge.body).error.code).toBe('payload_too_large')
  })

  test('the last owner cannot leave nor be downgraded; changing a password ends other sessions', async () => {
    const { api, workspaceId } = await asOwner(server)
    const me = (await call(api, 'GET', '/api/me')).body.user.id
    expect((await call(api, 'POST', `/api/workspaces/${workspaceId}/leave`)).status).toBe(409)
    expect(
      (await call(api, 'PATCH', `/api/workspaces/${workspaceId}/members/${me}`, { role: 'viewer' })).status,
    ).toBe(409)
    const member = await memberWithRole(server, api, workspaceId, 'editor', 'pw@example.org')
    const elsewhere = await Api.forServer(server).login('pw@example.org', 'a long enough password')
    const changed = await call(member.api, 'POST', '/api/me/password', {
      currentPassword: 'a long enough password',
      newPassword: 'a brand new password',
    })
    expect(changed.status).toBe(200)
    expect((await call(elsewhere, 'GET', '/api/me')).status).toBe(401)
    expect((await call(member.api, 'GET', '/api/me')).status).toBe(200)
  })

  test('no response and no log line contains a password, a password hash or a token hash', async () => {
    const { api } = await asOwner(server)
    const token = (await call(api, 'POST', '/api/tokens', { name: 'secret check' })).body.token as string
    const tokenHash = createHash('sha256').update(token).digest('base64url')
    const everything = [...bodies, ...server.logs].join('\n')
    for (const secret of [
      OWNER.password,
      'a long enough password',
      'a brand new password',
      tokenHash,
      'scrypt$',
    ]) {
      expect(everything).not.toContain(secret)
    }
    expect(server.logs.join('\n')).not.toContain(token)
  })
})
