/**
 * Watches for `/` typed at the start of a line or after a space, then a word: the `/` menu's
 * query. While the menu is open its keys (arrows, Enter, Tab, Escape) go to it; Escape closes
 * it until `/` is typed again. Same shape as the page picker (wiki/links/pickerPlugin.ts).
 */
import { Plugin, PluginKey } from '@tiptap/pm/state'

export interface SlashMatch {
  query: string
  /** The `/` and the query, removed when a block is inserted. */
  from: number
  to: number
}

interface SlashState {
  match: SlashMatch | null
  dismissedFrom: number | null
}

export interface SlashBridge {
  onKey: ((event: KeyboardEvent) => boolean) | null
}

export const slashKey = new PluginKey<SlashState>('slashMenu')

const SLASH = /(^|\s)\/([\p{L}\d]{0,24})$/u

export function findSlash(textBefore: string, cursor: number): SlashMatch | null {
  const found = SLASH.exec(textBefore)
  if (!found) return null
  const length = found[0].length - (found[1]?.length ?? 0)
  return { query: found[2] ?? '', from: cursor - length, to: cursor }
}

export function slashPlugin(bridge: SlashBridge, isEditable: () => boolean): Plugin<SlashState> {
  return new Plugin<SlashState>({
    key: slashKey,
    state: {
      init: () => ({ match: null, dismissedFrom: null }),
      apply(tr, previous, _old, state) {
        const meta = tr.getMeta(slashKey) as { dismiss?: boolean } | undefined
        const { selection } = state
        let match: SlashMatch | null = null
        const $from = selection.$from
        // Not inside code, where a slash is just a slash.
        if (isEditable() && selection.empty && $from.parent.isTextblock && !$from.parent.type.spec.code) {
          const start = Math.max(0, $from.parentOffset - 40)
          const text = $from.parent.textBetween(start, $from.parentOffset, undefined, '\ufffc')
          match = findSlash(text, selection.from)
        }
        let dismissedFrom = previous.dismissedFrom === null ? null : tr.mapping.map(previous.dismissedFrom)
        if (meta?.dismiss && match) dismissedFrom = match.from
        if (match && match.from === dismissedFrom) return { match: null, dismissedFrom }
        return { match, dismissedFrom: null }
      },
    },
    props: {
      handleKeyDown(view, event) {
        if (!slashKey.getState(view.state)?.match || !bridge.onKey) return false
        return bridge.onKey(event)
      },
    },
  })
}
