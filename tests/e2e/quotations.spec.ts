/**
 * The quotations issue's browser criteria: a coded passage quoted from its card into a synthesis
 * follows an edit made in a second browser, live, and opens its source at the passage; an
 * evidence table lists the passages of three case sheets and a fourth coding appears within 5 s;
 * a memo on a code is created from the code page, listed there and found by search.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import * as Y from 'yjs'
import { connectClient } from '../support/clients.ts'
import { closeClients, codedCase, codeIdOf, newPage, studyApi } from './support/coded-cases.ts'
import { closeAll, editorOf, expectSynced, newSession, owner, signIn } from './support/people.ts'

const enc = encodeURIComponent
/** axe-core on what this feature draws (the rest of the page has its own tests). */
async function expectAccessible(page: Page, ...selectors: string[]) {
  let builder = new AxeBuilder({ page })
  for (const selector of selectors) builder = builder.include(selector)
  const { violations } = await builder.analyze()
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

const workspaceOf = (url: string) => decodeURIComponent(new URL(url).pathname.split('/')[2] ?? '')

test('“Citer dans…” from a passage card: the quotation follows a second browser’s edit and opens the source', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  const yann = await newSession(browser, baseURL)
  await signIn(amina.page, owner)
  await signIn(yann.page, owner)
  const study = await studyApi(amina.page.request, baseURL ?? '', workspaceOf(amina.page.url()))
  try {
    const stamp = Date.now()
    const caseTitle = `Épicerie du Village ${stamp}`
    const synthesisTitle = `Synthèse gouvernance ${stamp}`
    const passage = 'les bénévoles choisissent les produits'
    const empowerment = await codeIdOf(study, 'Empowerment')
    const source = await codedCase(
      study,
      caseTitle,
      `Chaque mois, ${passage} avec les clients.`,
      passage,
      empowerment,
    )
    const synthesisId = await newPage(study, synthesisTitle, 'synthesis')

    // From the passage's card, quote it in the synthesis.
    await amina.page.goto(`/p/${enc(source.pageId)}`)
    await expectSynced(amina.page)
    await amina.page.locator('.coded-passage').hover()
    const card = amina.page.getByTestId('passage-card')
    await card.getByRole('button', { name: 'Citer ce passage dans une autre page' }).click()
    const dialog = amina.page.getByRole('dialog', { name: 'Citer ce passage dans…' })
    await dialog.getByLabel('Filtrer les pages').fill('synthese gouvernance')
    await dialog.getByRole('button', { name: new RegExp(synthesisTitle) }).click()
    await expect(amina.page.getByRole('heading', { level: 1, name: synthesisTitle })).toBeVisible()
    const quotation = amina.page.getByTestId('quotation')
    await expect(quotation).toHaveAttribute('data-status', 'live')
    await expect(quotation.locator('blockquote')).toHaveText(passage)
    await expect(quotation).toContainText(`— ${caseTitle}`)
    await expect(quotation).toContainText('Empowerment')

    // A second browser edits the passage in the case sheet.
    await yann.page.goto(`/p/${enc(source.pageId)}`)
    await expectSynced(yann.page)
    await yann.page.locator('.coded-passage').click()
    await yann.page.keyboard.press('End')
    await expect(editorOf(yann.page)).toBeFocused()
    const passageEl = yann.page.locator('.coded-passage')
    const box = await passageEl.boundingBox()
    if (!box) throw new Error('no passage box')
    // The caret just before the passage's last word ("produits"), inside the passage.
    await passageEl.click({ position: { x: box.width - 2, y: box.height / 2 } })
    await yann.page.keyboard.press('Control+ArrowLeft')
    await yann.page.keyboard.type('meilleurs ')
    await expect(passageEl).toContainText('meilleurs')

    // The synthesis follows, live, and says it changed; the quoted wording on demand.
    await expect(quotation.locator('blockquote').first()).toHaveText(
      /les bénévoles choisissent les meilleurs produits/,
      {
        timeout: 10_000,
      },
    )
    await expect(quotation).toHaveAttribute('data-status', 'changed')
    await quotation.getByRole('button', { name: 'Voir la formulation citée' }).click()
    await expect(quotation.locator('.quotation-previous')).toHaveText(passage)
    await expectAccessible(
      amina.page,
      '[data-testid="quotation"]',
      '.insert-bar',
      '[data-testid="memo-panel"]',
    )

    // The card now says where the passage is quoted.
    await yann.page.locator('.coded-passage').hover()
    await expect(yann.page.getByTestId('passage-cited-in')).toContainText(`Cité dans « ${synthesisTitle} »`)

    // A quotation naming no passage of this workspace, written by a script, is an error block.
    const script = connectClient(`${(baseURL ?? '').replace(/^http/, 'ws')}/collab`, synthesisId, {
      token: study.token,
    })
    study.clients.push(script)
    await script.synced
    const stray = new Y.XmlElement('quotation')
    stray.setAttribute('codingId', 'no-such-coding')
    script.body.insert(script.body.length, [stray])
    const error = amina.page.locator('[data-testid="quotation"][data-status="error"]')
    await expect(error).toHaveText('Citation introuvable : elle ne désigne aucun passage codé de cet espace.')

    // The source's title opens the case sheet at the passage.
    await quotation.getByRole('link', { name: `— ${caseTitle}` }).click()
    await expect(amina.page).toHaveURL(new RegExp(`/p/${source.pageId}\\?passage=${source.codingId}`))
    await expect(amina.page.locator('.coded-passage.is-focused').first()).toContainText('meilleurs')
    await expect(amina.page.locator('.coded-passage.is-focused').first()).toBeInViewport()
  } finally {
    closeClients(study)
    await closeAll(amina.context, yann.context)
  }
})

