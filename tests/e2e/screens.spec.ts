/**
 * The screens a team meets on day one: same-named codes told apart, views that keep their shape
 * when excerpts open, the diagram's dimension totals, a commenter working by keyboard only, and
 * the phone layout.
 */
import { expect, type Locator, type Page, test } from '@playwright/test'
import { closeAll, editorOf, expectSynced } from './support/people.ts'
import { selectText } from './support/selection.ts'
import { memberSession, openNewPage, ownerSession } from './support/team.ts'

async function box(locator: Locator): Promise<BoundingBox> {
  const found = await locator.boundingBox()
  if (!found) throw new Error('not on screen')
  return found
}

type BoundingBox = { x: number; y: number; width: number; height: number }

const overlaps = (a: BoundingBox, b: BoundingBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** Opening `panel` leaves `view` where it was, as large as it was, on screen, and uncovered. */
async function expectViewKeepsItsShape(page: Page, view: Locator, open: () => Promise<void>, panel: Locator) {
  const before = await box(view)
  await open()
  await expect(panel).toBeVisible()
  await page.waitForTimeout(400)
  const after = await box(view)
  expect({ x: after.x, width: after.width, height: after.height }).toEqual({
    x: before.x,
    width: before.width,
    height: before.height,
  })
  const viewport = page.viewportSize() ?? { width: 0, height: 0 }
  expect(after.x).toBeGreaterThanOrEqual(0)
  expect(after.x + after.width).toBeLessThanOrEqual(viewport.width)
  expect(overlaps(after, await box(panel)), 'the panel covers the view').toBe(false)
}

test('same-named codes show their path; excerpts leave the matrix and the diagram whole; dimension totals add up', async ({
  browser,
  baseURL: configured,
}) => {
  test.setTimeout(90_000)
  const baseURL = configured ?? ''
  const amina = await ownerSession(browser, baseURL)
  await amina.page.setViewportSize({ width: 1440, height: 900 })
  try {
    const title = `Fiche Alpes ${Date.now().toString(36)}`
    const caseId = await openNewPage(amina, baseURL, title, 'case')
    const page = amina.page
    await editorOf(page).locator('h2 + p').first().click()
    await page.keyboard.type('Les décisions se prennent en assemblée avec les bénévoles.')
    await expectSynced(page)

    // The picker names both "Gouvernance collaborative" by their parent.
    await selectText(page, 'en assemblée avec les bénévoles')
    await page.getByRole('button', { name: 'Coder', exact: true }).click()
    const search = page.getByRole('combobox', { name: 'Codes à appliquer au passage' })
    await search.fill('gouvernance coll')
    const options = page.getByRole('listbox', { name: 'Codes à appliquer au passage' }).getByRole('option')
    await expect(options).toHaveText([
      /^Types d.innovations › Gouvernance collaborative$/,
      'Modalités de gouvernance › Gouvernance collaborative',
    ])
    await options.filter({ hasText: 'Modalités de gouvernance › Gouvernance collaborative' }).click()
    await page.getByRole('button', { name: 'Appliquer 1 code' }).click()
    await expect(page.locator('.coded-passage').first()).toBeVisible()

    // The matrix's column heads too.
    await page.goto(`/w/${amina.workspaceId}/typology`)
    const matrix = page.locator('table.typology-matrix')
    await expect(matrix).toBeVisible()
    // The view is the matrix's scrolling frame: wide matrices scroll inside it.
    const matrixView = page.locator('.typology-matrix-scroll')
    for (const parent of ["Types d'innovations", 'Modalités de gouvernance'])
      await expect(
        matrix.getByRole('link', {
          name: `${parent} › Gouvernance collaborative`,
          exact: true,
        }),
      ).toBeVisible()

    const codes = (
      await (await amina.context.request.get(`/api/workspaces/${amina.workspaceId}/matrix`)).json()
    ).codes as { id: string; label: string; dimensionId: string; depth: number; path: string[] }[]
    const governance = codes.find(
      (c) => c.label === 'Gouvernance collaborative' && c.path[0] === 'Modalités de gouvernance',
    )
    if (!governance) throw new Error('no seeded code')
    const cell = page.getByTestId(`cell-${caseId}-${governance.id}`)
    await expectViewKeepsItsShape(page, matrixView, () => cell.click(), page.locator('.typology-excerpts'))
    await expect(page.locator('.typology-excerpts blockquote')).toHaveText('en assemblée avec les bénévoles')

    // The diagram: a dimension's total is the sum of its codes' counts.
    await page.getByRole('button', { name: 'Schéma' }).click()
    const diagram = page.locator('svg.typology-diagram')
    await expect(diagram).toBeVisible()
    const count = async (id: string) =>
      Number(await page.getByTestId(`diagram-count-${id}`).getAttribute('data-count'))
    for (const dimension of codes.filter((c) => c.depth === 0)) {
      const members = codes.filter((c) => c.dimensionId === dimension.id && c.depth > 0)
      let sum = 0
      for (const code of members) sum += await count(code.id)
      expect(await count(dimension.id), dimension.label).toBe(sum)
    }
    expect(await count(governance.dimensionId)).toBeGreaterThanOrEqual(1)
    await expectViewKeepsItsShape(
      page,
      diagram,
      () => page.getByTestId(`diagram-${governance.id}`).click(),
      page.locator('.typology-excerpts'),
    )
  } finally {
    await closeAll(amina.context)
  }
})

test('a commenter, keyboard only, selects a passage and posts a comment', async ({
  browser,
  baseURL: configured,
}) => {
  const baseURL = configured ?? ''
  const amina = await ownerSession(browser, baseURL)
  const chloe = await memberSession(
    browser,
    baseURL,
    amina.context.request,
    amina.workspaceId,
    'commenter',
    'Chloé Garnier',
  )
  try {
    const pageId = await openNewPage(amina, baseURL, 'Synthèse au clavier', 'synthesis')
    await editorOf(amina.page).click()
    await amina.page.keyboard.type('Solidarité de proximité et vision politique partagée.')
    await expectSynced(amina.page)

    const page = chloe.page
    await page.goto(`/p/${pageId}`)
    await expectSynced(page)
    const body = editorOf(page)
    await expect(body).toContainText('Solidarité de proximité')
    await expect(body).toHaveAttribute('aria-readonly', 'true')
    // Tab from the top of the page to the text.
    for (let i = 0; i < 40 && !(await body.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab')
    await expect(body).toBeFocused()
    // Caret to the second word, then select it: "proximité".
    await page.keyboard.press('Control+Home')
    for (let i = 0; i < 'Solidarité de '.length; i++) await page.keyboard.press('ArrowRight')
    // Typing changes nothing: the text is read-only.
    await page.keyboard.type('x')
    await page.keyboard.press('Backspace')
    await expect(body).toContainText('Solidarité de proximité et vision politique partagée.')
    await expect(body).not.toContainText('xproximité')
    for (let i = 0; i < 'proximité'.length; i++) await page.keyboard.press('Shift+ArrowRight')
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('proximité')
    await page.keyboard.press('Control+Alt+M')
    const composer = page.getByRole('combobox', { name: 'Nouveau commentaire' })
    await expect(composer).toBeFocused()
    await page.keyboard.type('Laquelle exactement ?')
    await page.keyboard.press('Control+Enter')
    await expect(page.getByRole('article', { name: 'Discussion sur « proximité »' })).toContainText(
      'Laquelle exactement ?',
    )
    await expect(page.locator('.comment-highlight')).toHaveText('proximité')
  } finally {
    await closeAll(amina.context, chloe.context)
  }
})

test('on a phone the page title comes first and the menu button opens the tree', async ({
  browser,
  baseURL: configured,
}) => {
  const baseURL = configured ?? ''
  const amina = await ownerSession(browser, baseURL)
  await amina.page.setViewportSize({ width: 390, height: 844 })
  try {
    const title = 'Fiche lue sur téléphone'
    const _pageId = await openNewPage(amina, baseURL, title, 'case')
    const page = amina.page
    const heading = page.getByRole('heading', { level: 1, name: title })
    const titleBox = await box(heading)
    expect(titleBox.y + titleBox.height).toBeLessThanOrEqual(200)
    expect((await box(page.locator('.page-bar'))).height).toBeLessThanOrEqual(64)
    // The sticky header stays as small once the page scrolls.
    await page.mouse.wheel(0, 600)
    await page.waitForTimeout(200)
    expect((await box(page.locator('.page-bar'))).height).toBeLessThanOrEqual(64)

    const tree = page.getByRole('tree')
    await expect(tree).toBeHidden()
    const menu = page.getByRole('button', { name: 'Pages', exact: true })
    await menu.click()
    await expect(menu).toHaveAttribute('aria-expanded', 'true')
    await expect(tree).toBeVisible()
    await tree
      .getByRole('treeitem', { name: /^Synthèse/ })
      .first()
      .click()
    await expect(page.getByRole('heading', { level: 1, name: 'Synthèse' })).toBeVisible()
    // Opened from the tree, the page's title has the focus: reading starts there.
    await expect(page.getByRole('heading', { level: 1, name: 'Synthèse' })).toBeFocused()
    await expect(tree).toBeHidden()
  } finally {
    await closeAll(amina.context)
  }
})

test('on a wide screen each discussion stands beside its passage', async ({
  browser,
  baseURL: configured,
}) => {
  const baseURL = configured ?? ''
  const amina = await ownerSession(browser, baseURL)
  await amina.page.setViewportSize({ width: 1440, height: 900 })
  try {
    const _pageId = await openNewPage(amina, baseURL, 'Synthèse commentée', 'synthesis')
    const page = amina.page
    await editorOf(page).click()
    for (let i = 1; i <= 14; i++) {
      await page.keyboard.type(
        i === 3 ? 'Le premier point discuté.' : i === 12 ? 'Le second point discuté.' : `Paragraphe ${i}.`,
      )
      await page.keyboard.press('Enter')
    }
    await expectSynced(page)
    // The lower passage first: the cards still follow the text's order.
    for (const passage of ['second point', 'premier point']) {
      await selectText(page, passage)
      await page.getByRole('button', { name: 'Commenter', exact: true }).click()
      await page.getByRole('combobox', { name: 'Nouveau commentaire' }).fill(`À propos du ${passage}`)
      await page.getByRole('button', { name: 'Publier' }).click()
      await expect(page.getByRole('article', { name: `Discussion sur « ${passage} »` })).toBeVisible()
    }
    await page.waitForTimeout(300)
    for (const passage of ['premier point', 'second point']) {
      const card = await box(page.getByRole('article', { name: `Discussion sur « ${passage} »` }))
      const mark = await box(page.locator('.comment-highlight', { hasText: passage }))
      expect(Math.abs(card.y - mark.y), passage).toBeLessThanOrEqual(24)
    }
  } finally {
    await closeAll(amina.context)
  }
})

test('the guide links to the case-sheet template, which opens', async ({ browser, baseURL: configured }) => {
  const baseURL = configured ?? ''
  const amina = await ownerSession(browser, baseURL)
  try {
    const { pages } = await (
      await amina.context.request.get(`/api/workspaces/${amina.workspaceId}/pages`)
    ).json()
    const guide = (pages as { id: string; title: string }[]).find((p) => p.title.startsWith('Guide'))
    if (!guide) throw new Error('no seeded guide')
    await amina.page.goto(`/p/${guide.id}`)
    await expectSynced(amina.page)
    const link = editorOf(amina.page).getByRole('link', { name: 'Modèle de fiche de cas' })
    await expect(link).toBeVisible()
    await link.click()
    await expect(amina.page.getByRole('heading', { level: 1, name: 'Modèle de fiche de cas' })).toBeVisible()
  } finally {
    await closeAll(amina.context)
  }
})

test('a page that does not exist gets a page of its own', async ({ browser, baseURL: configured }) => {
  const amina = await ownerSession(browser, configured ?? '')
  try {
    await amina.page.goto('/p/cette-page-n-existe-pas')
    await expect(amina.page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible()
    await expect(amina.page).toHaveTitle('Page introuvable · Tisserand')
    await expect(amina.page.getByText('supprimée définitivement')).toBeVisible()
    await amina.page.getByRole('link', { name: 'Retour à l’accueil' }).click()
    await expect(amina.page).toHaveURL(/\/w\/[^/]+$/)
  } finally {
    await closeAll(amina.context)
  }
})
