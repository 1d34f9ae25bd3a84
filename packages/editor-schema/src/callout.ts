/**
 * A callout: a tinted box around one or more blocks, to set a remark, a warning or a method note
 * apart from the prose (as Notion's and Docmost's callouts do). Its tone is one of a few names,
 * never a colour, so every tone keeps a contrast checked once in the stylesheet.
 */
import { mergeAttributes, Node } from '@tiptap/core'

export const CALLOUT = 'callout'
export const CALLOUT_TONES = ['info', 'warning', 'success'] as const
export type CalloutTone = (typeof CALLOUT_TONES)[number]

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    callout: {
      /** Wraps the selected blocks in a callout, or lifts them out of the one they are in. */
      toggleCallout: (tone?: CalloutTone) => ReturnType
    }
  }
}

function toneOf(value: string | null): CalloutTone {
  return (CALLOUT_TONES as readonly string[]).includes(value ?? '') ? (value as CalloutTone) : 'info'
}

export const Callout = Node.create({
  name: CALLOUT,
  group: 'block',
  content: 'block+',
  defining: true,

  addAttributes() {
    return {
      tone: {
        default: 'info',
        parseHTML: (element) => toneOf(element.getAttribute('data-tone')),
        renderHTML: (attributes) => ({ 'data-tone': toneOf(attributes.tone) }),
      },
    }
  },

  parseHTML() {
    return [{ tag: 'div[data-callout]' }, { tag: 'aside' }]
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes({ 'data-callout': '', role: 'note' }, HTMLAttributes), 0]
  },

  addCommands() {
    return {
      toggleCallout:
        (tone = 'info') =>
        ({ commands }) =>
          commands.toggleWrap(this.name, { tone }),
    }
  },
})
