/**
 * Offline work (issue 19), in real Chromium with the network cut by `context.setOffline`: what is
 * typed is kept on the device through reloads, closed contexts and sign-ins, reaches the server
 * when the network is back and merges with what others wrote meanwhile.
 */
import { expect, test } from '@playwright/test'
import { goOffline, shellKept } from './support/offline.ts'
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
