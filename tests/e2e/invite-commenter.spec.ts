/**
 * The browser criterion: the owner invites a commenter by link from the members page; the
 * commenter signs up through it in a separate browser context, opens a page, cannot type in it,
 * and sees the read-only banner. The owner's view proves nothing the commenter typed got through.
 */
import { expect, test } from '@playwright/test'
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

test('a commenter invited by link signs up, opens a page read-only and cannot write in it', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  const chloe = await newSession(browser, baseURL)
  const commenter = newPerson('Chloé Bernard')
  try {
    await signIn(amina.page, owner)
    const title = `Synthèse ${Date.now()}`
    await createPage(amina.page, title, 'Synthèse')
    await expectSynced(amina.page)
    const ownerText = 'La gouvernance collaborative est au cœur des initiatives.'
    await editorOf(amina.page).click()
    await amina.page.keyboard.type(ownerText)

    await amina.page.getByRole('link', { name: workspaceName }).click()
    const link = await createInviteLink(amina.page, 'Commentateur·rice')
    // The open invitation is listed, for the owner to revoke (other specs may have left theirs).
    await expect(
      amina.page.getByRole('table').getByRole('rowheader', { name: 'Commentateur·rice' }).first(),
    ).toBeVisible()

    // The invitation page says what the link grants before anyone signs up.
    await chloe.page.goto(link)
    await expect(
      chloe.page.getByText(`rejoindre « ${workspaceName} » avec le rôle Commentateur·rice`),
    ).toBeVisible()
    await signUpThroughInvite(chloe.page, link, commenter)
    await expect(chloe.page.getByText('Votre rôle : Commentateur·rice')).toBeVisible()
    // A commenter may not create pages: no form for it.
    await expect(chloe.page.getByRole('button', { name: 'Créer la page' })).toHaveCount(0)

    await chloe.page.getByRole('link', { name: title }).click()
    await expect(chloe.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expect(chloe.page.getByTestId('read-only-banner')).toContainText('Lecture seule')
    await expectSynced(chloe.page)
    const editor = editorOf(chloe.page)
    await expect(editor).toContainText(ownerText)
    await expect(editor).toHaveAttribute('aria-readonly', 'true')

    const attempt = 'Texte qui ne doit pas passer'
    await editor.click()
    await chloe.page.keyboard.type(attempt)
    await chloe.page.keyboard.press('Enter')
    await expect(editor).not.toContainText(attempt)

    // Nothing reached the server: the owner does not see it, and the commenter's reload neither.
    await amina.page.goBack()
    await amina.page.goBack()
    await expect(amina.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expectSynced(amina.page)
    await expect(editorOf(amina.page)).toContainText(ownerText)
    await expect(editorOf(amina.page)).not.toContainText(attempt)
    await chloe.page.reload()
    await expectSynced(chloe.page)
    await expect(editorOf(chloe.page)).toContainText(ownerText)
    await expect(editorOf(chloe.page)).not.toContainText(attempt)

    // The owner sees the new member with their role.
    await amina.page.getByRole('navigation', { name: 'Fil d’Ariane' }).getByRole('link').click()
    await amina.page.getByRole('link', { name: 'Membres' }).click()
    const row = amina.page.getByRole('row').filter({ hasText: commenter.email })
    await expect(row.getByRole('combobox', { name: `Rôle de ${commenter.name}` })).toHaveValue('commenter')
  } finally {
    await closeAll(amina.context, chloe.context)
  }
})
