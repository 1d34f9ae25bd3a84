/**
 * The browser criterion for comments: a commenter selects a passage of a synthesis and
 * comments on it (mentioning the editor); the editor, in a separate browser context, sees the
 * highlight and the thread appear live and replies; the commenter resolves it and it moves to
 * the resolved tab, for both. Accounts and the page are set up through the API (the UI for those
 * has its own tests); everything about comments goes through the UI.
 */
import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import { closeAll, editorOf, expectSynced, newPerson, newSession, owner } from './support/people.ts'

const SHOTS = process.env.COMMENTS_SHOTS_DIR

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false })
}

async function call(
  request: APIRequestContext,
  baseURL: string,
  method: 'post',
  path: string,
  data: unknown,
) {
  const res = await request[method](path, { data, headers: { origin: baseURL } })
  expect(res.ok(), `${method.toUpperCase()} ${path} → ${res.status()} ${await res.text()}`).toBe(true)
  return res.json()
}

/** Selects `text` inside the page body, as a mouse drag over it would. */
async function selectInBody(page: Page, text: string) {
  await page.evaluate((needle) => {
    const root = document.querySelector('.page-body')
    if (!root) throw new Error('no page body')
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(needle) ?? -1
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + needle.length)
      const selection = window.getSelection()
      selection?.removeAllRanges()
      selection?.addRange(range)
      return
    }
    throw new Error(`"${needle}" is not in the page body`)
  }, text)
}

const PASSAGE = 'une gouvernance collaborative'
const TEXT = `Ce qui rend ces initiatives nouvelles tient moins aux besoins qu’à ${PASSAGE} portée par une vision politique explicite.`

