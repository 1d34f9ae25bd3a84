/**
 * People and steps shared by the browser tests. The e2e server creates the owner account at start
 * from TISSERAND_ADMIN_* (see playwright.config.ts); everyone else joins through invitation links.
 */
import { randomBytes } from 'node:crypto'
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test'

export interface Person {
  name: string
  email: string
  password: string
}

/** Must match TISSERAND_ADMIN_* in playwright.config.ts. */
export const owner: Person = {
  name: 'Amina Diallo',
  email: 'amina.diallo@irg.example',
  password: 'tisserand-e2e-owner',
}

export const workspaceName = 'Étude IRG — innovations solidaires'

/** A new person with a unique email, so that tests do not depend on each other's accounts. */
export function newPerson(name: string): Person {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
  return {
    name,
    email: `${slug}.${randomBytes(4).toString('hex')}@irg.example`,
    password: 'mot-de-passe-e2e',
  }
}

export async function newSession(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  return { context, page }
}

export async function signIn(page: Page, person: Person): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Adresse e-mail').fill(person.email)
  await page.getByLabel('Mot de passe').fill(person.password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page).toHaveURL(/\/w\/[^/]+$/)
}

/** From the workspace home: creates a page through the form and returns its id (it opens). */
export async function createPage(page: Page, title: string, kind = 'Fiche de cas'): Promise<string> {
  await page.getByLabel('Titre', { exact: true }).fill(title)
  await page.getByLabel('Type de page').selectOption({ label: kind })
  await page.getByRole('button', { name: 'Créer la page' }).click()
  await expect(page).toHaveURL(/\/p\/[^/]+$/)
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
}

/** From the workspace home: an invitation link made on the members page, as an owner does it. */
export async function createInviteLink(page: Page, roleLabel: string): Promise<string> {
  await page.getByRole('link', { name: 'Membres' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Membres' })).toBeVisible()
  await page.getByLabel('Rôle', { exact: true }).selectOption({ label: roleLabel })
  await page.getByRole('button', { name: 'Créer un lien d’invitation' }).click()
  const link = page.getByLabel('Lien d’invitation')
  await expect(link).toHaveValue(/\/invite\/inv_/)
  return link.inputValue()
}

/** A newcomer opens the link, creates their account, and lands in the workspace. */
export async function signUpThroughInvite(page: Page, link: string, person: Person): Promise<void> {
  await page.goto(link)
  await expect(page.getByRole('heading', { level: 1, name: 'Invitation' })).toBeVisible()
  await page.getByLabel('Nom', { exact: true }).fill(person.name)
  await page.getByLabel('Adresse e-mail').fill(person.email)
  await page.getByLabel('Mot de passe').fill(person.password)
  await page.getByRole('button', { name: 'Créer mon compte et rejoindre' }).click()
  await expect(page).toHaveURL(/\/w\/[^/]+$/)
  await expect(page.getByRole('heading', { level: 1, name: workspaceName })).toBeVisible()
}

export function editorOf(page: Page) {
  return page.getByRole('textbox', { name: 'Contenu de la page' })
}

export function syncStatus(page: Page) {
  return page.locator('[data-sync-state]')
}

export async function expectSynced(page: Page, label = 'Synchronisé') {
  await expect(syncStatus(page)).toHaveAttribute('data-sync-state', 'synced')
  await expect(syncStatus(page)).toContainText(label)
}

export async function closeAll(...contexts: BrowserContext[]) {
  for (const context of contexts) await context.close()
}

/** Signs out as a person does: the account menu (opened if it is closed), then "Se déconnecter". */
export async function clickSignOut(page: Page): Promise<void> {
  const menu = page.getByRole('button', { name: /Connecté·e en tant que/ })
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click()
  await page.getByRole('button', { name: 'Se déconnecter' }).click()
}
