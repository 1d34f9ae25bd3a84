/**
 * The typology's other views: after two codes are applied to one passage, the co-occurrence cell
 * of the pair reads 1 and opens the passage; the code's page (reached from the codebook) lists the
 * passage; the search and the tree filtered by the code find the case sheet; a .qdc codebook is
 * imported from the codebook page.
 */
import { randomUUID } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { closeAll, editorOf, expectSynced, newSession, owner, signIn } from './support/people.ts'
import { selectText } from './support/selection.ts'

test('co-occurrence cell, code page, search and tree by code, .qdc import', async ({ browser, baseURL }) => {
  const amina = await newSession(browser, baseURL)
  const { page } = amina
  try {
    await signIn(page, owner)
    const workspaceId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '')
    const ws = encodeURIComponent(workspaceId)
    const title = `Le Tiers-Lieu ${Date.now()}`
    const created = await page.request.post(`/api/workspaces/${ws}/pages`, {
      headers: { origin: baseURL ?? '' },
      data: { title, kind: 'case' },
    })
    expect(created.status()).toBe(201)
    const pageId = ((await created.json()) as { id: string }).id
    const codes = (
      (await (await page.request.get(`/api/workspaces/${ws}/codebook`)).json()) as {
        codes: { id: string; label: string }[]
      }
    ).codes
    const codeId = (label: string) => {
      const found = codes.find((c) => c.label === label)
      if (!found) throw new Error(`no code ${label}`)
      return found.id
    }
    const commun = codeId('Mise en commun')
    const cooperation = codeId('Coopération')

    // Two codes on one passage, from the bubble.
    await page.goto(`/p/${encodeURIComponent(pageId)}`)
    await expectSynced(page)
    const passage = 'les habitants mutualisent leurs outils avec la régie voisine'
    await editorOf(page).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(`Chaque samedi, ${passage}.`)
    await selectText(page, passage)
    await page.getByRole('button', { name: 'Coder', exact: true }).click()
    const search = page.getByRole('combobox', { name: 'Codes à appliquer au passage' })
    const choices = page.getByRole('listbox', { name: 'Codes à appliquer au passage' })
    await search.fill('mise en commun')
    await choices.getByRole('option', { name: 'Mise en commun' }).click()
    await search.fill('coopé')
    await choices.getByRole('option', { name: 'Coopération' }).click()
    await page.getByRole('button', { name: 'Appliquer 2 codes' }).click()
    await expect(page.locator('.coded-passage').first()).toContainText(passage)

    // Co-occurrence, same passage: the pair's cell reads 1, both ways, and opens the passage.
    await page.goto(`/w/${ws}/typology`)
    await page.getByRole('button', { name: 'Cooccurrences' }).click()
    await page.getByRole('radio', { name: 'le même passage' }).click()
    await expect(page.getByRole('radio', { name: 'le même passage' })).toBeChecked()
    await expect(page).toHaveURL(/view=cooccurrence&mode=passage/)
    const cell = page.getByTestId(`cooc-${commun}-${cooperation}`)
    await expect(cell).toHaveText('1')
    await expect(cell).toHaveAccessibleName('« Mise en commun » et « Coopération » : 1 passages en commun')
    await expect(page.getByTestId(`cooc-${cooperation}-${commun}`)).toHaveText('1')
    // The grid is one tab stop; arrow keys move between cells.
    await cell.focus()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowRight')
    await expect(cell).toBeFocused()
    // Moving along a row steps over the code's own (empty) cell.
    await page.getByTestId(`cooc-${commun}-${codeId('Empowerment')}`).focus()
    await page.keyboard.press('ArrowRight')
    await expect(page.getByTestId(`cooc-${commun}-${codeId('Adaptabilité')}`)).toBeFocused()
    await cell.focus()
    await page.keyboard.press('Enter')
    const meetings = page.getByRole('complementary', {
      name: 'Passages codés « Mise en commun » et « Coopération »',
    })
    await expect(meetings.getByRole('blockquote')).toHaveText(passage)
    await meetings.getByRole('link', { name: `Ouvrir « ${title} » à ce passage` }).click()
    await expect(page).toHaveURL(/\?passage=/)
    await expect(page.locator('.coded-passage.is-focused').first()).toHaveText(passage)

    // Same case: the pair counts here too.
    await page.goto(`/w/${ws}/typology?view=cooccurrence`)
    await expect(page.getByRole('radio', { name: 'le même cas' })).toBeChecked()
    await expect(page.getByTestId(`cooc-${commun}-${cooperation}`)).not.toHaveText('0')

    // The code's page from the codebook editor: label, and the passage with its case.
    await page.goto(`/w/${ws}/codebook`)
    await page.getByRole('button', { name: 'Mise en commun', exact: true }).click()
    await page.getByRole('link', { name: 'Tous les passages de ce code' }).click()
    await expect(page).toHaveURL(new RegExp(`/codes/${commun}$`))
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mise en commun')
    const onCase = page.getByRole('region', { name: title })
    await expect(onCase.getByRole('blockquote')).toHaveText(passage)
    await expect(onCase).toContainText(owner.name)

    // Search filtered by the code, no words needed: the case sheet is there.
    await page.getByRole('link', { name: 'Chercher dans les pages portant ce code' }).click()
    await expect(page).toHaveURL(new RegExp(`/search\\?code=${commun}`))
    await expect(page.getByRole('combobox', { name: 'Code', exact: true })).toHaveValue(commun)
    const results = page.getByRole('list', { name: 'Résultats de la recherche' })
    await expect(results.getByRole('link', { name: title })).toBeVisible()
    await expect(results).toContainText('1 passage codé')
    // Words narrow it; a word absent from the sheet empties it.
    await page.getByRole('searchbox').fill('régie')
    await expect(results.getByRole('link', { name: title })).toBeVisible()
    await page.getByRole('searchbox').fill('introuvablequelquepart')
    await expect(results.getByRole('link')).toHaveCount(0)

    // The tree filtered by the code marks the sheet and dims the others.
    await page.getByRole('combobox', { name: 'Filtrer l’arbre par code' }).selectOption(cooperation)
    await expect(page.locator(`.tree-item[data-page-id="${pageId}"] > .tree-row`)).toHaveAttribute(
      'data-code-match',
      'true',
    )
    await expect(page.locator('.tree-row[data-code-match="false"]').first()).toBeVisible()

    // Import a .qdc codebook from the codebook page.
    await page.goto(`/w/${ws}/codebook`)
    const label = `Entraide ${Date.now()}`
    const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test">
  <Codes>
    <Code guid="${randomUUID()}" name="${label}" isCodable="true" color="#2E7D32">
      <Description>Aide mutuelle entre voisins.</Description>
      <Code guid="${randomUUID()}" name="Troc de services" isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>`
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Importer un livre de codes (.qdc)' }).click()
    await (await chooser).setFiles({
      name: 'entraide.qdc',
      mimeType: 'application/xml',
      buffer: Buffer.from(qdc),
    })
    await expect(page.getByText('2 codes importés depuis « entraide.qdc ».')).toBeVisible()
    await expect(page.getByRole('button', { name: label, exact: true })).toBeVisible()
    // A broken file is refused with a clear message.
    const again = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Importer un livre de codes (.qdc)' }).click()
    await (await again).setFiles({
      name: 'vide.qdc',
      mimeType: 'application/xml',
      buffer: Buffer.from('<Projet/>'),
    })
    await expect(page.getByRole('alert')).toContainText(
      'n’est pas un livre de codes REFI-QDA lisible : aucun code n’a été importé.',
    )
  } finally {
    await closeAll(amina.context)
  }
})
