/**
 * Writing comfortably, in real Chromium against the real server: the case-sheet template's
 * guidance as placeholders, the `/` menu (heading, table, image), the bubble toolbar, pasting
 * HTML and Markdown, and opening pages without writing them.
 */
import { expect, type Page, test } from '@playwright/test'
import { closeAll, editorOf, expectSynced } from './support/people.ts'
import { selectText } from './support/selection.ts'
import {
  createPageApi,
  memberSession,
  openNewPage,
  ownerSession,
  storedBody,
  storedState,
} from './support/team.ts'

const SHOTS = process.env.WRITING_SHOTS_DIR

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

/** A drawing with a size of its own, so it shows in screenshots. */
const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120"><rect width="320" height="120" fill="#e3ecee"/><circle cx="60" cy="60" r="40" fill="#234e5c"/><text x="120" y="68" font-size="22" fill="#1f2a30">Schéma</text></svg>',
)

/** Waits until the server holds what the page shows (the sync status says "Synchronisé"). */
async function settled(page: Page) {
  await expectSynced(page)
  await page.waitForTimeout(300)
  await expectSynced(page)
}

async function paste(page: Page, data: Record<string, string>) {
  await page.locator('.page-body').evaluate((element, entries) => {
    const transfer = new DataTransfer()
    for (const [type, value] of Object.entries(entries)) transfer.setData(type, value)
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    )
  }, data)
}

test('a new case sheet shows its guidance as placeholders, stores none, and typing in a section is plain', async ({
  browser,
  baseURL: configured,
}) => {
  const baseURL = configured ?? ''
  const amina = await ownerSession(browser, baseURL)
  try {
    const pageId = await openNewPage(amina, baseURL, 'Fiche de la Cagette', 'case')
    const body = editorOf(amina.page)
    await expect(body.getByRole('heading', { level: 2, name: 'Acteurs et territoire' })).toBeVisible()
    const firstSection = body.locator('h2 + p').first()
    await expect(firstSection).toHaveClass(/is-placeholder/)
    await expect(firstSection).toHaveAttribute('data-placeholder', /forme juridique/)
    expect(await amina.page.locator('.page-body .is-placeholder').count()).toBe(6)
    // A decoration, not text: not in the page's text, not in what the server stored.
    await expect(body).not.toContainText('forme juridique')
    expect(storedBody(pageId)).not.toContain('forme juridique')
    await shot(amina.page, 'case-sheet-placeholders')

    await firstSection.click()
    await amina.page.keyboard.type('La Cagette est une épicerie coopérative ouverte en 2016.')
    await expect(firstSection).toHaveText('La Cagette est une épicerie coopérative ouverte en 2016.')
    await expect(firstSection).not.toHaveClass(/is-placeholder/)
    await expect(firstSection.locator('em')).toHaveCount(0)
    await expect(body.locator('.is-placeholder')).toHaveCount(5)
    await settled(amina.page)
    const stored = storedBody(pageId)
    expect(stored).toContain(
      '<paragraph>La Cagette est une épicerie coopérative ouverte en 2016.</paragraph>',
    )
    expect(stored).not.toContain('italic')
  } finally {
    await closeAll(amina.context)
  }
})

