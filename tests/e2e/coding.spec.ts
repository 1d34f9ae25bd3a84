/**
 * The typology issue's browser criterion: the owner codes a passage of a case sheet; an editor in
 * a separate browser context sees it coloured live; the matrix cell and the diagram count go up;
 * clicking the cell opens the excerpt, and the excerpt opens the page at the passage.
 */
import { expect, test } from '@playwright/test'
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

test('a coded passage shows live to another editor, counts in the matrix and diagram, and opens from its cell', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  const yann = await newSession(browser, baseURL)
  const editor = newPerson('Yann Le Gall')
  const origin = { origin: baseURL ?? '' }
  try {
    await signIn(amina.page, owner)
    const workspaceId = decodeURIComponent(new URL(amina.page.url()).pathname.split('/')[2] ?? '')
    const api = amina.page.request

    // Set up through the API: a case sheet, an editor's invitation, the code to apply.
    const title = `La Remise ${Date.now()}`
    const created = await api.post(`/api/workspaces/${encodeURIComponent(workspaceId)}/pages`, {
      headers: origin,
      data: { title, kind: 'case' },
    })
    expect(created.status()).toBe(201)
    const pageId = ((await created.json()) as { id: string }).id
    const invite = await api.post(`/api/workspaces/${encodeURIComponent(workspaceId)}/invites`, {
      headers: origin,
      data: { role: 'editor', expiresInDays: 7 },
    })
    expect(invite.status()).toBe(201)
    const { path: invitePath } = (await invite.json()) as { path: string }
    const codebook = (await (
      await api.get(`/api/workspaces/${encodeURIComponent(workspaceId)}/codebook`)
    ).json()) as {
      codes: { id: string; label: string }[]
    }
    const empowerment = codebook.codes.find((code) => code.label === 'Empowerment')
    if (!empowerment) throw new Error('the seed codebook has no Empowerment')

    await signUpThroughInvite(yann.page, invitePath, editor)
    await expect(yann.page.getByText('Votre rôle : Éditeur·rice')).toBeVisible()

    // The owner writes the passage.
    await amina.page.goto(`/p/${encodeURIComponent(pageId)}`)
    await expectSynced(amina.page)
    const passage = 'chacun peut proposer un atelier et le porter avec d’autres'
    await editorOf(amina.page).click()
    await amina.page.keyboard.press('Control+End')
    await amina.page.keyboard.type(`Au café, ${passage}.`)

    // The editor has the page open, and the typology in a second tab of the same context.
    await yann.page.goto(`/p/${encodeURIComponent(pageId)}`)
    await expectSynced(yann.page)
    await expect(editorOf(yann.page)).toContainText(passage)
    const typology = await yann.context.newPage()
    await typology.goto(`/w/${encodeURIComponent(workspaceId)}/typology?view=diagram`)
    const count = typology.getByTestId(`diagram-count-${empowerment.id}`)
    await expect(count).toHaveAttribute('data-count', /\d+/)
    const before = Number(await count.getAttribute('data-count'))

    // The owner codes it from the bubble, searching the code.
    await selectText(amina.page, passage)
    await amina.page.getByRole('button', { name: 'Coder', exact: true }).click()
    await amina.page.getByRole('combobox', { name: 'Codes à appliquer au passage' }).fill('empow')
    // Scoped to the picker: the sidebar's tree filter lists the codes as options too.
    await amina.page
      .getByRole('listbox', { name: 'Codes à appliquer au passage' })
      .getByRole('option', { name: 'Empowerment' })
      .click()
    await amina.page.getByRole('button', { name: 'Appliquer 1 code' }).click()
    await expect(amina.page.locator('.coded-passage')).toContainText(passage)

    // The editor sees it coloured, live, and hovering names the code and who applied it.
    const coloured = yann.page.locator('.coded-passage')
    await expect(coloured).toHaveText(passage)
    await coloured.hover()
    const card = yann.page.getByTestId('passage-card')
    await expect(card).toContainText('Empowerment')
    await expect(card).toContainText(owner.name)
    // An editor may change or remove it.
    await expect(
      card.getByRole('button', { name: 'Retirer le code « Empowerment » de ce passage' }),
    ).toBeVisible()

    // The diagram count goes up, live.
    await expect(count).toHaveAttribute('data-count', String(before + 1))

    // The matrix cell too; it opens the excerpt, which opens the page at the passage.
    await typology.getByRole('button', { name: 'Matrice' }).click()
    const cell = typology.getByTestId(`cell-${pageId}-${empowerment.id}`)
    await expect(cell).toHaveText('1')
    await cell.click()
    await expect(typology.getByRole('blockquote')).toHaveText(passage)
    await typology.getByRole('link', { name: `Ouvrir « ${title} » à ce passage` }).click()
    await expect(typology).toHaveURL(/\?passage=/)
    const focused = typology.locator('.coded-passage.is-focused')
    await expect(focused).toHaveText(passage)
    await expect(focused).toBeInViewport()
  } finally {
    await closeAll(amina.context, yann.context)
  }
})