test('a commenter comments a passage; the editor sees it live and replies; the commenter resolves it', async ({
  browser,
  baseURL: configuredBaseURL,
}) => {
  const baseURL = configuredBaseURL ?? ''
  const amina = await newSession(browser, baseURL)
  const chloe = await newSession(browser, baseURL)
  const bruno = await newSession(browser, baseURL)
  const commenter = newPerson('Chloé Bernard')
  const editor = newPerson('Bruno Lefèvre')
  try {
    // The owner makes a synthesis and invites a commenter and an editor.
    await call(amina.context.request, baseURL, 'post', '/api/auth/login', owner)
    const [workspace] = await (await amina.context.request.get('/api/workspaces')).json()
    const title = `Synthèse relue ${Date.now().toString(36)}`
    const page = await call(amina.context.request, baseURL, 'post', `/api/workspaces/${workspace.id}/pages`, {
      title,
      kind: 'synthesis',
    })
    for (const [person, session, role] of [
      [commenter, chloe, 'commenter'],
      [editor, bruno, 'editor'],
    ] as const) {
      const invite = await call(
        amina.context.request,
        baseURL,
        'post',
        `/api/workspaces/${workspace.id}/invites`,
        {
          role,
        },
      )
      await call(session.context.request, baseURL, 'post', `/api/invites/${invite.token}/signup`, person)
    }
    await amina.page.goto(`/p/${page.id}`)
    await expectSynced(amina.page)
    await editorOf(amina.page).click()
    await amina.page.keyboard.type(TEXT)
    await expect(editorOf(amina.page)).toContainText(TEXT)
    await expectSynced(amina.page)

    // Both open the page; the commenter's editor is read-only, but the panel lets her comment.
    await bruno.page.goto(`/p/${page.id}`)
    await chloe.page.goto(`/p/${page.id}`)
    for (const p of [bruno.page, chloe.page]) {
      await expectSynced(p)
      await expect(editorOf(p)).toContainText(TEXT)
      await expect(p.getByRole('tab', { name: 'Ouverts (0)' })).toBeVisible()
    }
    await expect(editorOf(chloe.page)).toHaveAttribute('aria-readonly', 'true')

    await selectInBody(chloe.page, PASSAGE)
    const commentButton = chloe.page.getByRole('button', { name: 'Commenter' })
    await expect(commentButton).toBeVisible()
    await shot(chloe.page, '1-commenter-selection')
    await commentButton.click()

    const composer = chloe.page.getByRole('combobox', { name: 'Nouveau commentaire' })
    await expect(composer).toBeFocused()
    await composer.pressSequentially('Peut-on préciser ce terme ? @Bru')
    // Other specs' members may share the first name: pick this one by their full name.
    const mentionOption = chloe.page.getByRole('option', { name: editor.name })
    await expect(mentionOption).toBeVisible()
    await shot(chloe.page, '2-commenter-mention-picker')
    await mentionOption.click()
    await composer.pressSequentially('qu’en penses-tu ?')
    await expect(composer).toHaveValue(`Peut-on préciser ce terme ? @${editor.name} qu’en penses-tu ?`)
    await chloe.page.getByRole('button', { name: 'Publier' }).click()

    const chloeThread = chloe.page.getByRole('article', { name: `Discussion sur « ${PASSAGE} »` })
    await expect(chloeThread).toContainText('Peut-on préciser ce terme ?')
    await expect(chloe.page.getByRole('tab', { name: 'Ouverts (1)' })).toBeVisible()
    await expect(chloe.page.locator('.comment-highlight')).toHaveText(PASSAGE)

    // The editor sees the highlight and the thread appear without reloading, and the mention.
    const highlight = bruno.page.locator('.comment-highlight')
    await expect(highlight).toHaveText(PASSAGE)
    const brunoThread = bruno.page.getByRole('article', { name: `Discussion sur « ${PASSAGE} »` })
    await expect(brunoThread).toContainText('Peut-on préciser ce terme ?')
    await expect(brunoThread.locator('.comment-mention')).toHaveText(`@${editor.name}`)
    await expect(bruno.page.getByRole('button', { name: 'Notifications (1 non lue)' })).toBeVisible()
    await shot(bruno.page, '3-editor-sees-thread')

    // Click on the passage selects its thread; the editor replies.
    await highlight.click()
    await expect(brunoThread).toHaveClass(/is-active/)
    await brunoThread.getByRole('button', { name: 'Répondre' }).click()
    await brunoThread
      .getByRole('combobox', { name: 'Votre réponse' })
      .fill('Je reformule : une gouvernance partagée.')
    await brunoThread.getByRole('button', { name: 'Répondre' }).click()
    await expect(brunoThread).toContainText('Je reformule : une gouvernance partagée.')
    // Commenting and replying never changed the text.
    await expect(editorOf(bruno.page)).toHaveText(TEXT)

    // The commenter sees the reply live, then resolves her thread.
    await expect(chloeThread).toContainText('Je reformule : une gouvernance partagée.')
    await shot(chloe.page, '4-commenter-sees-reply')
    await chloeThread.getByRole('button', { name: 'Résoudre' }).click()
    await expect(chloe.page.getByRole('tab', { name: 'Résolus (1)' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    await expect(chloe.page.getByRole('tab', { name: 'Ouverts (0)' })).toBeVisible()
    await expect(chloeThread).toContainText(`Résolu par ${commenter.name}`)
    await shot(chloe.page, '5-commenter-resolved')

    // For the editor it moved to resolved too, and the passage is no longer highlighted.
    await expect(bruno.page.getByRole('tab', { name: 'Ouverts (0)' })).toBeVisible()
    await expect(bruno.page.locator('.comment-highlight')).toHaveCount(0)
    await bruno.page.getByRole('tab', { name: 'Résolus (1)' }).click()
    await expect(brunoThread).toContainText(`Résolu par ${commenter.name}`)
    await shot(bruno.page, '6-editor-resolved-tab')

    // His inbox links to the thread; opening it marks the mention read.
    await bruno.page.getByRole('button', { name: 'Notifications (1 non lue)' }).click()
    const mention = bruno.page.getByRole('link', { name: new RegExp(`${commenter.name} vous a mentionné·e`) })
    await expect(mention).toContainText(title)
    await shot(bruno.page, '7-editor-inbox')
    await mention.click()
    await expect(bruno.page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible()
  } finally {
    await closeAll(amina.context, chloe.context, bruno.context)
  }
})
