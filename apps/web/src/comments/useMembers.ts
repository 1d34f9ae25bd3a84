import { workspaceApi } from '../api/endpoints.ts'
import { useResource } from '../api/useResource.ts'
import type { Mentionable } from './mentions.ts'

/** The workspace's members, as candidates for mentions. */
export function useMembers(workspaceId: string): Mentionable[] {
  const members = useResource(() => workspaceApi.members(workspaceId), [workspaceId])
  return (members.data?.members ?? []).map((m) => ({ userId: m.userId, name: m.name }))
}
