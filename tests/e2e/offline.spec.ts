/**
 * Offline work (issue 19), in real Chromium with the network cut by `context.setOffline`: what is
 * typed is kept on the device through reloads, closed contexts and sign-ins, reaches the server
 * when the network is back and merges with what others wrote meanwhile.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Browser, type BrowserContext, chromium, expect, type Page, test } from '@playwright/test'
import { databaseNames, goOffline, indexedDbContains, settle, shellKept } from './support/offline.ts'
import {
  clickSignOut,
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
import { selectText } from './support/selection.ts'

test('offline, typed text survives a reload, reaches a second browser when back online, and merges with its edits', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  const bruno = await newSession(browser, baseURL)
  try {
    await signIn(amina.page, owner)
    const link = await createInviteLink(amina.page, 'Éditeur·rice')
    await signUpThroughInvite(bruno.page, link, newPerson('Bruno Offline'))
    await amina.page.getByRole('link', { name: workspaceName }).click()
    const pageId = await createPage(amina.page, `Carnet de terrain ${Date.now()}`, 'Note')
    await editorOf(amina.page).click()
    await amina.page.keyboard.type('Début en ligne.')
    await expectSynced(amina.page)
    await shellKept(amina.page)

    await bruno.page.goto(`/p/${pageId}`)
    await expectSynced(bruno.page)
    await expect(editorOf(bruno.page)).toContainText('Début en ligne.')

    // Amina loses the network and keeps writing.
    await goOffline(amina.context, amina.page)
    await editorOf(amina.page).click()
    await amina.page.keyboard.press('ControlOrMeta+End')
    await amina.page.keyboard.press('Enter')
    await amina.page.keyboard.type('Écrit dans le train, sans réseau.')
    await settle(amina.page)
    await expect(syncStatus(amina.page)).toContainText(
      /Hors ligne — \d+ modifications? gardées? sur cet appareil/,
    )

    // Reloading without a network: the app opens from the device, with the text.
    await amina.page.reload()
    await expect(amina.page.getByRole('heading', { level: 1 })).toContainText('Carnet de terrain')
    await expect(editorOf(amina.page)).toContainText('Écrit dans le train, sans réseau.')
    await expect(syncStatus(amina.page)).toHaveAttribute('data-sync-state', 'offline')
    await expect(syncStatus(amina.page)).toContainText('gardée')

    // Meanwhile Bruno writes too.
    await editorOf(bruno.page).click()
    await bruno.page.keyboard.press('ControlOrMeta+Home')
    await bruno.page.keyboard.type('Bruno, au bureau. ')
    await expectSynced(bruno.page)
    await expect(editorOf(bruno.page)).not.toContainText('Écrit dans le train')

    // The network is back: Bruno receives Amina's text, Amina Bruno's, nothing is lost.
    await amina.context.setOffline(false)
    await expectSynced(amina.page)
    await expect(syncStatus(amina.page)).toHaveAttribute('data-pending', '0')
    await expect(editorOf(bruno.page)).toContainText('Écrit dans le train, sans réseau.')
    await expect(editorOf(amina.page)).toContainText('Bruno, au bureau.')
    for (const text of ['Bruno, au bureau.', 'Début en ligne.', 'Écrit dans le train, sans réseau.']) {
      await expect(editorOf(amina.page)).toContainText(text)
      await expect(editorOf(bruno.page)).toContainText(text)
    }
  } finally {
    await closeAll(amina.context, bruno.context)
  }
})

/** A browser with a profile on disk, so that closing and relaunching it is a real restart. */
async function launchProfile(dir: string, baseURL: string | undefined) {
  const launch = test.info().project.use.launchOptions ?? {}
  return chromium.launchPersistentContext(dir, {
    executablePath: launch.executablePath,
    args: launch.args,
    baseURL,
    viewport: { width: 1280, height: 800 },
  })
}

function treeItem(page: Page, pageId: string) {
  return page.locator(`[role="treeitem"][data-page-id="${pageId}"] .tree-label`).first()
}

/** Opens the page in a fresh browser context of the owner, to read what the server has. */
async function serverShows(
  browser: Browser,
  baseURL: string | undefined,
  pageId: string,
  texts: string[],
  absent: string[] = [],
) {
  const reader = await newSession(browser, baseURL)
  try {
    await signIn(reader.page, owner)
    await reader.page.goto(`/p/${pageId}`)
    await expectSynced(reader.page)
    for (const text of texts) await expect(editorOf(reader.page)).toContainText(text)
    for (const text of absent) await expect(editorOf(reader.page)).not.toContainText(text)
  } finally {
    await reader.context.close()
  }
}

