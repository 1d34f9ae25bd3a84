/**
 * A live quotation of a coded passage: a block atom naming the coding by id. It stores nothing
 * else, not even the quoted text: the server derives the source's current text, title and codes,
 * and the browser's node view shows them and follows the source's edits.
 */
import { mergeAttributes, Node } from '@tiptap/core'

export const QUOTATION = 'quotation'

export const Quotation = Node.create({
  name: QUOTATION,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      codingId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-coding-id'),
        renderHTML: (attributes) => ({ 'data-coding-id': attributes.codingId }),
      },
    }
  },

  parseHTML() {
    return [{ tag: 'blockquote[data-quotation]', priority: 60 }]
  },

  renderHTML({ HTMLAttributes }) {
    // The text is filled in by the browser's node view (or an export) from the live source.
    return ['blockquote', mergeAttributes({ 'data-quotation': '' }, HTMLAttributes)]
  },
})