test('the / menu inserts a heading, a table and an image; members see the image, others get 404', async ({
  browser,
  baseURL: configured,
}) => {
  const baseURL = configured ?? ''
  const amina = await ownerSession(browser, baseURL)
  const viewer = await memberSession(
    browser,
    baseURL,
    amina.context.request,
    amina.workspaceId,
    'viewer',
    'Inès Moreau',
  )
  // Someone with an account, but in another workspace only.
  const otherWorkspace = await (
    await amina.context.request.post('/api/workspaces', {
      data: { name: 'Autre étude' },
      headers: { origin: baseURL },
    })
  ).json()
  const outsider = await memberSession(
    browser,
    baseURL,
    amina.context.request,
    otherWorkspace.id,
    'editor',
    'Hugo Petit',
  )
  try {
    const pageId = await openNewPage(amina, baseURL, 'Notes de terrain', 'note')
    const body = editorOf(amina.page)
    await body.click()

    // Heading: "/" then a word filters the menu; Enter inserts the chosen block.
    await amina.page.keyboard.type('/titre')
    const menu = amina.page.getByRole('listbox', { name: 'Blocs pour « titre »' })
    await expect(menu.getByRole('option')).toHaveText([
      'Titre 1Ctrl+Alt+1',
      'Titre 2Ctrl+Alt+2',
      'Titre 3Ctrl+Alt+3',
    ])
    await amina.page.keyboard.press('ArrowDown')
    await expect(menu.getByRole('option', { name: /Titre 2/ })).toHaveAttribute('aria-selected', 'true')
    await shot(amina.page, 'slash-menu')
    await amina.page.keyboard.press('Enter')
    await amina.page.keyboard.type('Visite du 12 mars')
    await expect(body.getByRole('heading', { level: 2, name: 'Visite du 12 mars' })).toBeVisible()
    await expect(menu).toHaveCount(0)

    // Table: a header row and three columns, with its own tools while the caret is inside.
    await amina.page.keyboard.press('Enter')
    await amina.page.keyboard.type('/tableau')
    await amina.page.keyboard.press('Enter')
    const table = body.locator('table')
    await expect(table).toBeVisible()
    await expect(table.locator('th')).toHaveCount(3)
    await amina.page.keyboard.type('Acteur')
    await expect(table.locator('th').first()).toHaveText('Acteur')
    const tableTools = amina.page.getByRole('toolbar', { name: 'Tableau' })
    await tableTools.getByRole('button', { name: 'Ajouter une ligne' }).click()
    await expect(table.locator('tr')).toHaveCount(4)

    // Image: picked from a file, uploaded, inserted with its URL as src.
    await body.locator('p').last().click()
    await amina.page.keyboard.type('/image')
    const chooser = amina.page.waitForEvent('filechooser')
    await amina.page.keyboard.press('Enter')
    await (await chooser).setFiles({ name: 'schema-typologie.svg', mimeType: 'image/svg+xml', buffer: SVG })
    const image = body.locator('img')
    await expect(image).toHaveAttribute('src', /^\/api\/files\/[^/]+$/)
    await expect(image).toHaveAttribute('alt', 'schema typologie')
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)
    const src = (await image.getAttribute('src')) ?? ''
    // Its alt text is edited from the toolbar while the image is selected.
    await image.click()
    await amina.page
      .getByRole('toolbar', { name: 'Mise en forme' })
      .getByRole('button', { name: 'Texte alternatif' })
      .click()
    const alt = amina.page.getByRole('dialog', { name: 'Texte alternatif' }).getByLabel('Texte alternatif')
    await alt.fill('Schéma de la typologie, quatre dimensions')
    await amina.page.getByRole('button', { name: 'Enregistrer' }).click()
    await expect(image).toHaveAttribute('alt', 'Schéma de la typologie, quatre dimensions')
    await settled(amina.page)
    await shot(amina.page, 'slash-inserted-blocks')
    expect(storedBody(pageId)).toContain(`src="${src}"`)

    // Another member, after a reload, sees it; someone outside the workspace gets 404.
    await viewer.page.goto(`/p/${pageId}`)
    await expectSynced(viewer.page)
    await viewer.page.reload()
    await expectSynced(viewer.page)
    const seen = editorOf(viewer.page).locator('img')
    await expect(seen).toHaveAttribute('src', src)
    await expect.poll(() => seen.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)
    expect((await viewer.context.request.get(src)).status()).toBe(200)
    const refused = await outsider.context.request.get(src)
    expect(refused.status()).toBe(404)
    expect((await refused.json()).error.code).toBe('file_not_found')
  } finally {
    await closeAll(amina.context, viewer.context, outsider.context)
  }
})

test('the bubble toolbar bolds a selection without covering the comment and code buttons', async ({
  browser,
  baseURL: configured,
}) => {
  const baseURL = configured ?? ''
  const amina = await ownerSession(browser, baseURL)
  try {
    const pageId = await openNewPage(amina, baseURL, 'Synthèse à relire', 'synthesis')
    const body = editorOf(amina.page)
    await body.click()
    await amina.page.keyboard.type('Les initiatives mettent la personne au centre de leur projet.')
    await selectText(amina.page, 'la personne au centre')
    const bubble = amina.page.getByRole('toolbar', { name: 'Mise en forme de la sélection' })
    await expect(bubble).toBeVisible()
    const comment = amina.page.getByRole('button', { name: 'Commenter', exact: true })
    await expect(comment).toBeVisible()
    const [a, b] = [await bubble.boundingBox(), await comment.boundingBox()]
    if (!a || !b) throw new Error('no boxes')
    const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    expect(overlap, `bubble ${JSON.stringify(a)} and comment button ${JSON.stringify(b)}`).toBe(false)
    await shot(amina.page, 'bubble-toolbar')
    // By keyboard: Alt+F10 reaches the toolbar, arrows move in it, Escape returns to the text.
    await amina.page.keyboard.press('Alt+F10')
    const toolbar = amina.page.getByRole('toolbar', { name: 'Mise en forme', exact: true })
    await expect(toolbar.getByRole('button', { name: 'Titre 1' })).toBeFocused()
    await amina.page.keyboard.press('ArrowRight')
    await expect(toolbar.getByRole('button', { name: 'Titre 2' })).toBeFocused()
    await expect(toolbar.getByRole('button', { name: 'Titre 2' })).toHaveAttribute(
      'aria-keyshortcuts',
      'Control+Alt+2',
    )
    await amina.page.keyboard.press('Escape')
    await expect(body).toBeFocused()
    await selectText(amina.page, 'la personne au centre')
    await bubble.getByRole('button', { name: 'Gras' }).click()
    await expect(body.locator('strong')).toHaveText('la personne au centre')
    await expect(bubble.getByRole('button', { name: 'Gras' })).toHaveAttribute('aria-pressed', 'true')
    await settled(amina.page)
    expect(storedBody(pageId)).toContain('<bold>la personne au centre</bold>')
  } finally {
    await closeAll(amina.context)
  }
})

