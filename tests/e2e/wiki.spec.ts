/**
 * The wiki in the browser, through the real server: a case sheet from the template, a link to it
 * from a synthesis typed with [[, finding it with the search box, coming back through its
 * backlinks, and moving pages in the tree with the keyboard and by dragging.
 */
import { expect, type Page, test } from '@playwright/test'
import { closeAll, editorOf, expectSynced, newSession, owner, signIn } from './support/people.ts'

function pageIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
}

/** Through the sidebar's "Nouvelle page" dialog, at the root; the new page opens. */
async function createFromSidebar(page: Page, title: string, kind: string): Promise<string> {
  await page.getByRole('button', { name: 'Nouvelle page' }).click()
  const dialog = page.getByRole('dialog', { name: 'Nouvelle page' })
  await dialog.getByLabel('Titre', { exact: true }).fill(title)
  await dialog.getByLabel('Type de page').selectOption({ label: kind })
  const place = dialog.getByLabel('Emplacement')
  if (await place.count()) await place.selectOption({ label: 'À la racine de l’espace' })
  await dialog.getByRole('button', { name: 'Créer la page' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page).toHaveURL(/\/p\/[^/]+$/)
  return pageIdOf(page)
}

function treeItem(page: Page, pageId: string) {
  return page.locator(`[role="treeitem"][data-page-id="${pageId}"]`)
}

test('a case sheet from the template, linked from a synthesis with [[, found by search, reached from its backlinks', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  const { page } = amina
  try {
    await signIn(page, owner)
    const stamp = Date.now().toString(36)
    const caseTitle = `Épicerie du Bocal ${stamp}`
    const synthesisTitle = `Synthèse des cas ${stamp}`

    // A case sheet starts with the template's sections, once.
    const caseId = await createFromSidebar(page, caseTitle, 'Fiche de cas')
    await expectSynced(page)
    const editor = editorOf(page)
    for (const section of [
      'Présentation de l’initiative',
      'Acteurs et territoire',
      'Gouvernance',
      'Sources et contacts',
    ])
      await expect(editor.getByRole('heading', { level: 2, name: section.replace('’', "'") })).toHaveCount(1)
    await expect(treeItem(page, caseId)).toHaveAttribute('aria-selected', 'true')

    // Fill the governance section.
    const governance = editor.getByRole('heading', { level: 2, name: 'Gouvernance', exact: true })
    await governance.locator('xpath=following-sibling::p[1]').click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Les bénéficiaires siègent au conseil : une gouvernance partagée.')
    await expect(editor).toContainText('Les bénéficiaires siègent au conseil')

    // Case attributes, saved on leaving the field.
    await page.getByLabel('Territoire').fill('Grenoble, Villeneuve')
    await page.getByLabel('Origine des besoins').selectOption({ label: 'Les deux' })
    await expect(page.getByLabel('Territoire')).toHaveValue('Grenoble, Villeneuve')

    // The synthesis links the case sheet through the [[ picker.
    const synthesisId = await createFromSidebar(page, synthesisTitle, 'Synthèse')
    await expectSynced(page)
    await editor.click()
    await page.keyboard.type('Voir le cas [[Bocal ')
    const picker = page.getByRole('listbox', { name: /Lier une page/ })
    await expect(picker.getByRole('option', { name: new RegExp(caseTitle) })).toBeVisible()
    await expect(picker.getByRole('option').first()).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('Enter')
    await expect(picker).toHaveCount(0)
    const link = editor.locator(`a[data-page-link][data-page-id="${caseId}"]`)
    await expect(link).toHaveText(caseTitle)
    await page.keyboard.type('pour la gouvernance.')

    // The search box finds the case sheet by a word of its body, accents folded.
    const search = page.getByRole('combobox', { name: 'Rechercher dans l’espace' })
    const option = page.getByRole('option', { name: new RegExp(caseTitle) })
    await expect(async () => {
      await search.fill('')
      await search.fill('beneficiaires siegent')
      await expect(option).toBeVisible({ timeout: 2000 })
    }).toPass({ timeout: 20_000 })
    await expect(option.locator('mark').first()).toBeVisible()
    await search.press('ArrowDown')
    await search.press('Enter')
    await expect(page).toHaveURL(new RegExp(`/p/${caseId}$`))

    // Its backlinks panel leads back to the synthesis.
    const backlinks = page.getByRole('region', { name: 'Pages qui mènent ici' })
    await backlinks.getByRole('link', { name: synthesisTitle }).click({ timeout: 20_000 })
    await expect(page).toHaveURL(new RegExp(`/p/${synthesisId}$`))
    await expect(page.getByRole('heading', { level: 1, name: synthesisTitle })).toBeVisible()

    // Tree moves by keyboard: the synthesis goes into the case sheet above it, then back out.
    const synthesisItem = treeItem(page, synthesisId)
    await expect(synthesisItem).toHaveAttribute('aria-level', '1')
    await synthesisItem.focus()
    await page.keyboard.press('Alt+Shift+ArrowRight')
    await expect(treeItem(page, caseId).locator(`[data-page-id="${synthesisId}"]`)).toHaveAttribute(
      'aria-level',
      '2',
    )
    await expect(treeItem(page, synthesisId)).toBeFocused()
    const parentOf = async (id: string) => {
      const response = await page.request.get(`/api/pages/${id}`)
      return ((await response.json()) as { parentId: string | null }).parentId
    }
    expect(await parentOf(synthesisId)).toBe(caseId)
    await page.keyboard.press('Alt+Shift+ArrowLeft')
    await expect(treeItem(page, synthesisId)).toHaveAttribute('aria-level', '1')
    expect(await parentOf(synthesisId)).toBeNull()

    // And by dragging it onto the case sheet's row.
    await treeItem(page, synthesisId)
      .locator('.tree-row')
      .first()
      .dragTo(treeItem(page, caseId).locator('.tree-row').first())
    await expect(treeItem(page, caseId).locator(`[data-page-id="${synthesisId}"]`)).toHaveAttribute(
      'aria-level',
      '2',
    )
    await expect.poll(() => parentOf(synthesisId)).toBe(caseId)
  } finally {
    await closeAll(amina.context)
  }
})
