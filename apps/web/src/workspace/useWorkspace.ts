import { useEffect } from 'react'
import { workspaceApi } from '../api/endpoints.ts'
import type { WorkspaceSummary } from '../api/types.ts'
import { type Resource, useResource } from '../api/useResource.ts'
import { useSession } from '../session/SessionContext.tsx'

/** The workspace's name and the user's role in it; also makes it the switcher's current one. */
export function useWorkspace(workspaceId: string): Resource<WorkspaceSummary> {
  const { setCurrentWorkspaceId } = useSession()
  useEffect(() => setCurrentWorkspaceId(workspaceId), [workspaceId, setCurrentWorkspaceId])
  return useResource(() => workspaceApi.get(workspaceId), [workspaceId])
}

export function canManageMembers(role: WorkspaceSummary['role'] | undefined): boolean {
  return role === 'owner'
}

/** Mirrors the server's policy for `page.create`; the server decides anyway. */
export function canCreatePages(role: WorkspaceSummary['role'] | undefined): boolean {
  return role === 'owner' || role === 'editor'
}
