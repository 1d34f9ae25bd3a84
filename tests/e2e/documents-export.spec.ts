/**
 * Exports from the UI: a page to PDF from its header's "Exporter" dialog, and the study dossier to
 * Word from the workspace home; both arrive as browser downloads and hold what they should. The
 * dialog and the dossier card pass axe-core's serious and critical checks.
 */
import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'
import { closeAll, createPage, editorOf, expectSynced, newSession, owner, signIn } from './support/people.ts'

async function expectAccessible(page: Page, include: string) {
  const results = await new AxeBuilder({ page }).include(include).analyze()
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(blocking.map((v) => `${v.id}: ${v.help}`)).toEqual([])
}

test('a page exports to PDF and the dossier to Word, as downloads', async ({ browser, baseURL }) => {
  const { context, page } = await newSession(browser, baseURL)
  try {
    await signIn(page, owner)
    const title = `Fiche exportée ${Date.now()}`
    await createPage(page, title)
    await expectSynced(page)
    const editor = editorOf(page)
    await editor.click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('Les habitants réparent ensemble, « avec soin ».')
    await expectSynced(page)

    // The page: PDF, with its comments as footnotes.
    await page.getByRole('button', { name: 'Exporter', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Exporter la page' })
    await expect(dialog).toBeVisible()
    await expectAccessible(page, '.export-dialog')
    await dialog.getByLabel('PDF').check()
    await dialog.getByLabel('Commentaires en notes de bas de page').check()
    const pdfDownload = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Télécharger' }).click()
    const pdf = await pdfDownload
    expect(pdf.suggestedFilename()).toBe(`${title}.pdf`)
    const pdfBytes = readFileSync((await pdf.path()) as string)
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-')
    await expect(dialog.getByTestId('export-status')).toContainText(`${title}.pdf`)
    await dialog.getByRole('button', { name: 'Fermer' }).click()

    // The dossier: Word, from the workspace home.
    await page.getByRole('navigation', { name: 'Fil d’Ariane' }).getByRole('link').first().click()
    const card = page.locator('.dossier-export')
    await expect(card.getByRole('heading', { name: 'Publier le dossier d’étude' })).toBeVisible()
    await expectAccessible(page, '.dossier-export')
    await card.getByLabel('Format').selectOption({ label: 'Word (.docx)' })
    await card.getByLabel('Discussions ouvertes en annexe').check()
    const docxDownload = page.waitForEvent('download')
    await card.getByRole('button', { name: 'Exporter le dossier' }).click()
    const docx = await docxDownload
    expect(docx.suggestedFilename()).toMatch(/\.docx$/)
    const files = unzipSync(readFileSync((await docx.path()) as string))
    const xml = strFromU8(files['word/document.xml'] as Uint8Array)
    expect(xml).toContain(title)
    expect(xml).toContain('Index des codes')
    expect(Object.keys(files).some((f) => f.startsWith('word/media/'))).toBe(true)
  } finally {
    await closeAll(context)
  }
})
