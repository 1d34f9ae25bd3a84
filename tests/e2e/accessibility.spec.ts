/**
 * axe-core on every screen a research team meets on day one, in French, at 1440×900: a violation
 * of impact "serious" or "critical" fails the screen's test. Each screen also has one `main`
 * landmark and a document title of its own. With SCREENS_DIR set, each screen is also saved as a
 * desktop and a phone (390×844) screenshot there (docs/operations.md, "Screenshots").
 */
import AxeBuilder from '@axe-core/playwright'
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test'
import { editorOf, expectSynced, owner } from './support/people.ts'
import { selectText } from './support/selection.ts'
import { openNewPage, ownerSession } from './support/team.ts'

const SHOTS = process.env.SCREENS_DIR
const DESKTOP = { width: 1440, height: 900 }
const PHONE = { width: 390, height: 844 }

interface Study {
  workspaceId: string
  caseId: string
  synthesisId: string
}

interface Screen {
  name: string
  /** Signed out (the login screen) or as the owner. */
  signedIn: boolean
  open(page: Page, study: Study): Promise<void>
  /** What the document title must say. */
  title: RegExp
}

const PASSAGE = 'les habitants décident ensemble des produits'

const SCREENS: Screen[] = [
  {
    name: 'login',
    signedIn: false,
    title: /Connexion/,
    open: async (page) => {
      await page.goto('/login')
      await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible()
    },
  },
  {
    name: 'home',
    signedIn: true,
    title: /Étude IRG/,
    open: async (page, study) => {
      await page.goto(`/w/${study.workspaceId}`)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    },
  },
  {
    name: 'case-sheet',
    signedIn: true,
    title: /Fiche accessible/,
    open: async (page, study) => {
      await page.goto(`/p/${study.caseId}`)
      await expectSynced(page)
      await expect(page.locator('.coded-passage').first()).toBeVisible()
      await expect(page.locator('.comment-highlight')).toHaveCount(1)
    },
  },
  {
    name: 'synthesis',
    signedIn: true,
    title: /Synthèse/,
    open: async (page, study) => {
      await page.goto(`/p/${study.synthesisId}`)
      await expectSynced(page)
      await expect(editorOf(page)).toContainText('gouvernance')
    },
  },
  {
    name: 'typology-matrix',
    signedIn: true,
    title: /Typologie/,
    open: async (page, study) => {
      await page.goto(`/w/${study.workspaceId}/typology`)
      await expect(page.getByRole('table').first()).toBeVisible()
    },
  },
  {
    name: 'typology-diagram',
    signedIn: true,
    title: /Typologie/,
    open: async (page, study) => {
      await page.goto(`/w/${study.workspaceId}/typology?view=diagram`)
      await expect(page.getByRole('group', { name: /Schéma de la typologie/ })).toBeVisible()
    },
  },
  {
    name: 'typology-cooccurrence',
    signedIn: true,
    title: /Typologie/,
    open: async (page, study) => {
      await page.goto(`/w/${study.workspaceId}/typology?view=cooccurrence`)
      await expect(page.getByRole('grid').or(page.getByRole('table')).first()).toBeVisible()
    },
  },
  {
    name: 'codebook',
    signedIn: true,
    title: /Codebook|Livre de codes|Codes/,
    open: async (page, study) => {
      await page.goto(`/w/${study.workspaceId}/codebook`)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await expect(page.locator('.codebook-page').getByText('Empowerment').first()).toBeVisible()
    },
  },
  {
    name: 'search-results',
    signedIn: true,
    title: /gouvernance/,
    open: async (page, study) => {
      await page.goto(`/w/${study.workspaceId}/search?q=gouvernance`)
      await expect(page.locator('mark').first()).toBeVisible()
    },
  },
  {
    name: 'members',
    signedIn: true,
    title: /Membres/,
    open: async (page, study) => {
      await page.goto(`/w/${study.workspaceId}/members`)
      await expect(page.getByRole('heading', { level: 1, name: 'Membres' })).toBeVisible()
      // The only owner is not offered what the server would refuse: leaving, changing their role.
      await expect(page.getByText('Vous êtes la seule personne propriétaire de cet espace')).toBeVisible()
      await expect(page.getByRole('combobox', { name: /Rôle de Amina Diallo/ })).toHaveCount(0)
    },
  },
  {
    name: 'account',
    signedIn: true,
    title: /compte/i,
    open: async (page) => {
      await page.goto('/account')
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    },
  },
]

