/**
 * A menu opened by what is typed before the cursor (`[[` or `@` for the page picker, `/` for the
 * blocks menu): the plugin keeps the current match, hands the menu's keys (arrows, Enter, Tab,
 * Escape) to it while one is open, and remembers an Escape until that trigger is gone.
 */
import { Plugin, type PluginKey } from '@tiptap/pm/state'

export interface TriggerMatch {
  query: string
  /** The trigger and its query, replaced by what the menu inserts. */
  from: number
  to: number
}

export interface TriggerState<M extends TriggerMatch> {
  match: M | null
  /** Where a dismissed trigger starts: it stays closed until that trigger is gone. */
  dismissedFrom: number | null
}

export interface TriggerBridge {
  /** Set by the menu while it is shown: returns true when it handled the key. */
  onKey: ((event: KeyboardEvent) => boolean) | null
}

export function triggerPlugin<M extends TriggerMatch>(options: {
  key: PluginKey<TriggerState<M>>
  bridge: TriggerBridge
  isEditable: () => boolean
  /** How much text before the cursor to look at. */
  lookBehind: number
  find: (textBefore: string, cursor: number) => M | null
  /** Text blocks where the trigger does not apply (code). */
  skip?: (parent: { type: { spec: { code?: boolean } } }) => boolean
}): Plugin<TriggerState<M>> {
  const { key, bridge } = options
  return new Plugin<TriggerState<M>>({
    key,
    state: {
      init: () => ({ match: null, dismissedFrom: null }),
      apply(tr, previous, _old, state) {
        const meta = tr.getMeta(key) as { dismiss?: boolean } | undefined
        const { selection } = state
        const $from = selection.$from
        let match: M | null = null
        if (
          options.isEditable() &&
          selection.empty &&
          $from.parent.isTextblock &&
          !options.skip?.($from.parent)
        ) {
          const start = Math.max(0, $from.parentOffset - options.lookBehind)
          const text = $from.parent.textBetween(start, $from.parentOffset, undefined, '\ufffc')
          match = options.find(text, selection.from)
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
        if (!key.getState(view.state)?.match || !bridge.onKey) return false
        return bridge.onKey(event)
      },
    },
  })
}

/** The list keys of a trigger menu: ↑/↓ move, Enter or Tab choose, Escape dismisses. */
export function listKeys(
  event: KeyboardEvent,
  menu: {
    count: number
    active: number
    setActive: (index: number) => void
    choose: () => boolean
    dismiss: () => void
  },
): boolean {
  const { count, active } = menu
  if (event.key === 'ArrowDown' && count > 0) {
    menu.setActive((active + 1) % count)
    return true
  }
  if (event.key === 'ArrowUp' && count > 0) {
    menu.setActive(active <= 0 ? count - 1 : active - 1)
    return true
  }
  if (event.key === 'Enter' || event.key === 'Tab') return menu.choose()
  if (event.key === 'Escape') {
    menu.dismiss()
    return true
  }
  return false
}