test('an evidence table lists the passages of three case sheets, and a fourth coding appears live', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  await signIn(amina.page, owner)
  const study = await studyApi(amina.page.request, baseURL ?? '', workspaceOf(amina.page.url()))
  try {
    const stamp = Date.now()
    const code = await codeIdOf(study, 'Déploiement géographique')
    const cases = [
      [`Recyclerie A ${stamp}`, 'Elle ouvre un second atelier à Voiron.', 'un second atelier à Voiron'],
      [`Recyclerie B ${stamp}`, 'Le réseau s’étend à la Matheysine.', 's’étend à la Matheysine'],
      [`Recyclerie C ${stamp}`, 'Trois antennes couvrent le Trièves.', 'couvrent le Trièves'],
    ] as const
    for (const [title, paragraph, quote] of cases) await codedCase(study, title, paragraph, quote, code)
    const synthesisId = await newPage(study, `Synthèse déploiement ${stamp}`, 'synthesis')

    await amina.page.goto(`/p/${enc(synthesisId)}`)
    await expectSynced(amina.page)
    await amina.page.getByRole('button', { name: 'Tableau de preuves' }).click()
    const dialog = amina.page.getByRole('dialog', { name: 'Insérer un tableau de preuves' })
    await dialog.getByLabel('Code').selectOption({ label: 'Déploiement géographique' })
    await dialog.getByRole('button', { name: 'Insérer' }).click()
    const table = amina.page.getByTestId('evidence-table')
    await expect(table).toContainText('Tableau de preuves : Déploiement géographique')
    const rows = table.getByTestId('evidence-row')
    await expect(rows).toHaveCount(3)
    for (const [title, , quote] of cases) {
      await expect(table.getByRole('row', { name: new RegExp(quote) })).toContainText(title)
    }
    await expect(rows.first()).toContainText(owner.name)

    // A fourth case sheet is coded by a script: the open table shows it within 5 s.
    const fourth = `Recyclerie D ${stamp}`
    await codedCase(study, fourth, 'Une boutique mobile sillonne le Vercors.', 'sillonne le Vercors', code)
    await expect(rows).toHaveCount(4, { timeout: 5_000 })
    await expect(table).toContainText(fourth)
    await expectAccessible(amina.page, '[data-testid="evidence-table"]')

    // One click turns it into static quotations.
    await table.getByRole('button', { name: 'Convertir en citations' }).click()
    await expect(amina.page.getByTestId('quotation')).toHaveCount(4)
    await expect(amina.page.getByTestId('evidence-table')).toHaveCount(0)
    await expect(amina.page.getByTestId('quotation').last()).toHaveAttribute('data-status', 'live')

    // `/citer` typed in an empty paragraph searches the passages by words; a pick is quoted there.
    await editorOf(amina.page).click()
    await amina.page.keyboard.press('Control+End')
    await amina.page.keyboard.press('Enter')
    await amina.page.keyboard.type('/citer')
    const cite = amina.page.getByRole('dialog', { name: 'Citer un passage codé' })
    await cite.getByLabel('Rechercher dans les passages codés').fill('trieves')
    await cite.getByRole('button', { name: /couvrent le Trièves/ }).click()
    await expect(cite).toHaveCount(0)
    await expect(amina.page.getByTestId('quotation')).toHaveCount(5)
    await expect(editorOf(amina.page)).not.toContainText('/citer')
  } finally {
    closeClients(study)
    await closeAll(amina.context)
  }
})

test('a memo on a code is created from the code page, listed there and found by search', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  await signIn(amina.page, owner)
  const workspaceId = workspaceOf(amina.page.url())
  const study = await studyApi(amina.page.request, baseURL ?? '', workspaceId)
  try {
    const codeId = await codeIdOf(study, 'Mise en commun')
    const title = `Mémo mise en commun ${Date.now()}`
    await amina.page.goto(`/w/${enc(workspaceId)}/codes/${enc(codeId)}`)
    const panel = amina.page.getByTestId('memo-panel')
    await panel.getByRole('button', { name: 'Nouveau mémo' }).click()
    await panel.getByLabel('Titre du mémo').fill(title)
    await panel.getByRole('button', { name: 'Créer et ouvrir' }).click()
    await expect(amina.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expect(amina.page.getByTestId('memo-subject')).toHaveText('Mémo sur le code Mise en commun')
    await expectSynced(amina.page)
    await editorOf(amina.page).click()
    await amina.page.keyboard.type('Hypothèse : la mutualisation des locaux précède celle des savoirs.')

    await amina.page.getByTestId('memo-subject').getByRole('link', { name: 'Mise en commun' }).click()
    await expect(amina.page.getByTestId('memo-panel').getByRole('link', { name: title })).toBeVisible()
    await expectAccessible(amina.page, '[data-testid="memo-panel"]', '[data-testid="cited-in"]')

    // Searchable once the server has derived the edit (a second or two after typing pauses).
    await expect
      .poll(async () => {
        const res = await amina.page.request.get(`/api/workspaces/${enc(workspaceId)}/search?q=mutualisation`)
        return JSON.stringify(await res.json())
      })
      .toContain(title)
    await amina.page.goto(`/w/${enc(workspaceId)}/search?q=mutualisation`)
    await expect(amina.page.getByRole('link', { name: title })).toBeVisible()
  } finally {
    closeClients(study)
    await closeAll(amina.context)
  }
})
