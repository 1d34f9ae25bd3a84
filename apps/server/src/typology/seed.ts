/**
 * The study's typology, as the IRG study drew it: four dimensions, their codes, and the relations
 * of its diagram. Labels are the study's vocabulary and stay exactly as they are.
 */
export interface SeedCode {
  key: string
  label: string
  description: string
  color: string
  children?: SeedCode[]
}

export const STUDY_TYPOLOGY: SeedCode[] = [
  {
    key: 'innovations',
    label: "Types d'innovations",
    description: 'Ce qui fait la nouveauté d’une initiative.',
    color: '#5B3A8C',
    children: [
      {
        key: 'innovations.besoins',
        label: 'Besoins soulevés',
        description: 'Les besoins que l’initiative fait apparaître.',
        color: '#B07AA1',
      },
      {
        key: 'innovations.gouvernance',
        label: 'Gouvernance collaborative',
        description: 'La manière dont l’initiative construit sa réponse.',
        color: '#D4A6C8',
      },
    ],
  },
  {
    key: 'besoins',
    label: 'Types de besoins',
    description: 'Les besoins auxquels une initiative répond.',
    color: '#1F5F8B',
    children: [
      {
        key: 'besoins.materiels',
        label: 'Besoins matériels précis',
        description: 'Des besoins matériels précis.',
        color: '#4E79A7',
      },
      {
        key: 'besoins.transversaux',
        label: 'Besoins transversaux',
        description: 'Des besoins à la fois concrets et symboliques.',
        color: '#A0CBE8',
        children: [
          {
            key: 'besoins.liens',
            label: 'Liens sociaux de proximité et horizontalité',
            description: '',
            color: '#499894',
          },
          { key: 'besoins.regard', label: 'Changer de regard', description: '', color: '#86BCB6' },
          {
            key: 'besoins.politique',
            label: 'Porter un projet politique commun / se sentir actif dans la société',
            description: '',
            color: '#79706E',
          },
          {
            key: 'besoins.qualite',
            label: 'Offrir un service de qualité aux bénéficiaires',
            description: '',
            color: '#BAB0AC',
          },
        ],
      },
    ],
  },
  {
    key: 'modalites',
    label: 'Modalités de gouvernance',
    description: 'Les grands principes qui guident une initiative.',
    color: '#A23B2A',
    children: [
      {
        key: 'modalites.collaborative',
        label: 'Gouvernance collaborative',
        description: '',
        color: '#E15759',
      },
      {
        key: 'modalites.perenne',
        label: "Gouvernance pérenne, permettant le changement d'échelle",
        description: '',
        color: '#FF9D9A',
      },
    ],
  },
  {
    key: 'concepts',
    label: 'Concepts opérationnels',
    description: 'Des concepts précis qui décrivent la manière d’agir des initiatives.',
    color: '#2E6B30',
    children: [
      { key: 'concepts.autonomie', label: 'Autonomie', description: '', color: '#59A14F' },
      { key: 'concepts.empowerment', label: 'Empowerment', description: '', color: '#8CD17D' },
      { key: 'concepts.commun', label: 'Mise en commun', description: '', color: '#B6992D' },
      { key: 'concepts.adaptabilite', label: 'Adaptabilité', description: '', color: '#F1CE63' },
      { key: 'concepts.approfondissement', label: 'Approfondissement', description: '', color: '#F28E2B' },
      { key: 'concepts.diversification', label: 'Diversification', description: '', color: '#FFBE7D' },
      { key: 'concepts.deploiement', label: 'Déploiement géographique', description: '', color: '#9D7660' },
      { key: 'concepts.diffusion', label: 'Diffusion par fertilisation', description: '', color: '#D7B5A6' },
      { key: 'concepts.cooperation', label: 'Coopération', description: '', color: '#D37295' },
      { key: 'concepts.fusion', label: 'Fusion', description: '', color: '#FABFD2' },
    ],
  },
]

/** The relation kind of the diagram's arrows. */
export const LEADS_TO = 'leads_to'

/** The diagram's arrows, by seed key: needs → governance modalities, each modality → its concepts. */
export const STUDY_RELATIONS: [from: string, to: string][] = [
  ['besoins', 'modalites'],
  ['modalites.collaborative', 'concepts.autonomie'],
  ['modalites.collaborative', 'concepts.empowerment'],
  ['modalites.collaborative', 'concepts.commun'],
  ['modalites.collaborative', 'concepts.adaptabilite'],
  ['modalites.perenne', 'concepts.approfondissement'],
  ['modalites.perenne', 'concepts.diversification'],
  ['modalites.perenne', 'concepts.deploiement'],
  ['modalites.perenne', 'concepts.diffusion'],
  ['modalites.perenne', 'concepts.cooperation'],
  ['modalites.perenne', 'concepts.fusion'],
]
