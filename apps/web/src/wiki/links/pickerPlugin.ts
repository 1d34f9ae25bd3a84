/**
 * Watches what is typed before the cursor for a link trigger: `[[` (then any title) or `@` after a
 * space (then a word). While one is open, the picker's keys (arrows, Enter, Tab, Escape) go to the
 * picker, not the editor. Escape dismisses it until the trigger is typed again.
 */
import { Plugin, PluginKey } from '@tiptap/pm/state'

export interface PickerMatch {
  trigger: '[[' | '@'
  query: string
  /** The trigger and query, replaced by the link. */
  from: number
  to: number
}

interface PickerState {
  match: PickerMatch | null
  /** Where a dismissed trigger starts: it stays closed until that trigger is gone. */
  dismissedFrom: number | null
}

export const pickerKey = new PluginKey<PickerState>('pagePicker')

export interface PickerBridge {
  /** Set by the picker while it is shown: returns true when it handled the key. */
  onKey: ((event: KeyboardEvent) => boolean) | null
}

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

export function pickerPlugin(bridge: PickerBridge, isEditable: () => boolean): Plugin<PickerState> {
  return new Plugin<PickerState>({
    key: pickerKey,
    state: {
      init: () => ({ match: null, dismissedFrom: null }),
      apply(tr, previous, _old, state) {
        const meta = tr.getMeta(pickerKey) as { dismiss?: boolean } | undefined
        const { selection } = state
        let match: PickerMatch | null = null
        if (isEditable() && selection.empty && selection.$from.parent.isTextblock) {
          const $from = selection.$from
          const start = Math.max(0, $from.parentOffset - 100)
          const text = $from.parent.textBetween(start, $from.parentOffset, undefined, '\ufffc')
          match = findTrigger(text, selection.from)
        }
        let dismissedFrom = previous.dismissedFrom === null ? null : tr.mapping.map(previous.dismissedFrom)
        if (meta?.dismiss && match) dismissedFrom = match.from
        if (match && match.from === dismissedFrom) return { match: null, dismissedFrom }
        // The dismissed trigger is gone (or another one was typed): forget it.
        return { match, dismissedFrom: null }
      },
    },
    props: {
      handleKeyDown(view, event) {
        const state = pickerKey.getState(view.state)
        if (!state?.match || !bridge.onKey) return false
        return bridge.onKey(event)
      },
    },
  })
}