test('offline from the start: the browser restarts without a network, the app opens, the tree leads to a recent page, and its edit reaches the server', async ({
  browser,
  baseURL,
}) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tisserand-profile-'))
  try {
    // Yesterday, online: Amina opens a note (it becomes a recent page) and sees the tree.
    let profile = await launchProfile(dir, baseURL)
    let page = profile.pages()[0] ?? (await profile.newPage())
    await signIn(page, owner)
    const workspaceId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '')
    const stamp = Date.now()
    // A page created by someone else, never opened on this device.
    const created = await page.request.post(`/api/workspaces/${workspaceId}/pages`, {
      headers: { origin: baseURL ?? '' },
      data: { title: `Jamais ouverte ici ${stamp}`, kind: 'note' },
    })
    const unvisited = ((await created.json()) as { id: string }).id
    const pageId = await createPage(page, `Compte rendu ${stamp}`, 'Note')
    await editorOf(page).click()
    await page.keyboard.type('Réunion du collectif.')
    await expectSynced(page)
    await shellKept(page)
    await profile.close()

    // Today, on the train: the browser starts with no network at all.
    profile = await launchProfile(dir, baseURL)
    await profile.setOffline(true)
    page = profile.pages()[0] ?? (await profile.newPage())
    const response = await page.goto('/')
    expect(response?.fromServiceWorker()).toBe(true)
    await expect(page.getByTestId('offline-indicator')).toContainText('Hors ligne')
    await expect(page).toHaveURL(/\/w\/[^/]+$/)

    // The tree is there, telling apart what is on the device; a page never opened here says so.
    const row = (id: string) => page.locator(`[role="treeitem"][data-page-id="${id}"] > .tree-row`)
    await expect(row(pageId)).toHaveAttribute('data-offline', 'kept')
    await expect(row(unvisited)).toHaveAttribute('data-offline', 'missing')
    await treeItem(page, unvisited).click()
    await expect(page).toHaveURL(new RegExp(`/p/${unvisited}$`))
    await expect(page.getByTestId('not-on-device')).toContainText('Pas disponible hors ligne')

    // The recent page opens from the device, and takes an edit.
    await treeItem(page, pageId).click()
    await expect(page).toHaveURL(new RegExp(`/p/${pageId}$`))
    await expect(editorOf(page)).toContainText('Réunion du collectif.')
    await editorOf(page).click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.type(' Décidé sans réseau : atelier vélo le 12.')
    await expect(syncStatus(page)).toContainText(/Hors ligne — \d+ modifications? gardées? sur cet appareil/)
    await expect(page.getByTestId('offline-indicator')).toContainText('1 page non envoyée')

    // The network comes back: the server has it.
    await profile.setOffline(false)
    await expectSynced(page)
    await expect(page.getByTestId('offline-indicator')).toHaveCount(0)
    await profile.close()
    await serverShows(browser, baseURL, pageId, ['Réunion du collectif.', 'atelier vélo le 12.'])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a context closed with unsent edits: a new one with the same storage state sends them, without opening the page', async ({
  browser,
  baseURL,
}) => {
  const first = await newSession(browser, baseURL)
  const title = `Entretien ${Date.now()}`
  let pageId = ''
  let state: Awaited<ReturnType<BrowserContext['storageState']>>
  try {
    await signIn(first.page, owner)
    pageId = await createPage(first.page, title, 'Note')
    await editorOf(first.page).click()
    await first.page.keyboard.type('Question 1.')
    await expectSynced(first.page)

    await goOffline(first.context, first.page)
    await editorOf(first.page).click()
    await first.page.keyboard.press('ControlOrMeta+End')
    await first.page.keyboard.type(' Réponse notée hors ligne.')
    await settle(first.page)
    await expect(syncStatus(first.page)).toContainText('gardée')
    // The lid closes: all that is left is what the browser stored.
    state = await first.context.storageState({ indexedDB: true })
  } finally {
    await first.context.close()
  }
  // The server does not have it: only the stored state does.
  await serverShows(browser, baseURL, pageId, ['Question 1.'], ['Réponse notée hors ligne.'])

  const second = await browser.newContext({ baseURL, storageState: state })
  try {
    const page = await second.newPage()
    await page.goto('/')
    await expect(page).toHaveURL(/\/w\/[^/]+$/)
    // Sent in the background: the device page ends with nothing left to send.
    await page.goto('/offline')
    await expect(page.getByRole('heading', { level: 1, name: 'Sur cet appareil' })).toBeVisible()
    await expect(page.getByText('Aucune : le serveur a tout ce qui a été écrit ici.')).toBeVisible({
      timeout: 20_000,
    })
  } finally {
    await second.close()
  }
  await serverShows(browser, baseURL, pageId, ['Question 1.', 'Réponse notée hors ligne.'])
})