/** A case sheet with a coded passage and a comment on it, made through the UI as a researcher would. */
async function prepareStudy(browser: Browser, baseURL: string): Promise<Study> {
  const amina = await ownerSession(browser, baseURL)
  try {
    const caseId = await openNewPage(amina, baseURL, 'Fiche accessible', 'case')
    const page = amina.page
    await editorOf(page).locator('h2 + p').first().click()
    await page.keyboard.type(`À l’épicerie, ${PASSAGE} et des horaires.`)
    await expectSynced(page)
    await selectText(page, PASSAGE)
    await page.getByRole('button', { name: 'Coder', exact: true }).click()
    await page.getByRole('combobox', { name: 'Codes à appliquer au passage' }).fill('empow')
    await page
      .getByRole('listbox', { name: 'Codes à appliquer au passage' })
      .getByRole('option', { name: 'Empowerment' })
      .click()
    await page.getByRole('button', { name: 'Appliquer 1 code' }).click()
    await expect(page.locator('.coded-passage').first()).toBeVisible()
    await selectText(page, 'des horaires')
    await page.getByRole('button', { name: 'Commenter', exact: true }).click()
    await page.getByRole('combobox', { name: 'Nouveau commentaire' }).fill('Quels horaires ?')
    await page.getByRole('button', { name: 'Publier' }).click()
    await expect(page.locator('.comment-highlight')).toHaveCount(1)
    const { pages } = await (
      await amina.context.request.get(`/api/workspaces/${amina.workspaceId}/pages`)
    ).json()
    const synthesis = (pages as { id: string; title: string }[]).find((p) => p.title === 'Synthèse')
    if (!synthesis) throw new Error('no seeded synthesis')
    return { workspaceId: amina.workspaceId, caseId, synthesisId: synthesis.id }
  } finally {
    await amina.context.close()
  }
}

let study: Study
let signedIn: BrowserContext
let signedOut: BrowserContext

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(90_000)
  study = await prepareStudy(browser, baseURL ?? '')
  signedIn = await browser.newContext({ baseURL, viewport: DESKTOP, locale: 'fr-FR' })
  await signedIn.request.post('/api/auth/login', { data: owner, headers: { origin: baseURL ?? '' } })
  signedOut = await browser.newContext({ baseURL, viewport: DESKTOP, locale: 'fr-FR' })
})

test.afterAll(async () => {
  await signedIn?.close()
  await signedOut?.close()
})

for (const screen of SCREENS) {
  test(`${screen.name}: no serious or critical axe-core violation`, async () => {
    const page = await (screen.signedIn ? signedIn : signedOut).newPage()
    try {
      await screen.open(page, study)
      await expect(page).toHaveTitle(screen.title)
      await expect(page).not.toHaveTitle(/^Tisserand$/)
      expect(await page.locator('main, [role="main"]').count(), 'one main landmark').toBe(1)
      const results = await new AxeBuilder({ page }).analyze()
      const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      const report = blocking.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''} — ${n.html.slice(0, 160)}`,
          ),
      }))
      expect(report, JSON.stringify(report, null, 2)).toEqual([])
      if (SHOTS) {
        await page.screenshot({ path: `${SHOTS}/${screen.name}-desktop.png` })
        await page.setViewportSize(PHONE)
        await page.waitForTimeout(300)
        await page.screenshot({ path: `${SHOTS}/${screen.name}-phone.png` })
      }
    } finally {
      await page.close()
    }
  })
}
