import { SYSTEM_USER_ID } from '../accounts/index.ts'
import {
  bold,
  bulletList,
  type CaseTemplates,
  doc,
  heading,
  type ListItem,
  type PageBodies,
  type Pages,
  type PmJson,
  pageLink,
  paragraph,
} from '../pages/index.ts'
/**
 * The study a fresh install starts with: the typology as pages (its four dimensions and their
 * codes, labels as the study wrote them), a synthesis page, a guide to case sheets, the case-sheet
 * template and an empty "Fiches de cas" section. Written once, into a workspace with no pages yet.
 * The texts are the team's own; the codebook issue will turn the typology pages into data.
 */

export const CASES_SECTION_TITLE = 'Fiches de cas'

interface Dimension {
  title: string
  intro: string
  codes: ListItem[]
}

const DIMENSIONS: Dimension[] = [
  {
    title: "Types d'innovations",
    intro:
      "Ce qui rend une initiative nouvelle : les besoins qu'elle fait apparaître, ou la façon dont elle construit sa réponse.",
    codes: ['Besoins soulevés', 'Gouvernance collaborative'],
  },
  {
    title: 'Types de besoins',
    intro:
      "Les besoins auxquels répond une initiative. Certains sont très concrets ; d'autres traversent plusieurs domaines et mêlent le matériel et le symbolique.",
    codes: [
      'Besoins matériels précis',
      {
        line: ['Besoins transversaux'],
        children: [
          'Liens sociaux de proximité et horizontalité',
          'Changer de regard',
          'Porter un projet politique commun / se sentir actif dans la société',
          'Offrir un service de qualité aux bénéficiaires',
        ],
      },
    ],
  },
  {
    title: 'Modalités de gouvernance',
    intro: 'Les grands principes qui orientent une initiative et la manière dont elle se dirige.',
    codes: ['Gouvernance collaborative', "Gouvernance pérenne, permettant le changement d'échelle"],
  },
  {
    title: 'Concepts opérationnels',
    intro:
      "Des notions précises pour décrire comment les initiatives agissent, rangées sous la modalité de gouvernance qu'elles traduisent.",
    codes: [
      {
        line: ['Gouvernance collaborative'],
        children: ['Autonomie', 'Empowerment', 'Mise en commun', 'Adaptabilité'],
      },
      {
        line: ["Gouvernance pérenne, permettant le changement d'échelle"],
        children: [
          'Approfondissement',
          'Diversification',
          'Déploiement géographique',
          'Diffusion par fertilisation',
          'Coopération',
          'Fusion',
        ],
      },
    ],
  },
]

export class StudySeed {
  constructor(
    private readonly pages: Pages,
    private readonly bodies: PageBodies,
    private readonly templates: CaseTemplates,
    /** Called after each page body is written (to derive it). */
    private readonly written: (pageId: string) => Promise<void>,
  ) {}

  /** Seeds the workspace if it has never had a page; returns whether it did. */
  async ensure(workspaceId: string): Promise<boolean> {
    if ((await this.pages.list(workspaceId)).length > 0) return false
    if (await this.templates.find(workspaceId)) return false
    const template = await this.templates.ensure(workspaceId, SYSTEM_USER_ID)

    // Rows first (their ids are needed for links), bodies right after: the server is not
    // listening yet, so nobody can open a page in between.
    const guide = await this.page(workspaceId, 'Guide : rédiger une fiche de cas', 'note')
    const cases = await this.page(workspaceId, CASES_SECTION_TITLE, 'note')
    const synthesis = await this.page(workspaceId, 'Synthèse', 'synthesis')
    const typology = await this.page(workspaceId, 'Typologie', 'note')
    const dimensionIds: string[] = []
    for (const dimension of DIMENSIONS)
      dimensionIds.push(await this.page(workspaceId, dimension.title, 'note', typology))

    await this.body(guide, guideBody(template.id, cases, typology))
    await this.written(cases) // an empty section: no body yet
    await this.body(synthesis, synthesisBody(typology))
    await this.body(typology, typologyBody(dimensionIds))
    for (const [i, dimension] of DIMENSIONS.entries()) {
      const id = dimensionIds[i] as string
      await this.body(id, dimensionBody(dimension, dimensionIds))
    }
    return true
  }