test('pasted HTML keeps its table; pasted Markdown becomes headings and lists', async ({
  browser,
  baseURL: configured,
}) => {
  const baseURL = configured ?? ''
  const amina = await ownerSession(browser, baseURL)
  try {
    const pageId = await openNewPage(amina, baseURL, 'Tableau collé', 'note')
    const body = editorOf(amina.page)
    await body.click()
    // As a word processor puts it on the clipboard: styles, classes, a header row.
    await paste(amina.page, {
      'text/html': `<meta charset="utf-8"><p class="MsoNormal"><b>Acteurs rencontrés</b></p><table class="MsoTable" style="border:1px solid"><tr><th>Initiative</th><th>Porteur</th></tr><tr><td>Épicerie solidaire</td><td>CCAS de Grenoble</td></tr></table><p><img src="data:image/svg+xml;base64,${SVG.toString('base64')}" alt="Logo de l’épicerie"></p>`,
      'text/plain': 'Acteurs rencontrés\nInitiative\tPorteur\nÉpicerie solidaire\tCCAS de Grenoble',
    })
    const table = body.locator('table')
    await expect(table).toBeVisible()
    await expect(table.locator('th')).toHaveText(['Initiative', 'Porteur'])
    await expect(table.locator('td')).toHaveText(['Épicerie solidaire', 'CCAS de Grenoble'])
    await expect(body.locator('strong')).toHaveText('Acteurs rencontrés')
    // Its image was uploaded on paste: the page links to the server's copy, not to the clipboard's.
    const pasted = body.locator('img')
    await expect(pasted).toHaveAttribute('src', /^\/api\/files\/[^/]+$/)
    await expect(pasted).toHaveAttribute('alt', 'Logo de l’épicerie')

    // Below a table that ends the page, a click opens a new line there.
    const box = await body.boundingBox()
    if (!box) throw new Error('no body box')
    await body.click({ position: { x: 40, y: box.height - 12 } })
    await expect(body.locator(':is(table, .tableWrapper) + p')).toHaveCount(1)
    await paste(amina.page, {
      'text/plain': '## Prochaines étapes\n\n- relire la fiche\n- **appeler** la porteuse\n',
    })
    await expect(body.getByRole('heading', { level: 2, name: 'Prochaines étapes' })).toBeVisible()
    await expect(body.locator('ul li')).toHaveText(['relire la fiche', 'appeler la porteuse'])
    await expect(body.locator('ul strong')).toHaveText('appeler')
    await settled(amina.page)
    const stored = storedBody(pageId)
    expect(stored).toContain('<tableheader')
    expect(stored).toContain('CCAS de Grenoble')
    await shot(amina.page, 'pasted-table')
  } finally {
    await closeAll(amina.context)
  }
})

test('an editor who opens the seeded pages and a new page of each kind stores nothing', async ({
  browser,
  baseURL: configured,
}) => {
  // Seven pages, each watched for three seconds, on a machine shared with the server.
  test.setTimeout(120_000)
  const baseURL = configured ?? ''
  const amina = await ownerSession(browser, baseURL)
  const bruno = await memberSession(
    browser,
    baseURL,
    amina.context.request,
    amina.workspaceId,
    'editor',
    'Bruno Vidal',
  )
  const kinds: [string, string][] = [
    ['Fiche jamais écrite', 'case'],
    ['Synthèse jamais écrite', 'synthesis'],
    ['Note jamais écrite', 'note'],
  ]
  try {
    for (const [title, kind] of kinds)
      await createPageApi(amina.context.request, baseURL, amina.workspaceId, title, kind)
    type Listed = { id: string; title: string }
    const { pages } = (await (
      await bruno.context.request.get(`/api/workspaces/${amina.workspaceId}/pages`)
    ).json()) as {
      pages: Listed[]
    }
    // The seed study (its synthesis and typology notes end in lists), and the new pages.
    const titles = ['Synthèse', 'Typologie', 'Types de besoins', ...kinds.map(([t]) => t)]
    const opened = titles.map((title) => {
      const found = pages.find((p) => p.title === title)
      if (!found) throw new Error(`no page « ${title} »`)
      return found
    })
    const changes = async () =>
      (
        await (
          await bruno.context.request.get(`/api/workspaces/${amina.workspaceId}/changes?limit=100`)
        ).json()
      ).changes
    const before = await changes()
    for (const page of opened) {
      const state = storedState(page.id)
      await bruno.page.goto(`/p/${page.id}`)
      await expectSynced(bruno.page)
      // Reading, scrolling and moving the caret are not writing.
      await editorOf(bruno.page).click()
      await bruno.page.keyboard.press('Control+End')
      await bruno.page.keyboard.press('ArrowUp')
      await bruno.page.mouse.wheel(0, 400)
      await bruno.page.waitForTimeout(3000)
      expect(storedState(page.id), `« ${page.title} »`).toEqual(state)
    }
    expect(await changes()).toEqual(before)
  } finally {
    await closeAll(amina.context, bruno.context)
  }
})
