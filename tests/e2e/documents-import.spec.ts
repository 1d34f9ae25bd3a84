/**
 * Importing documents from the wiki tree: two files (a Word document written with the `docx`
 * library and a Markdown note) dropped on « Fiches de cas » import as case sheets under it, with
 * their progress shown; both open in the editor; the dialog passes axe-core.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { richDocx } from '../support/import-fixtures.ts'
import { closeAll, editorOf, expectSynced, newSession, owner, signIn } from './support/people.ts'

test('two files dropped on « Fiches de cas » import as case sheets with progress, and open', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  const { page } = amina
  try {
    await signIn(page, owner)
    const stamp = Date.now()
    const files = [
      {
        name: `epicerie-${stamp}.docx`,
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        b64: Buffer.from(await richDocx()).toString('base64'),
      },
      {
        name: `jardin-${stamp}.md`,
        type: 'text/markdown',
        b64: Buffer.from(
          `# Jardin partagé ${stamp}\n\n## Gouvernance\n\nLes habitants décident **ensemble**.\n`,
        ).toString('base64'),
      },
    ]
    const cases = page.getByRole('treeitem', { name: /^Fiches de cas/ })
    const row = cases.locator('.tree-row').first()
    await expect(row).toBeVisible()

    // What a file manager's drag gives the page: a DataTransfer holding the files.
    const dataTransfer = await page.evaluateHandle((list) => {
      const transfer = new DataTransfer()
      for (const file of list) {
        const bytes = Uint8Array.from(atob(file.b64), (c) => c.charCodeAt(0))
        transfer.items.add(new File([bytes], file.name, { type: file.type }))
      }
      return transfer
    }, files)
    await row.dispatchEvent('dragenter', { dataTransfer })
    await row.dispatchEvent('dragover', { dataTransfer })
    await row.dispatchEvent('drop', { dataTransfer })

    const dialog = page.getByRole('dialog', { name: 'Importer des documents' })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByText(files[0]?.name ?? '', { exact: true })).toBeVisible()
    await expect(dialog.getByText(files[1]?.name ?? '', { exact: true })).toBeVisible()
    // Dropped on the section of case sheets: under it, as case sheets.
    await expect(dialog.getByLabel('Placer sous')).toHaveValue(
      (await cases.getAttribute('data-page-id')) ?? '',
    )
    await expect(dialog.getByRole('radio', { name: 'Fiche de cas' })).toBeChecked()
    const accessible = async () => {
      const { violations } = await new AxeBuilder({ page }).include('dialog').analyze()
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      )
    }
    await accessible()

    // The owner teaches the import another heading for « Gouvernance ».
    await dialog.getByText('Synonymes des sections et des propriétés').click()
    const governance = dialog.getByLabel('Autres titres pour «\u00a0Gouvernance\u00a0»')
    await expect(governance).toHaveValue(/Mode de gouvernance/)
    await governance.fill(`Mode de gouvernance\nPilotage ${stamp}`)
    await dialog.getByRole('button', { name: 'Enregistrer les synonymes' }).click()
    await expect(dialog.getByText('Synonymes enregistrés')).toBeVisible()
    await accessible()

    await dialog.getByRole('button', { name: 'Importer', exact: true }).click()
    const progress = dialog.getByRole('progressbar', { name: 'Progression de l’import' })
    await expect(progress).toBeVisible()
    await expect(dialog.getByRole('status')).toHaveText(
      'Import terminé\u00a0: 2 fichier(s) importé(s), 0 refusé(s).',
    )
    await expect(progress).toHaveAttribute('value', '2')
    await expect(dialog.getByText('Importé', { exact: true })).toHaveCount(2)
    await accessible()

    await dialog.getByRole('link', { name: `Jardin partagé ${stamp}` }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('heading', { level: 1, name: `Jardin partagé ${stamp}` })).toBeVisible()
    await expectSynced(page)
    await expect(editorOf(page)).toContainText('Les habitants décident ensemble.')
    // Under the template's « Gouvernance », found through the synonym.
    await expect(editorOf(page).locator('h2', { hasText: 'Gouvernance' })).toBeVisible()
    await expect(editorOf(page).locator('h2', { hasText: 'Pilotage' })).toHaveCount(0)
    await expect(editorOf(page).locator('strong', { hasText: 'ensemble' })).toBeVisible()

    // The tree holds both under « Fiches de cas », opened to show the current page.
    await expect(cases.getByRole('treeitem', { name: new RegExp(`^Jardin partagé ${stamp}`) })).toBeVisible()
    await cases
      .getByRole('treeitem', { name: /^Épicerie solidaire du Village/ })
      .first()
      .locator('.tree-label')
      .first()
      .click()
    await expect(page.getByRole('heading', { level: 1, name: 'Épicerie solidaire du Village' })).toBeVisible()
    await expectSynced(page)
    await expect(editorOf(page)).toContainText('Une épicerie très ouverte à tous 🎉, à Échirolles.')
    await expect(editorOf(page).locator('table tr')).toHaveCount(3)
    await expect(editorOf(page).locator('img[src^="/api/files/"]')).toHaveCount(1)
  } finally {
    await closeAll(amina.context)
  }
})
