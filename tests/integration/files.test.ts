/** Image uploads: checked from their bytes, stored content-addressed, served to members only. */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { Api, memberWithRole } from '../support/api.ts'
import { imageForm, PNG, uploadImage } from '../support/files.ts'
import { ownerServer } from '../support/fixture.ts'

const MAX = 4096
const fx = ownerServer({ env: { MAX_UPLOAD_BYTES: String(MAX) } })

const filesOnDisk = () =>
  readdirSync(path.join(fx.server.dataDir, 'files'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)

test('an editor uploads an image; members read it, anyone else gets 404', async () => {
  const editor = await memberWithRole(fx.server, fx.owner, fx.workspaceId, 'editor', 'img-editor@example.org')
  const viewer = await memberWithRole(fx.server, fx.owner, fx.workspaceId, 'viewer', 'img-viewer@example.org')
  const res = await uploadImage(editor.api, fx.workspaceId)
  expect(res.status).toBe(201)
  expect(res.body).toEqual({
    id: expect.any(String),
    url: `/api/files/${res.body.id}`,
    contentType: 'image/png',
    size: PNG.length,
  })

  const read = await viewer.api.getBytes(res.body.url)
  expect(read.status).toBe(200)
  expect(Buffer.from(read.bytes).equals(PNG)).toBe(true)
  expect(read.headers.get('content-type')).toBe('image/png')
  expect(read.headers.get('x-content-type-options')).toBe('nosniff')
  // Unchanged bytes are not sent twice.
  const again = await viewer.api.getBytes(res.body.url, { 'if-none-match': read.headers.get('etag') ?? '' })
  expect(again.status).toBe(304)

  // A member of another workspace, and an unknown id, get the same 404.
  const otherId = (await fx.owner.post('/api/workspaces', { name: 'Autre équipe' })).body.id
  const outsider = await memberWithRole(fx.server, fx.owner, otherId, 'editor', 'img-outsider@example.org')
  for (const url of [res.body.url, '/api/files/no-such-file']) {
    const refused = await outsider.api.get(url)
    expect(refused.status).toBe(404)
    expect(refused.body.error.code).toBe('file_not_found')
  }
  expect((await Api.forServer(fx.server).get(res.body.url)).status).toBe(401)
})

test('the type comes from the bytes, never from the name or the declared type', async () => {
  const renamed = await fx.owner.request(
    'POST',
    `/api/workspaces/${fx.workspaceId}/files`,
    imageForm(PNG, 'notes.txt', 'text/plain'),
  )
  expect(renamed.status).toBe(201)
  expect(renamed.body.contentType).toBe('image/png')

  const fake = await fx.owner.request(
    'POST',
    `/api/workspaces/${fx.workspaceId}/files`,
    imageForm(Buffer.from('<html><script>alert(1)</script></html>'), 'photo.png', 'image/png'),
  )
  expect(fake.status).toBe(415)
  expect(fake.body.error.code).toBe('not_an_image')

  const none = await fx.owner.request('POST', `/api/workspaces/${fx.workspaceId}/files`, new FormData())
  expect(none.status).toBe(400)
  expect(none.body.error).toMatchObject({ code: 'invalid_input', field: 'file' })
  const json = await fx.owner.post(`/api/workspaces/${fx.workspaceId}/files`, { file: 'x' })
  expect(json.status).toBe(400)
})

test('an SVG is served rewritten: no script, no handler, no outside link', async () => {
  const svg = Buffer.from(
    `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "boom">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
  <title>Schéma &amp; typologie</title>
  <script>alert(2)</script>
  <foreignObject><div>html</div></foreignObject>
  <a href="javascript:alert(3)"><rect width="5" height="5" fill="url(#g)"/></a>
  <image href="https://example.org/track.png"/>
  <linearGradient id="g"><stop offset="0" stop-color="#4E79A7"/></linearGradient>
  <use xlink:href="https://example.org/x.svg#a"/><use href="#g" style="fill:url(https://example.org/a)"/>
  <circle cx="5" cy="5" r="4" fill="#F28E2B"/>
</svg>`,
  )
  const res = await uploadImage(fx.owner, fx.workspaceId, svg, 'schema.svg')
  expect(res.status).toBe(201)
  expect(res.body.contentType).toBe('image/svg+xml')
  const read = await fx.owner.getBytes(res.body.url)
  const text = Buffer.from(read.bytes).toString('utf8')
  expect(read.headers.get('content-type')).toBe('image/svg+xml')
  expect(read.headers.get('content-security-policy')).toContain("default-src 'none'")
  for (const banned of ['script', 'alert', 'onload', 'foreignObject', 'example.org', 'ENTITY', 'javascript'])
    expect(text).not.toContain(banned)
  expect(text).toContain('<circle cx="5" cy="5" r="4" fill="#F28E2B">')
  expect(text).toContain('<stop offset="0" stop-color="#4E79A7">')
  expect(text).toContain('<title>Schéma &amp; typologie</title>')
  // The <a> element is not drawn, and what it held goes with it.
  expect(text).not.toContain('url(#g)')

  const notSvg = await uploadImage(fx.owner, fx.workspaceId, Buffer.from('<svg><unclosed'), 'broken.svg')
  expect(notSvg.status).toBe(415)
})

test('files over MAX_UPLOAD_BYTES get 413; identical bytes are stored once', async () => {
  const big = Buffer.concat([PNG, Buffer.alloc(MAX)])
  const res = await uploadImage(fx.owner, fx.workspaceId, big)
  expect(res.status).toBe(413)
  expect(res.body.error.code).toBe('payload_too_large')
  const before = filesOnDisk().length
  // Far beyond the limit, the body is refused from its declared length, before it is read: the
  // server answers 413 and may hang up while the client is still sending.
  const huge = await uploadImage(
    fx.owner,
    fx.workspaceId,
    Buffer.concat([PNG, Buffer.alloc(2 * 1024 ** 2)]),
  ).then(
    (r) => r.status,
    (error: Error) => error.message,
  )
  expect([413, 'fetch failed']).toContain(huge)
  expect(filesOnDisk().length).toBe(before)

  const unique = Buffer.concat([PNG, Buffer.from(`${Date.now()}`)])
  const [a, b] = [
    await uploadImage(fx.owner, fx.workspaceId, unique),
    await uploadImage(fx.owner, fx.workspaceId, unique),
  ]
  expect(a.status).toBe(201)
  expect(b.status).toBe(201)
  expect(a.body.id).not.toBe(b.body.id)
  expect(filesOnDisk().length).toBe(before + 1)
})