async function userIdOf(page: Page): Promise<string> {
  const me = (await (await page.request.get('/api/me')).json()) as { user: { id: string } }
  return me.user.id
}

async function namesOf(page: Page, userId: string): Promise<string[]> {
  return (await databaseNames(page)).filter((name) => name.startsWith(`tisserand/${userId}/`))
}

test('signing out with unsent edits warns; it waits for them to be sent, or erases on explicit confirmation; nothing of the user stays', async ({
  browser,
  baseURL,
}) => {
  const { context, page } = await newSession(browser, baseURL)
  try {
    await signIn(page, owner)
    const userId = await userIdOf(page)
    const pageId = await createPage(page, `Notes de permanence ${Date.now()}`, 'Note')
    await editorOf(page).click()
    await page.keyboard.insertText('Avant la coupure.')
    await expectSynced(page)
    await shellKept(page)

    // Offline, an edit waits: signing out warns, and "Rester connecté·e" keeps everything.
    await goOffline(context, page)
    await editorOf(page).click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.insertText(' Envoyée avant de partir.')
    await settle(page)
    expect(await indexedDbContains(page, ' Envoyée avant de partir.')).toBe(true)
    await clickSignOut(page)
    const dialog = page.getByRole('dialog', { name: 'Des modifications ne sont pas encore envoyées' })
    await expect(dialog).toContainText(
      '1 modification gardée sur cet appareil n’a pas encore atteint le serveur.',
    )
    await expect(dialog).toContainText('Se déconnecter efface la copie de cet appareil')
    await expect(dialog).toContainText('Vous êtes hors ligne')
    await dialog.getByRole('button', { name: 'Rester connecté·e' }).click()
    await expect(dialog).toHaveCount(0)
    await expect(editorOf(page)).toContainText('Envoyée avant de partir.')

    // Asked again, then the network comes back: the edit goes out first, then the sign-out.
    await clickSignOut(page)
    await expect(dialog).toBeVisible()
    await context.setOffline(false)
    await expect(page).toHaveURL(/\/login$/, { timeout: 20_000 })
    await serverShows(browser, baseURL, pageId, ['Avant la coupure.', 'Envoyée avant de partir.'])
    expect(await namesOf(page, userId)).toEqual([])
    expect(await indexedDbContains(page, ' Envoyée avant de partir.')).toBe(false)

    // Once more, and this time the copy is erased on explicit confirmation, still offline.
    await signIn(page, owner)
    await page.goto(`/p/${pageId}`)
    await expectSynced(page)
    await shellKept(page)
    await goOffline(context, page)
    await editorOf(page).click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.insertText(' Jamais envoyée.')
    await settle(page)
    expect(await indexedDbContains(page, ' Jamais envoyée.')).toBe(true)
    await expect(syncStatus(page)).toContainText('gardée')
    await clickSignOut(page)
    await dialog.getByRole('button', { name: 'Se déconnecter et effacer' }).click()
    await expect(page).toHaveURL(/\/login$/)
    expect(await namesOf(page, userId)).toEqual([])
    expect(await indexedDbContains(page, ' Jamais envoyée.')).toBe(false)
    expect(await indexedDbContains(page, 'Avant la coupure.')).toBe(false)
    expect(await page.evaluate(() => localStorage.getItem('tisserand.offline.identity'))).toBeNull()
    expect(
      await page.evaluate(
        (prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)),
        `tisserand/${userId}/`,
      ),
    ).toEqual([])

    // Back online, the server's session is ended too, before anything else.
    await context.setOffline(false)
    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible()
    expect((await page.request.get('/api/me')).status()).toBe(401)
    await serverShows(browser, baseURL, pageId, ['Envoyée avant de partir.'], ['Jamais envoyée.'])
  } finally {
    await context.close()
  }
})

