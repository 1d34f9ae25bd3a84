/** The workspaces feature: workspaces, members and roles, invitation links, and the workspace event stream. */
export { EVENT_ROUTES, eventHandlers } from './event-routes.ts'
export { WORKSPACE_ROUTES, type WorkspaceRouteDeps, workspaceHandlers } from './routes.ts'
export { type WorkspaceEvent, WorkspaceEvents } from './workspace-events.ts'
export { DEFAULT_WORKSPACE_NAME, Workspaces } from './workspaces.ts'
