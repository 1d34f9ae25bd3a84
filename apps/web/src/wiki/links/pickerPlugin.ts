/**
 * Watches what is typed before the cursor for a link trigger: `[[` (then any title) or `@` after a
 * space (then a word). While one is open, the picker's keys (arrows, Enter, Tab, Escape) go to the
 * picker, not the editor. Escape dismisses it until the trigger is typed again.
 */
import { PluginKey } from '@tiptap/pm/state'
import {
  type TriggerBridge,
  type TriggerMatch,
  type TriggerState,
  triggerPlugin,
} from '../../editor/triggerPlugin.ts'

export interface PickerMatch extends TriggerMatch {
  trigger: '[[' | '@'
}

export const pickerKey = new PluginKey<TriggerState<PickerMatch>>('pagePicker')

export type PickerBridge = TriggerBridge

const DOUBLE_BRACKET = /\[\[([^[\]\n\ufffc]{0,80})$/
const AT_SIGN = /(^|[\s(«"'])@([^\s@\ufffc]{0,40})$/

export function findTrigger(textBefore: string, cursor: number): PickerMatch | null {
  const bracket = DOUBLE_BRACKET.exec(textBefore)
  if (bracket) {
    return { trigger: '[[', query: bracket[1] ?? '', from: cursor - bracket[0].length, to: cursor }
  }
  const at = AT_SIGN.exec(textBefore)
  if (at) {
    const length = at[0].length - (at[1]?.length ?? 0)
    return { trigger: '@', query: at[2] ?? '', from: cursor - length, to: cursor }
  }
  return null
}

export function pickerPlugin(bridge: PickerBridge, isEditable: () => boolean) {
  return triggerPlugin({ key: pickerKey, bridge, isEditable, lookBehind: 100, find: findTrigger })
}