test('two people on one browser: one never sees the other’s copy; unsent edits wait, sealed, for their owner', async ({
  browser,
  baseURL,
}) => {
  const admin = await newSession(browser, baseURL)
  const shared = await newSession(browser, baseURL)
  const chloe = newPerson('Chloé Partage')
  try {
    await signIn(admin.page, owner)
    const link = await createInviteLink(admin.page, 'Éditeur·rice')
    const { context, page } = shared

    // Amina writes on the shared computer, loses the network, writes more; her session then ends
    // there without a sign-out (expired).
    await signIn(page, owner)
    const aminaId = await userIdOf(page)
    const pageId = await createPage(page, `Permanence partagée ${Date.now()}`, 'Note')
    await editorOf(page).click()
    await page.keyboard.type('Ligne commune.')
    await expectSynced(page)
    await shellKept(page)
    await goOffline(context, page)
    await editorOf(page).click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.insertText(' Note privée d’Amina.')
    await settle(page)
    expect(await indexedDbContains(page, ' Note privée d’Amina.')).toBe(true)
    await expect(syncStatus(page)).toContainText('gardée')
    await context.clearCookies()
    await context.setOffline(false)
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible()

    // Chloé signs up on the same browser and opens the same page: she gets the server's version,
    // never Amina's copy; offline, Amina's pages are not on "her" device.
    await signUpThroughInvite(page, link, chloe)
    const chloeId = await userIdOf(page)
    await page.goto(`/p/${pageId}`)
    await expectSynced(page)
    await expect(editorOf(page)).toContainText('Ligne commune.')
    await expect(editorOf(page)).not.toContainText('Note privée')
    await page.goto('/offline')
    await expect(page.getByTestId('kept-pages')).toHaveCount(1)
    await expect(page.getByTestId('unsent-pages')).toHaveCount(0)
    // Amina's unsent copy stays, sealed, for her.
    expect((await namesOf(page, aminaId)).length).toBeGreaterThan(0)
    await clickSignOut(page)
    await expect(page).toHaveURL(/\/login$/)
    expect(await namesOf(page, chloeId)).toEqual([])

    // Amina signs in again: her offline edit reaches the server.
    await signIn(page, owner)
    await expect(page.getByTestId('offline-indicator')).toHaveCount(0, { timeout: 20_000 })
    await serverShows(browser, baseURL, pageId, ['Ligne commune.', 'Note privée d’Amina.'])

    // Her session ends again, with nothing unsent this time: when Chloé signs in, Amina's copy goes.
    await context.clearCookies()
    await page.goto('/login')
    await page.getByLabel('Adresse e-mail').fill(chloe.email)
    await page.getByLabel('Mot de passe').fill(chloe.password)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await expect(page).toHaveURL(/\/w\/[^/]+$/)
    await expect.poll(() => namesOf(page, aminaId)).toEqual([])
    expect(await indexedDbContains(page, ' Note privée d’Amina.')).toBe(false)
  } finally {
    await closeAll(admin.context, shared.context)
  }
})

test('removed from the workspace while offline: on reconnect, the copy of that workspace leaves the device', async ({
  browser,
  baseURL,
}) => {
  const admin = await newSession(browser, baseURL)
  const elise = await newSession(browser, baseURL)
  const person = newPerson('Élise Retrait')
  try {
    await signIn(admin.page, owner)
    const workspaceId = decodeURIComponent(new URL(admin.page.url()).pathname.split('/')[2] ?? '')
    const link = await createInviteLink(admin.page, 'Éditeur·rice')
    await admin.page.goto(`/w/${workspaceId}`)
    const pageId = await createPage(admin.page, `Dossier sensible ${Date.now()}`, 'Note')
    await editorOf(admin.page).click()
    await admin.page.keyboard.type('Informations confidentielles du cas.')
    await expectSynced(admin.page)

    await signUpThroughInvite(elise.page, link, person)
    const eliseId = await userIdOf(elise.page)
    await elise.page.goto(`/p/${pageId}`)
    await expectSynced(elise.page)
    await expect(editorOf(elise.page)).toContainText('Informations confidentielles')
    await shellKept(elise.page)
    await goOffline(elise.context, elise.page)
    await editorOf(elise.page).click()
    await elise.page.keyboard.press('ControlOrMeta+End')
    await elise.page.keyboard.insertText(' Ajout d’Élise.')
    await settle(elise.page)
    expect(await indexedDbContains(elise.page, ' Ajout d’Élise.')).toBe(true)
    expect((await namesOf(elise.page, eliseId)).some((name) => name.includes(`/${workspaceId}/`))).toBe(true)

    // Meanwhile the owner removes her from the workspace.
    const removed = await admin.page.request.delete(`/api/workspaces/${workspaceId}/members/${eliseId}`, {
      headers: { origin: baseURL ?? '' },
    })
    expect(removed.status()).toBe(204)

    // Back online: the server says she lost access; the copy of the workspace is erased.
    await elise.context.setOffline(false)
    await expect(elise.page.getByTestId('lost-access-notice')).toContainText(
      `Vous n’avez plus accès à l’espace de travail « ${workspaceName} » : sa copie a été effacée de cet appareil.`,
    )
    await expect
      .poll(async () =>
        (await namesOf(elise.page, eliseId)).filter((name) => name.includes(`/${workspaceId}/`)),
      )
      .toEqual([])
    await expect.poll(() => indexedDbContains(elise.page, 'Informations confidentielles')).toBe(false)
    await expect.poll(() => indexedDbContains(elise.page, ' Ajout d’Élise.')).toBe(false)
  } finally {
    await closeAll(admin.context, elise.context)
  }
})

