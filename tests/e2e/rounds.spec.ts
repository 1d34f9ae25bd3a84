/**
 * The coding rounds issue's browser criterion: the owner opens a blind round; two coders code the
 * same page in separate browsers without seeing each other's codes; the owner reveals; the heat
 * map and the disagreement list show; the owner settles one; the matrix counts the agreed coding.
 */
import { expect, type Page, test } from '@playwright/test'
import {
  closeAll,
  editorOf,
  expectSynced,
  newPerson,
  newSession,
  owner,
  signIn,
  signUpThroughInvite,
} from './support/people.ts'
import { selectText } from './support/selection.ts'

async function codeWith(page: Page, text: string, code: string) {
  // The editor has the focus, as after a reader's click, then the passage is selected.
  await editorOf(page).click()
  await selectText(page, text)
  await page.getByRole('button', { name: 'Coder', exact: true }).click()
  await page.getByRole('combobox', { name: 'Codes à appliquer au passage' }).fill(code.slice(0, 5))
  await page
    .getByRole('listbox', { name: 'Codes à appliquer au passage' })
    .getByRole('option', { name: code })
    .click()
  await page.getByRole('button', { name: 'Appliquer 1 code' }).click()
}

test('a blind round: coders code apart, the owner reveals, settles, and the matrix uses the agreed coding', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  const yann = await newSession(browser, baseURL)
  const zoe = await newSession(browser, baseURL)
  const yannPerson = newPerson('Yann Le Gall')
  const zoePerson = newPerson('Zoé Martin')
  const origin = { origin: baseURL ?? '' }
  try {
    await signIn(amina.page, owner)
    const workspaceId = decodeURIComponent(new URL(amina.page.url()).pathname.split('/')[2] ?? '')
    const ws = encodeURIComponent(workspaceId)
    const api = amina.page.request
    const title = `Le Fournil ${Date.now()}`
    const created = await api.post(`/api/workspaces/${ws}/pages`, {
      headers: origin,
      data: { title, kind: 'case' },
    })
    const pageId = ((await created.json()) as { id: string }).id
    for (const [session, person] of [
      [yann, yannPerson],
      [zoe, zoePerson],
    ] as const) {
      const invite = await api.post(`/api/workspaces/${ws}/invites`, {
        headers: origin,
        data: { role: 'editor', expiresInDays: 7 },
      })
      await signUpThroughInvite(session.page, ((await invite.json()) as { path: string }).path, person)
    }

    // The owner writes the text to code.
    await amina.page.goto(`/p/${encodeURIComponent(pageId)}`)
    await expectSynced(amina.page)
    const sentence = 'les habitants décident ensemble du prix du pain chaque semaine'
    await editorOf(amina.page).click()
    await amina.page.keyboard.press('Control+End')
    await amina.page.keyboard.type(`Au fournil, ${sentence}.`)
    await expect(editorOf(amina.page)).toContainText(sentence)

    // The owner opens the round from the form.
    await amina.page.goto(`/w/${ws}/rounds`)
    await amina.page.getByLabel('Nom de la manche').fill('Double codage du Fournil')
    await amina.page.getByRole('checkbox', { name: new RegExp(title) }).check()
    // Two members may share a name: the form tells them apart by their address.
    await amina.page.getByRole('checkbox', { name: yannPerson.email }).check()
    await amina.page.getByRole('checkbox', { name: zoePerson.email }).check()
    await expect(amina.page.getByRole('checkbox', { name: /l’aveugle/ })).toBeChecked()
    await amina.page.setViewportSize({ width: 1440, height: 900 })
    await amina.page.screenshot({ path: 'test-results/rounds-form-desktop.png', fullPage: true })
    await amina.page.getByRole('button', { name: 'Ouvrir la manche' }).click()
    await expect(
      amina.page.getByRole('heading', { level: 1, name: 'Double codage du Fournil' }),
    ).toBeVisible()
    const roundUrl = amina.page.url()

    // Each coder codes the same page in their own browser, told that it is blind.
    const yannPart = 'les habitants décident ensemble'
    const zoePart = 'décident ensemble du prix du pain'
    for (const [session, part] of [
      [yann, yannPart],
      [zoe, zoePart],
    ] as const) {
      await session.page.goto(`/p/${encodeURIComponent(pageId)}`)
      await expectSynced(session.page)
      await expect(session.page.getByTestId('round-banner')).toBeVisible()
      await expect(editorOf(session.page)).toContainText(sentence)
      await codeWith(session.page, part, 'Empowerment')
      await expect(session.page.locator('.coded-passage')).toHaveText(part)
      await session.page.screenshot({ path: `test-results/rounds-coder-${part.length}.png` })
      // Both stay on the page: the other's caret and selection are not shown either.
    }
    // Neither sees the other's coding, even after loading the page again.
    for (const [session, own] of [
      [yann, yannPart],
      [zoe, zoePart],
    ] as const) {
      await session.page.goto(`/p/${encodeURIComponent(pageId)}`)
      await expectSynced(session.page)
      await expect(session.page.locator('.coded-passage')).toHaveText(own)
      await session.page.goto(roundUrl)
    }
    // A coder sees only their own progress.
    await yann.page.goto(roundUrl)
    await expect(yann.page.getByTestId('round-progress')).toContainText(/Yann Le Gall\s:\s1 passage codé/)
    await expect(yann.page.getByTestId('round-progress')).not.toContainText('Zoé')

    // The owner reveals.
    amina.page.once('dialog', (dialog) => void dialog.accept())
    await amina.page.getByRole('button', { name: 'Lever l’aveugle' }).click()
    await expect(amina.page.getByText('Levée', { exact: true })).toBeVisible()
    const heatmap = amina.page.getByTestId('agreement-heatmap')
    await expect(heatmap).toContainText('Empowerment')
    await expect(heatmap).toContainText('Yann Le Gall · Zoé Martin')
    const disagreements = amina.page.getByTestId('disagreements')
    await expect(disagreements).toContainText(title)
    await expect(disagreements).toContainText('Yann Le Gall')
    await expect(disagreements).toContainText('Zoé Martin')
    await amina.page.screenshot({ path: 'test-results/rounds-revealed-desktop.png', fullPage: true })

    // Both coders' codings count until it is settled.
    const typology = await amina.context.newPage()
    await typology.goto(`/w/${ws}/typology`)
    const empowerment = (
      (await (await api.get(`/api/workspaces/${ws}/codebook`)).json()) as {
        codes: { id: string; label: string }[]
      }
    ).codes.find((c) => c.label === 'Empowerment')
    const cell = typology.getByTestId(`cell-${pageId}-${empowerment?.id}`)
    await expect(cell).toHaveText('2')

    // The owner keeps Zoé's version: the matrix counts the agreed coding only.
    await disagreements.getByRole('button', { name: 'Retenir Zoé Martin' }).click()
    await expect(disagreements).toContainText('Tranché par')
    await expect(cell).toHaveText('1')
    // Everyone now sees both coders' work, and the page shows the agreed coding.
    await yann.page.goto(`/p/${encodeURIComponent(pageId)}`)
    await expectSynced(yann.page)
    await expect(yann.page.locator('.coded-passage')).toHaveText(zoePart)

    await amina.page.setViewportSize({ width: 390, height: 844 })
    await amina.page.screenshot({ path: 'test-results/rounds-revealed-phone.png', fullPage: true })
  } finally {
    await closeAll(amina.context, yann.context, zoe.context)
  }
})
