/**
 * The workspace's case-sheet template and creating case sheets from it.
 *
 * The template is a page of kind 'template' (one per workspace, hidden from the tree, search and
 * recent changes) rather than a row of its own: owners edit it in the same editor, over the same
 * collaboration socket, with the same history as any page, and nothing new is needed to store or
 * sync it. Only owners may write to it (policy action `template.edit`). A case sheet copies its
 * headings; the guidance under each heading is shown in the sheet as a placeholder, not copied.
 */

import type { Node as PmNode } from '@tiptap/pm/model'
import type { Kysely } from 'kysely'
import { newId } from '../store/ids.ts'
import type { Database } from '../store/schema.ts'
import type { PageBodies } from './page-bodies.ts'
import type { Page, Pages } from './pages.ts'
import { toPage } from './pages.ts'
import { doc, heading, italic, paragraph } from './prosemirror-json.ts'

export const TEMPLATE_TITLE = 'Modèle de fiche de cas'

/** The template's sections (domain.md) with a prompt under each, written for the study's teams. */
export const TEMPLATE_SECTIONS: [title: string, prompt: string][] = [
  [
    "Présentation de l'initiative",
    "En quelques phrases : ce que fait l'initiative, depuis quand, sous quelle forme juridique.",
  ],
  [
    'Acteurs et territoire',
    'Qui la porte, avec quels partenaires (associations, collectivités, habitants) et sur quel territoire.',
  ],
  [
    'Besoins adressés',
    'Les besoins auxquels elle répond, et qui les a formulés : les bénéficiaires, l’initiative, ou les deux.',
  ],
  [
    'Gouvernance',
    'Comment les décisions se prennent, et la place laissée aux bénéficiaires et aux bénévoles.',
  ],
  [
    "Changement d'échelle",
    'Ce qui a changé de taille ou de forme : nouveaux lieux, nouvelles activités, rapprochements, essaimage.',
  ],
  ['Sources et contacts', 'Entretiens, documents et sites consultés ; personnes à recontacter.'],
]

export function defaultTemplateBody() {
  return doc(
    ...TEMPLATE_SECTIONS.flatMap(([title, prompt]) => [heading(2, title), paragraph(italic(prompt))]),
  )
}

/** A section of the template: its heading and the guidance written under it (shown, never copied). */
export interface TemplateSection {
  heading: string
  guidance: string
}

/** The template's sections: each heading with the text of the blocks under it, up to the next one. */
export function templateSections(body: PmNode): TemplateSection[] {
  const sections: TemplateSection[] = []
  body.forEach((block) => {
    if (block.type.name === 'heading') sections.push({ heading: block.textContent.trim(), guidance: '' })
    else if (sections.length > 0) {
      const last = sections[sections.length - 1] as TemplateSection
      last.guidance = [last.guidance, block.textContent.trim()].filter(Boolean).join(' ')
    }
  })
  return sections
}

/**
 * A new case sheet's body: the template's headings, each followed by one empty paragraph. The
 * guidance stays in the template; the editor shows it as a placeholder in the empty paragraph.
 */
function caseSheetBody(template: PmNode): PmNode {
  const { schema } = template.type
  const blocks: PmNode[] = []
  template.forEach((block) => {
    if (block.type.name === 'heading') blocks.push(block, schema.node('paragraph'))
  })
  return schema.node('doc', null, blocks.length > 0 ? blocks : [schema.node('paragraph')])
}

export class CaseTemplates {
  /** Serialises template creation per workspace: two first case sheets must not make two templates. */
  private readonly creating = new Map<string, Promise<Page>>()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly pages: Pages,
    private readonly bodies: PageBodies,
    /** Called after the server wrote a page body (to derive it at once). */
    private readonly written: (pageId: string) => Promise<void>,
  ) {}

  async find(workspaceId: string): Promise<Page | null> {
    const row = await this.db
      .selectFrom('page')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', 'template')
      .orderBy('created_at')
      .executeTakeFirst()
    return row ? toPage(row) : null
  }

  /** The workspace's template, created with the default sections the first time it is needed. */
  ensure(workspaceId: string, createdBy: string): Promise<Page> {
    const pending = this.creating.get(workspaceId)
    if (pending) return pending
    const task = (async () => {
      const existing = await this.find(workspaceId)
      if (existing) return existing
      const id = newId()
      await this.bodies.writeInitialJson(id, defaultTemplateBody())
      const page = await this.pages.create({
        id,
        workspaceId,
        title: TEMPLATE_TITLE,
        kind: 'template',
        createdBy,
      })
      await this.written(id)
      return page
    })().finally(() => this.creating.delete(workspaceId))
    this.creating.set(workspaceId, task)
    return task
  }

  /** The sections of the workspace's template, for the editor's placeholders. */
  async sections(templateId: string): Promise<TemplateSection[]> {
    return templateSections(await this.bodies.readNode(templateId))
  }

  /**
   * Creates a case sheet whose body is the template's current body, written into the new page's
   * document log before the page exists: nobody can open it earlier, so nobody can add it twice.
   */
  async createCase(input: {
    workspaceId: string
    title: string
    parentId: string | null
    createdBy: string
  }): Promise<Page> {
    const template = await this.ensure(input.workspaceId, input.createdBy)
    const id = newId()
    // Through the schema, not a copy of the template's Yjs history: a fresh document holding
    // the headings only (the guidance is a placeholder, see templateSections).
    await this.bodies.writeInitial(id, caseSheetBody(await this.bodies.readNode(template.id)))
    let page: Page
    try {
      page = await this.pages.create({ ...input, id, kind: 'case' })
    } catch (error) {
      await this.bodies.remove([id])
      throw error
    }
    await this.written(id)
    return page
  }
}