test('coding, a comment and a property made offline are sent in order on reconnect; a coding whose code was retired meanwhile is shown refused, its passage kept, and can be re-coded', async ({
  browser,
  baseURL,
  playwright,
}) => {
  const { context, page } = await newSession(browser, baseURL)
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL ?? '' } })
  try {
    expect(
      (await admin.post('/api/auth/login', { data: { email: owner.email, password: owner.password } })).ok(),
    ).toBe(true)
    await signIn(page, owner)
    const workspaceId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '')
    const stamp = Date.now().toString(36)
    // New codes beside a seed one, so that no other test depends on them.
    const codebook = (await (await admin.get(`/api/workspaces/${workspaceId}/codebook`)).json()) as {
      codes: { label: string; parentId: string | null }[]
    }
    const parentId = codebook.codes.find((code) => code.label === 'Empowerment')?.parentId ?? null
    const newCode = async (label: string) => {
      const created = await admin.post(`/api/workspaces/${workspaceId}/codebook/codes`, {
        data: { label, parentId },
      })
      expect(created.status()).toBe(201)
      return ((await created.json()) as { codeId: string }).codeId
    }
    const kept = `Entraide ${stamp}`
    const retired = `Éphémère ${stamp}`
    await newCode(kept)
    const retiredId = await newCode(retired)

    const pageId = await createPage(page, `Atelier vélo ${stamp}`, 'Fiche de cas')
    const first = 'les voisins prêtent leurs outils'
    const second = 'la mairie finance le local'
    await editorOf(page).click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.type(`Au quartier, ${first}. Depuis 2021, ${second}.`)
    await expectSynced(page)
    await shellKept(page)
    await goOffline(context, page)

    const codeWith = async (passage: string, label: string) => {
      // From a collapsed selection, so that the bubble that shows is the new selection's.
      await editorOf(page).focus()
      await page.keyboard.press('ControlOrMeta+End')
      await expect(page.getByRole('button', { name: 'Coder', exact: true })).toHaveCount(0)
      await selectText(page, passage)
      await page.getByRole('button', { name: 'Coder', exact: true }).click()
      await page.getByRole('combobox', { name: 'Codes à appliquer au passage' }).fill(label)
      await page
        .getByRole('listbox', { name: 'Codes à appliquer au passage' })
        .getByRole('option', { name: label })
        .click()
      await page.getByRole('button', { name: 'Appliquer 1 code' }).click()
    }
    await codeWith(first, kept)
    await expect(page.locator('.coded-passage.is-pending')).toContainText(first)
    await codeWith(second, retired)
    await expect(page.locator('.coded-passage.is-pending')).toHaveCount(2)

    // A comment on the first passage, and the case's territory.
    await editorOf(page).focus()
    await page.keyboard.press('ControlOrMeta+End')
    await expect(page.getByRole('button', { name: 'Commenter' })).toHaveCount(0)
    await selectText(page, first)
    await page.getByRole('button', { name: 'Commenter' }).click()
    await page.getByRole('combobox', { name: 'Nouveau commentaire' }).fill('Lesquels ? À demander.')
    await page.getByRole('button', { name: 'Publier' }).click()
    const thread = page.getByRole('article', { name: `Discussion sur « ${first} »` })
    await expect(thread).toContainText('En attente d’envoi')
    await page.getByLabel('Territoire').fill('Grenoble, Villeneuve')
    await page.getByLabel('Territoire').press('Enter')
    await expect(page.getByTestId('properties-pending')).toBeVisible()
    await expect(page.getByTestId('offline-indicator')).toContainText('4 actions en attente')

    // Meanwhile the second code is retired.
    expect((await admin.post(`/api/workspaces/${workspaceId}/codebook/codes/${retiredId}/retire`)).ok()).toBe(
      true,
    )

    await context.setOffline(false)
    await expectSynced(page)
    const refused = page.getByTestId('refused-action')
    await expect(refused).toHaveCount(1, { timeout: 20_000 })
    await expect(refused).toContainText('Le code a été retiré du livre de codes entre-temps.')
    await expect(refused.getByRole('blockquote')).toHaveText(second)
    await expect(page.getByTestId('offline-indicator')).toContainText('1 action refusée')
    await expect(thread).not.toContainText('En attente d’envoi')

    // On the server: the first coding, the thread, the territory; not the refused coding.
    const passages = (await (await admin.get(`/api/pages/${pageId}/passages`)).json()) as {
      passages: { text: string | null }[]
    }
    expect(passages.passages.map((p) => p.text)).toEqual([first])
    const threads = (await (await admin.get(`/api/pages/${pageId}/threads`)).json()) as {
      threads: { quote: string; messages: { body: string }[] }[]
    }
    expect(threads.threads.map((t) => [t.quote, t.messages[0]?.body])).toEqual([
      [first, 'Lesquels ? À demander.'],
    ])
    const properties = (await (await admin.get(`/api/pages/${pageId}/properties`)).json()) as {
      properties: { territory: string | null }
    }
    expect(properties.properties.territory).toBe('Grenoble, Villeneuve')

    // The refused passage is re-coded with the kept code.
    await refused.getByRole('button', { name: 'Coder avec un autre code' }).click()
    await page.getByRole('combobox', { name: 'Codes à appliquer au passage' }).fill(kept)
    await page
      .getByRole('listbox', { name: 'Codes à appliquer au passage' })
      .getByRole('option', { name: kept })
      .click()
    await page.getByRole('button', { name: 'Appliquer 1 code' }).click()
    await expect(refused).toHaveCount(0, { timeout: 20_000 })
    await expect(page.locator('.coded-passage')).toHaveCount(2)
    await expect(page.locator('.coded-passage.is-pending')).toHaveCount(0)
  } finally {
    await admin.dispose()
    await context.close()
  }
})

