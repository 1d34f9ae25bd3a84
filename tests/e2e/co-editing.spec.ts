/**
 * Live co-editing through the real server, as two people would do it: two separate browser
 * contexts (separate storage, no BroadcastChannel between them), so every keystroke that B sees
 * went through the server's WebSocket endpoint.
 */
import { randomBytes } from 'node:crypto'
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test'

function freshPageId(): string {
  return `e2e-${randomBytes(6).toString('hex')}`
}

async function openAs(
  browser: Browser,
  baseURL: string | undefined,
  pageId: string,
  name: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  await page.goto(`/p/${pageId}`)
  // The page shell and the sync status are there before the user has even given a name.
  await expect(page.getByRole('heading', { level: 1, name: pageId })).toBeVisible()
  await expect(syncStatus(page)).toBeVisible()
  await page.getByLabel('Votre nom', { exact: true }).fill(name)
  await page.getByRole('button', { name: 'Continuer' }).click()
  await expect(editorOf(page)).toBeVisible()
  return { context, page }
}

function syncStatus(page: Page) {
  return page.locator('[data-sync-state]')
}

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: 'Contenu de la page' })
}

function caretLabels(page: Page) {
  return page.locator('.collaboration-carets__label')
}

async function expectSynced(page: Page, label = 'Synchronisé') {
  await expect(syncStatus(page)).toHaveAttribute('data-sync-state', 'synced')
  await expect(syncStatus(page)).toContainText(label)
}

test('two people edit the same page live, see each other’s named carets, and a reload keeps it all', async ({
  browser,
  baseURL,
}) => {
  const pageId = freshPageId()
  const alice = await openAs(browser, baseURL, pageId, 'Amina Diallo')
  const bruno = await openAs(browser, baseURL, pageId, 'Bruno Martin')
  try {
    const status = syncStatus(alice.page)
    await expect(status).toHaveAttribute('role', 'status')
    await expect(status).toHaveAttribute('aria-live', 'polite')
    await expectSynced(alice.page)
    await expectSynced(bruno.page)

    const fromAlice = 'L’épicerie solidaire associe ses bénéficiaires à la gouvernance.'
    await editorOf(alice.page).click()
    await alice.page.keyboard.type(fromAlice)

    await expect(editorOf(bruno.page)).toContainText(fromAlice)
    await expect(caretLabels(bruno.page)).toHaveText(['Amina Diallo'])

    // And the other way round: Bruno writes a second paragraph, Amina sees it and his caret.
    const fromBruno = 'Besoins transversaux : liens sociaux de proximité.'
    await editorOf(bruno.page).click()
    await bruno.page.keyboard.press('ControlOrMeta+End')
    await bruno.page.keyboard.press('Enter')
    await bruno.page.keyboard.type(fromBruno)
    await expect(editorOf(alice.page)).toContainText(fromBruno)
    await expect(caretLabels(alice.page)).toHaveText(['Bruno Martin'])

    // Bruno reloads: everything comes back from the server, and Amina is still there.
    await bruno.page.reload()
    await expectSynced(bruno.page)
    await expect(editorOf(bruno.page)).toContainText(fromAlice)
    await expect(editorOf(bruno.page)).toContainText(fromBruno)
    await expect(caretLabels(bruno.page)).toHaveText(['Amina Diallo'])
    // His name was remembered: no prompt this time.
    await expect(bruno.page.getByLabel('Votre nom', { exact: true })).toHaveCount(0)
  } finally {
    await alice.context.close()
    await bruno.context.close()
  }
})

test('the interface is in French by default and switches to English', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ouvrir une page')

  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open a page')
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true')

  // The choice is remembered, and applies to the page view and its sync status.
  await page.getByRole('button', { name: 'Create a new page' }).click()
  await expect(page).toHaveURL(/\/p\/[a-z0-9]{12}$/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByLabel('Your name', { exact: true }).fill('Chloé Bernard')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expectSynced(page, 'Synced')

  await page.getByRole('button', { name: 'Français' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expectSynced(page, 'Synchronisé')
})

test('opening a page by name gives a shareable address', async ({ page }) => {
  await page.goto('/')
  await page.getByLabel('Nom de la page').fill('Fiche de cas — Épicerie solidaire')
  await page.getByRole('button', { name: 'Ouvrir', exact: true }).click()
  await expect(page).toHaveURL(/\/p\/fiche-de-cas-epicerie-solidaire$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('fiche-de-cas-epicerie-solidaire')
})

test('the status says "offline" when the network goes away, and "synced" when it is back', async ({
  page,
  context,
}) => {
  await page.goto(`/p/${freshPageId()}`)
  await page.getByLabel('Votre nom', { exact: true }).fill('Amina Diallo')
  await page.getByRole('button', { name: 'Continuer' }).click()
  await expectSynced(page)

  await context.setOffline(true)
  await expect(syncStatus(page)).toHaveAttribute('data-sync-state', 'offline')
  await expect(syncStatus(page)).toContainText('Hors ligne')
  // Still editable while offline: the text is kept and sent on reconnection.
  await editorOf(page).click()
  await page.keyboard.type('Écrit hors ligne.')

  await context.setOffline(false)
  await expectSynced(page)
  await page.reload()
  await expectSynced(page)
  await expect(editorOf(page)).toContainText('Écrit hors ligne.')
})
