/**
 * Routes are declared by the features, each in its own `routes.ts`: a table of specs (method,
 * path, and the access the route needs) and, beside it, one handler per spec. This module only
 * defines those shapes and assembles the features' routes; it knows none of them. Routes are
 * registered from these tables only, so the role × route test can walk them and no route
 * escapes the policy.
 *
 * - public: anyone (login, setup, reading an invite);
 * - login: any signed-in user, acting on their own account;
 * - workspace: a member of `:workspaceId` whose role allows `action` (POLICY in access/policy.ts);
 * - page: the same, for the workspace that holds `:pageId`.
 */
import type { Handler } from 'hono'
import type { Action } from '../access/policy.ts'
import type { AppEnv } from './env.ts'

export type Guard =
  | { kind: 'public' }
  | { kind: 'login' }
  | { kind: 'workspace'; action: Action }
  | { kind: 'page'; action: Action }

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  guard: Guard
}

export type RouteSpecs = Record<string, RouteSpec>

/** Exactly one handler for each spec of a table: a missing or extra one does not type-check. */
export type RouteHandlers<R extends RouteSpecs> = { [K in keyof R]: Handler<AppEnv> }

/** A feature's route table with its handlers, ready to mount. */
export interface FeatureRoutes {
  specs: RouteSpecs
  handlers: Record<string, Handler<AppEnv>>
}

export const publicRoute = { kind: 'public' } as const
export const signedIn = { kind: 'login' } as const
export const inWorkspace = (action: Action) => ({ kind: 'workspace', action }) as const
export const onPage = (action: Action) => ({ kind: 'page', action }) as const

export function withHandlers<R extends RouteSpecs>(specs: R, handlers: RouteHandlers<R>): FeatureRoutes {
  return { specs, handlers }
}

export interface MountedRoute extends RouteSpec {
  name: string
  handler: Handler<AppEnv>
}

/** Every feature's routes in one list; two routes with one name, or one method and path, are a bug. */
export function assembleRoutes(features: FeatureRoutes[]): MountedRoute[] {
  const names = new Set<string>()
  const endpoints = new Set<string>()
  const routes: MountedRoute[] = []
  for (const { specs, handlers } of features) {
    for (const [name, spec] of Object.entries(specs)) {
      const endpoint = `${spec.method} ${spec.path}`
      if (names.has(name)) throw new Error(`route ${name} is declared twice`)
      if (endpoints.has(endpoint)) throw new Error(`${endpoint} is declared twice`)
      const handler = handlers[name]
      if (!handler) throw new Error(`route ${name} has no handler`)
      names.add(name)
      endpoints.add(endpoint)
      routes.push({ name, ...spec, handler })
    }
  }
  return routes
}