test('"garder hors ligne" on a page and its sub-pages keeps a sub-page never opened here, which then opens offline', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  const writer = await newSession(browser, baseURL)
  try {
    await signIn(amina.page, owner)
    const workspaceId = decodeURIComponent(new URL(amina.page.url()).pathname.split('/')[2] ?? '')
    const stamp = Date.now()
    const parentId = await createPage(amina.page, `Terrain de Fontaine ${stamp}`, 'Note')
    const created = await amina.page.request.post(`/api/workspaces/${workspaceId}/pages`, {
      headers: { origin: baseURL ?? '' },
      data: { title: `Entretien avec la directrice ${stamp}`, kind: 'note', parentId },
    })
    expect(created.status()).toBe(201)
    const childId = ((await created.json()) as { id: string }).id

    // Someone else writes the sub-page; Amina never opens it on this device.
    await signIn(writer.page, owner)
    await writer.page.goto(`/p/${childId}`)
    await expectSynced(writer.page)
    await editorOf(writer.page).click()
    await writer.page.keyboard.type('Texte de la sous-page.')
    await expectSynced(writer.page)

    await amina.page.getByLabel('Garder hors ligne').selectOption({ label: 'Cette page et ses sous-pages' })
    await shellKept(amina.page)
    await expect
      .poll(() => indexedDbContains(amina.page, 'Texte de la sous-page.'), { timeout: 20_000 })
      .toBe(true)
    await amina.page.goto('/offline')
    const kept = amina.page.getByTestId('kept-pages')
    await expect(kept.getByRole('listitem').filter({ hasText: 'Terrain de Fontaine' })).toContainText(
      'gardée hors ligne avec ses sous-pages',
    )
    await expect(
      kept.getByRole('listitem').filter({ hasText: 'Entretien avec la directrice' }),
    ).toContainText('sous-page d’une page gardée hors ligne')

    await amina.context.setOffline(true)
    await amina.page.goto(`/p/${childId}`)
    await expect(amina.page.getByRole('heading', { level: 1 })).toContainText('Entretien avec la directrice')
    await expect(editorOf(amina.page)).toContainText('Texte de la sous-page.')
  } finally {
    await closeAll(amina.context, writer.context)
  }
})
