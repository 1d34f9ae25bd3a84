/**
 * Importing a REFI-QDA project from the workspace home: the file becomes a new workspace that
 * opens, its coded passage shows in the page, and the owner links the imported coder to herself.
 */
import { expect, test } from '@playwright/test'
import { strToU8, zipSync } from 'fflate'
import { closeAll, editorOf, expectSynced, newSession, owner, signIn } from './support/people.ts'

const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

function project(): Buffer {
  const text = 'Les habitants gèrent la cantine 🙂 ensemble.'
  const quote = 'gèrent la cantine 🙂'
  const start = [...text.slice(0, text.indexOf(quote))].length
  const end = start + [...quote].length
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Projet QualCoder ${Date.now()}" origin="QualCoder">
  <Users><User guid="${G(1)}" name="Camille (QualCoder)"/></Users>
  <CodeBook><Codes><Code guid="${G(10)}" name="Autogestion" isCodable="true" color="#59A14F"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(20)}" name="Entretien cantine" plainTextPath="internal://${G(20)}.txt">
      <PlainTextSelection guid="${G(30)}" startPosition="${start}" endPosition="${end}" creatingUser="${G(1)}">
        <Coding guid="${G(31)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`
  return Buffer.from(zipSync({ 'project.qde': strToU8(qde), [`sources/${G(20)}.txt`]: strToU8(text) }))
}

test('a .qdpx imported from the workspace home opens as a new workspace with its coded passage', async ({
  browser,
  baseURL,
}) => {
  const amina = await newSession(browser, baseURL)
  try {
    await signIn(amina.page, owner)
    await amina.page
      .locator('input[type="file"][accept*=".qdpx"]')
      .setInputFiles({ name: 'cantine.qdpx', mimeType: 'application/zip', buffer: project() })
    await expect(amina.page.getByRole('heading', { level: 1, name: /Projet QualCoder/ })).toBeVisible()
    const workspaceId = decodeURIComponent(new URL(amina.page.url()).pathname.split('/')[2] ?? '')

    // The source is a page; its selection a coded passage on the right characters.
    await expect(amina.page.getByRole('combobox', { name: 'Espace de travail' })).toHaveValue(workspaceId)
    await amina.page.getByRole('treeitem', { name: 'Entretien cantine' }).click()
    await expectSynced(amina.page)
    await expect(editorOf(amina.page)).toContainText('Les habitants gèrent la cantine 🙂 ensemble.')
    await expect(amina.page.locator('.coded-passage')).toHaveText('gèrent la cantine 🙂')

    // The imported coder is linked to a real member on the members page.
    await amina.page.goto(`/w/${encodeURIComponent(workspaceId)}/members`)
    await amina.page.getByLabel('Membre à relier à Camille (QualCoder)').selectOption({ label: owner.name })
    await amina.page.getByRole('button', { name: 'Relier' }).click()
    await expect(amina.page.getByText(`relié à ${owner.name}`)).toBeVisible()
  } finally {
    await closeAll(amina.context)
  }
})
