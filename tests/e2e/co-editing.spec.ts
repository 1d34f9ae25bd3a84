/**
 * Live co-editing through the real server, as two people would do it: two accounts in two separate
 * browser contexts (separate cookies and storage, no BroadcastChannel between them), so every
 * keystroke one sees went through the server's WebSocket endpoint.
 */
import { expect, type Page, test } from '@playwright/test'
import {
  closeAll,
  createInviteLink,
  createPage,
  editorOf,
  expectSynced,
  newPerson,
  newSession,
  owner,
  signIn,
  signUpThroughInvite,
  syncStatus,
  workspaceName,
} from './support/people.ts'

function caretLabels(page: Page) {
  return page.locator('.collaboration-carets__label')
}

/** Other writers' carets on the page, by the name each shows (drawn from its `data-name`). */
async function expectCarets(page: Page, names: string[]) {
  await expect(caretLabels(page)).toHaveCount(names.length)
  for (const [index, name] of names.entries()) {
    await expect(caretLabels(page).nth(index)).toHaveAttribute('data-name', name)
  }
}

test('two people edit the same page live, see each other’s named carets, and a reload keeps it all', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  const bruno = await newSession(browser, baseURL)
  const brunoPerson = newPerson('Bruno Martin')
  try {
    await signIn(amina.page, owner)
    const link = await createInviteLink(amina.page, 'Éditeur·rice')
    await signUpThroughInvite(bruno.page, link, brunoPerson)

    // Bruno is on the workspace home when Amina creates the page: it appears there live.
    const title = `Épicerie solidaire ${Date.now()}`
    await amina.page.getByRole('link', { name: workspaceName }).click()
    const pageId = await createPage(amina.page, title)
    await bruno.page.getByRole('link', { name: title }).click()
    await expect(bruno.page).toHaveURL(new RegExp(`/p/${pageId}$`))
    await expect(bruno.page.getByRole('heading', { level: 1, name: title })).toBeVisible()

    const status = syncStatus(amina.page)
    await expect(status).toHaveAttribute('role', 'status')
    await expect(status).toHaveAttribute('aria-live', 'polite')
    await expectSynced(amina.page)
    await expectSynced(bruno.page)

    const fromAmina = 'L’épicerie solidaire associe ses bénéficiaires à la gouvernance.'
    await editorOf(amina.page).click()
    await amina.page.keyboard.type(fromAmina)

    await expect(editorOf(bruno.page)).toContainText(fromAmina)
    await expectCarets(bruno.page, ['Amina Diallo'])

    // And the other way round: Bruno writes a second paragraph, Amina sees it and his caret.
    const fromBruno = 'Besoins transversaux : liens sociaux de proximité.'
    await editorOf(bruno.page).click()
    await bruno.page.keyboard.press('ControlOrMeta+End')
    await bruno.page.keyboard.press('Enter')
    await bruno.page.keyboard.type(fromBruno)
    await expect(editorOf(amina.page)).toContainText(fromBruno)
    await expectCarets(amina.page, ['Bruno Martin'])
    // The caret's label sits above its line, small, not over the text.
    const label = await caretLabels(amina.page).boundingBox()
    const caret = await amina.page.locator('.collaboration-carets__caret').boundingBox()
    if (!label || !caret) throw new Error('no caret on screen')
    expect(label.y + label.height).toBeLessThanOrEqual(caret.y + caret.height / 2)
    expect(label.height).toBeLessThanOrEqual(16)
    // Wide enough to hold the name it draws (an empty label is a few pixels of padding).
    expect(label.width).toBeGreaterThan(40)
    // The presence bar shows who is here; clicking Bruno brings his caret into view.
    const avatar = amina.page.getByRole('button', {
      name: 'Bruno Martin est sur cette page : aller à son curseur',
    })
    await expect(avatar).toHaveText('BM')
    await amina.page.mouse.wheel(0, -2000)
    await avatar.click()
    await expect(amina.page.locator('.collaboration-carets__caret')).toBeInViewport()
    // Back in her text: a caret is shared only while its editor has the focus.
    await editorOf(amina.page).click()

    // Bruno reloads: everything comes back from the server, and Amina is still there.
    await bruno.page.reload()
    await expectSynced(bruno.page)
    await expect(bruno.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expect(editorOf(bruno.page)).toContainText(fromAmina)
    await expect(editorOf(bruno.page)).toContainText(fromBruno)
    await expectCarets(bruno.page, ['Amina Diallo'])
    // Wherever her caret sits, its name is drawn beside the text, not written into it.
    await expect(editorOf(bruno.page)).not.toContainText('Amina Diallo')

    // The breadcrumb leads back to the workspace, where the page is listed with its kind.
    await bruno.page.getByRole('navigation', { name: 'Fil d’Ariane' }).getByRole('link').click()
    // The home's recent changes list it (once per person who edited it) with its kind.
    await expect(bruno.page.getByRole('listitem').filter({ hasText: title }).first()).toContainText(
      'Fiche de cas',
    )
  } finally {
    await closeAll(amina.context, bruno.context)
  }
})

test('a signed-out visitor is asked to sign in, then lands on the page they asked for', async ({ page }) => {
  await signIn(page, owner)
  const pageId = await createPage(page, `Note de terrain ${Date.now()}`, 'Note')
  await page.getByRole('button', { name: /Connecté·e en tant que/ }).click()
  await page.getByRole('button', { name: 'Se déconnecter' }).click()
  await expect(page).toHaveURL(/\/login$/)

  await page.goto(`/p/${pageId}`)
  await expect(page).toHaveURL(/\/login\?next=/)
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible()
  await page.getByLabel('Adresse e-mail').fill(owner.email)
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'incorrect' })).toContainText(
    'Adresse e-mail ou mot de passe incorrect.',
  )
  await page.getByLabel('Mot de passe').fill(owner.password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page).toHaveURL(new RegExp(`/p/${pageId}$`))
  await expectSynced(page)
})

test('the interface is in French by default and switches to English', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/login/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion')

  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in')
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true')

  // The choice is remembered, and applies to the page view and its sync status.
  await page.getByLabel('Email address').fill(owner.email)
  await page.getByLabel('Password').fill(owner.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'New page' })).toBeVisible()
  await page.getByLabel('Title', { exact: true }).fill('Synthesis draft')
  await page.getByLabel('Kind of page').selectOption({ label: 'Synthesis' })
  await page.getByRole('button', { name: 'Create the page' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expectSynced(page, 'Synced')

  await page.getByRole('button', { name: 'Français' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expectSynced(page, 'Synchronisé')
})

test('the status says "offline" when the network goes away, and "synced" when it is back', async ({
  page,
  context,
}) => {
  await signIn(page, owner)
  await createPage(page, `Hors ligne ${Date.now()}`, 'Note')
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
