/**
 * Watches for `/` typed at the start of a line or after a space, then a word: the `/` menu's
 * query (not inside code, where a slash is just a slash). Same plugin as the page picker's
 * (editor/triggerPlugin.ts).
 */
import { PluginKey } from '@tiptap/pm/state'
import { type TriggerBridge, type TriggerMatch, type TriggerState, triggerPlugin } from './triggerPlugin.ts'

export type SlashMatch = TriggerMatch
export type SlashBridge = TriggerBridge

export const slashKey = new PluginKey<TriggerState<SlashMatch>>('slashMenu')

const SLASH = /(^|\s)\/([\p{L}\d]{0,24})$/u

export function findSlash(textBefore: string, cursor: number): SlashMatch | null {
  const found = SLASH.exec(textBefore)
  if (!found) return null
  const length = found[0].length - (found[1]?.length ?? 0)
  return { query: found[2] ?? '', from: cursor - length, to: cursor }
}

export function slashPlugin(bridge: SlashBridge, isEditable: () => boolean) {
  return triggerPlugin({
    key: slashKey,
    bridge,
    isEditable,
    lookBehind: 40,
    find: findSlash,
    skip: (parent) => Boolean(parent.type.spec.code),
  })
}