  private async page(
    workspaceId: string,
    title: string,
    kind: 'note' | 'synthesis',
    parentId: string | null = null,
  ): Promise<string> {
    return (await this.pages.create({ workspaceId, title, kind, parentId, createdBy: SYSTEM_USER_ID })).id
  }

  private async body(pageId: string, json: PmJson): Promise<void> {
    await this.bodies.writeInitialJson(pageId, json)
    await this.written(pageId)
  }
}

function guideBody(templateId: string, casesId: string, typologyId: string): PmJson {
  return doc(
    paragraph(
      "Une fiche de cas décrit une initiative locale de solidarité, telle que l'équipe l'a observée. Chaque fiche suit le même plan, pour que les cas puissent être comparés entre eux.",
    ),
    heading(2, 'Créer une fiche'),
    paragraph(
      'Créez une page de type « fiche de cas » sous ',
      pageLink(casesId),
      '. Elle reprend automatiquement les rubriques du ',
      pageLink(templateId),
      ', que les propriétaires de l’espace peuvent faire évoluer.',
    ),
    heading(2, 'Remplir les rubriques'),
    bulletList([
      'Décrivez avant d’interpréter : des faits, des dates, des exemples, des paroles rapportées.',
      'Indiquez la source de chaque information importante (entretien, document, visite).',
      'Laissez une rubrique vide plutôt que de la remplir au hasard : un manque est une information.',
    ]),
    heading(2, 'Renseigner les attributs'),
    paragraph(
      'Le panneau des propriétés de la fiche garde les informations à comparer d’un cas à l’autre : le territoire, l’année de création, l’origine des besoins (exprimés par les bénéficiaires, venus de l’initiative elle-même, ou les deux) et la situation actuelle de l’initiative.',
    ),
    heading(2, 'Relier à la typologie'),
    paragraph(
      'Reliez la fiche aux codes de la ',
      pageLink(typologyId),
      ' qui la décrivent, et repérez les passages qui justifient chaque code : ce sont eux qui nourrissent la synthèse. Tapez ',
      bold('[['),
      ' pour insérer un lien vers une autre page.',
    ),
  )
}

function synthesisBody(typologyId: string): PmJson {
  return doc(
    paragraph(
      "Cette page rassemble ce que les cas étudiés disent ensemble. Elle s'appuie sur les fiches de cas et sur la ",
      pageLink(typologyId),
      '.',
    ),
    heading(2, 'Question de départ'),
    paragraph(
      'Quelles formes de solidarité les initiatives locales inventent-elles là où les solidarités publiques et associatives ne suffisent plus, et que disent-elles aux institutions ?',
    ),
    heading(2, 'Ce que montrent les cas'),
    paragraph(
      'Premier constat à discuter : la nouveauté tient moins aux besoins eux-mêmes qu’à une manière plus large de les regarder, et surtout à une gouvernance collaborative, portée par un projet politique qui place la personne au centre.',
    ),
    heading(2, 'Pistes à approfondir'),
    bulletList(['À compléter au fil des nouvelles fiches.']),
  )
}

function typologyBody(dimensionIds: string[]): PmJson {
  return doc(
    paragraph(
      "La typologie range ce que l'on observe dans les cas selon quatre dimensions. Les besoins sont parfois à la racine des modalités de gouvernance, et chaque modalité se traduit par des concepts opérationnels.",
    ),
    bulletList(dimensionIds.map((id) => [pageLink(id)])),
  )
}

function dimensionBody(dimension: Dimension, dimensionIds: string[]): PmJson {
  const [, needsId, governanceId] = dimensionIds
  const related: PmJson[] = []
  if (dimension.title === 'Types de besoins' && governanceId)
    related.push(
      paragraph('Voir aussi, pour les liens entre besoins et gouvernance : ', pageLink(governanceId), '.'),
    )
  if (dimension.title === 'Modalités de gouvernance' && needsId)
    related.push(paragraph('Certaines modalités naissent directement des ', pageLink(needsId), '.'))
  return doc(paragraph(dimension.intro), heading(2, 'Codes'), bulletList(dimension.codes), ...related)
}
