/** The coding rounds' API calls (docs/api.md#coding-rounds). */
import type { AgreementReport, CodingRound, RoundItem, RoundOutcome } from '@tisserand/api-types'
import { api } from '../api/client.ts'

export type { AgreementReport, CodingRound, RoundItem, RoundOutcome }

const enc = encodeURIComponent
const base = (workspaceId: string) => `/api/workspaces/${enc(workspaceId)}/coding-rounds`

export interface NewRound {
  name: string
  pageIds: string[]
  coderIds: string[]
  codeIds?: string[]
  blind: boolean
  adjudicatorId: string | null
}

export const roundsApi = {
  list: (workspaceId: string) => api.get<{ rounds: CodingRound[] }>(base(workspaceId)),
  get: (workspaceId: string, roundId: string) =>
    api.get<{ round: CodingRound }>(`${base(workspaceId)}/${enc(roundId)}`),
  create: (workspaceId: string, body: NewRound) => api.post<{ round: CodingRound }>(base(workspaceId), body),
  reveal: (workspaceId: string, roundId: string) =>
    api.post<{ round: CodingRound }>(`${base(workspaceId)}/${enc(roundId)}/reveal`),
  agreement: (workspaceId: string, roundId: string) =>
    api.get<AgreementReport>(`${base(workspaceId)}/${enc(roundId)}/agreement`),
  agreementCsvUrl: (workspaceId: string, roundId: string) =>
    `${base(workspaceId)}/${enc(roundId)}/agreement.csv`,
  disagreements: (workspaceId: string, roundId: string) =>
    api.get<{ items: RoundItem[] }>(`${base(workspaceId)}/${enc(roundId)}/disagreements`),
  settle: (workspaceId: string, roundId: string, itemId: string, outcome: RoundOutcome) =>
    api.post<{ item: RoundItem }>(
      `${base(workspaceId)}/${enc(roundId)}/disagreements/${enc(itemId)}/settle`,
      outcome,
    ),
}

/** Events after which a round's page reloads. */
export function touchesRounds(type: string | undefined): boolean {
  return !type || type.startsWith('round.') || type.startsWith('coding.')
}
