/**
 * A page's history in two browsers: name a version, compare it with the page (insertions and
 * deletions highlighted), restore one section, watched live by a second editor; then "who wrote
 * what" colours each person's paragraph in their own colour.
 */
import { expect, type Locator, type Page, test } from '@playwright/test'
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
  workspaceName,
} from './support/people.ts'

/**
 * Puts the caret at the end of a paragraph and checks it is there: a click's caret that the editor
 * has not read yet can swallow the End key (seen on a loaded machine), so click, End, look, retry.
 */
async function caretToEnd(page: Page, paragraph: Locator, endsWith: string): Promise<void> {
  await expect(async () => {
    await paragraph.click()
    await page.keyboard.press('End')
    const atEnd = await page.evaluate((tail) => {
      const selection = window.getSelection()
      const text = selection?.anchorNode?.textContent ?? ''
      return Boolean(selection?.isCollapsed && text.endsWith(tail) && selection.anchorOffset === text.length)
    }, endsWith)
    expect(atEnd).toBe(true)
  }).toPass({ timeout: 10_000 })
}

test('compare versions, restore a section live for another editor, and see who wrote what', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  const bruno = await newSession(browser, baseURL)
  const brunoPerson = newPerson('Bruno Lefort')
  try {
    await signIn(amina.page, owner)
    const link = await createInviteLink(amina.page, 'Éditeur·rice')
    await signUpThroughInvite(bruno.page, link, brunoPerson)
    await amina.page.getByRole('link', { name: workspaceName }).click()
    const title = `Synthèse en révision ${Date.now()}`
    const pageId = await createPage(amina.page, title, 'Synthèse')
    await expectSynced(amina.page)

    const editor = editorOf(amina.page)
    await editor.click()
    await amina.page.keyboard.type('## Gouvernance')
    await amina.page.keyboard.press('Enter')
    await amina.page.keyboard.type('Les décisions se prennent en assemblée ouverte.')
    await amina.page.keyboard.press('Enter')
    await amina.page.keyboard.type('## Besoins')
    await amina.page.keyboard.press('Enter')
    await amina.page.keyboard.type('Les besoins viennent des habitants.')
    await expect(editor.getByRole('heading', { name: 'Besoins' })).toBeVisible()

    // Name the state before the review.
    await amina.page.getByRole('button', { name: 'Historique' }).click()
    const dialog = amina.page.getByRole('dialog', { name: 'Historique de la page' })
    await dialog.getByLabel('Nommer l’état actuel').fill('Avant relecture')
    await dialog.getByRole('button', { name: 'Enregistrer la version' }).click()
    await expect(dialog.getByRole('status')).toContainText('Version « Avant relecture » enregistrée.')
    await dialog.getByRole('button', { name: 'Fermer l’historique' }).click()

    // The review: Amina rewrites the governance sentence, Bruno adds a need.
    await bruno.page.goto(`/p/${encodeURIComponent(pageId)}`)
    await expect(editorOf(bruno.page)).toContainText('Les besoins viennent des habitants.')
    await caretToEnd(
      amina.page,
      editor.getByText('Les décisions se prennent en assemblée ouverte.'),
      'ouverte.',
    )
    for (let i = 0; i < 'en assemblée ouverte.'.length; i++) await amina.page.keyboard.press('Backspace')
    await amina.page.keyboard.type('au bureau seulement.')
    await expect(editorOf(bruno.page)).toContainText('Les décisions se prennent au bureau seulement.')
    await caretToEnd(
      bruno.page,
      editorOf(bruno.page).getByText('Les besoins viennent des habitants.'),
      'habitants.',
    )
    await bruno.page.keyboard.press('Enter')
    await bruno.page.keyboard.type('Bruno : il faut aussi des liens de proximité.')
    await expect(editor).toContainText('Bruno : il faut aussi des liens de proximité.')
    await expect(editor).toContainText('Les besoins viennent des habitants.')

    // Compare the named version with the page as it is now.
    await amina.page.getByRole('button', { name: 'Historique' }).click()
    const fromSelect = dialog.getByLabel('Comparer la version')
    const named = await fromSelect.locator('option', { hasText: 'Avant relecture' }).getAttribute('value')
    await fromSelect.selectOption(named ?? '')
    await dialog.getByLabel('avec').selectOption({ label: 'la page actuelle' })
    await dialog.getByRole('button', { name: 'Comparer', exact: true }).last().click()
    const comparison = dialog.getByRole('region', { name: 'Comparaison' })
    await expect(comparison.locator('del')).toContainText(['en assemblée ouverte.'])
    await expect(comparison.locator('ins').filter({ hasText: 'au bureau seulement.' })).toBeVisible()
    await expect(comparison.locator('ins').filter({ hasText: 'liens de proximité' })).toHaveAttribute(
      'title',
      `ajouté par ${brunoPerson.name}`,
    )
    await expect(comparison.getByRole('navigation', { name: 'Sections modifiées' })).toContainText(
      'Gouvernance',
    )

    await dialog.screenshot({ path: 'test-results/history-comparison.png' })

    // Restore the governance section only: Bruno sees it come back live; his own need stays.
    const governanceBlock = comparison
      .locator('.comparison-block')
      .filter({ has: amina.page.getByRole('heading', { name: 'Gouvernance' }) })
    await governanceBlock.getByRole('button', { name: 'Restaurer cette section' }).click()
    await expect(dialog.getByRole('status')).toContainText('Section restaurée.')
    await expect(editorOf(bruno.page)).toContainText('Les décisions se prennent en assemblée ouverte.')
    await expect(editorOf(bruno.page)).not.toContainText('au bureau seulement')
    await expect(editorOf(bruno.page)).toContainText('Bruno : il faut aussi des liens de proximité.')
    await expect(dialog.getByRole('list', { name: 'Historique de la page' })).toContainText(
      'Avant restauration',
    )
    await dialog.getByRole('button', { name: 'Fermer l’historique' }).click()

    // Who wrote what: Amina's and Bruno's paragraphs in two colours, named in the legend.
    await amina.page.getByRole('button', { name: 'Qui a écrit quoi' }).click()
    await expect(amina.page.getByRole('button', { name: 'Qui a écrit quoi' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    const legend = amina.page.getByRole('list', { name: 'Auteurs du texte' })
    await expect(legend).toContainText(owner.name)
    await expect(legend).toContainText(brunoPerson.name)
    const brunoText = editor.locator('.authored', { hasText: 'il faut aussi des liens' })
    const aminaText = editor.locator('.authored', { hasText: 'Les besoins viennent' })
    await expect(brunoText).toHaveAttribute('title', new RegExp(`^Écrit par ${brunoPerson.name}`))
    await expect(aminaText).toHaveAttribute('title', new RegExp(`^Écrit par ${owner.name}`))
    await expect(editor.locator('.authored', { hasText: 'en assemblée ouverte' })).toHaveAttribute(
      'title',
      new RegExp(`^Restauré par ${owner.name} depuis la version du `),
    )
    const colourOf = (locator: typeof brunoText) =>
      locator.first().evaluate((el) => getComputedStyle(el).getPropertyValue('--author').trim())
    expect(await colourOf(brunoText)).not.toBe(await colourOf(aminaText))
    await amina.page.screenshot({ path: 'test-results/history-who-wrote.png' })
    await amina.page.setViewportSize({ width: 390, height: 844 })
    await amina.page.getByRole('button', { name: 'Historique' }).click()
    await expect(dialog.getByRole('list', { name: 'Historique de la page' })).toBeVisible()
    await amina.page.screenshot({ path: 'test-results/history-phone.png' })
  } finally {
    await closeAll(amina.context, bruno.context)
  }
})
