/**
 * A link to another page of the workspace, by id. It is an inline atom that stores only the
 * target's id: the browser shows the target's current title, so links survive renames and moves,
 * and the server reads the ids back from the Y.Doc to list backlinks.
 */
import { mergeAttributes, Node } from '@tiptap/core'

export const PAGE_LINK = 'pageLink'

export const PageLink = Node.create({
  name: PAGE_LINK,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,

  addAttributes() {
    return {
      pageId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-page-id'),
        renderHTML: (attributes) => ({ 'data-page-id': attributes.pageId }),
      },
    }
  },

  parseHTML() {
    return [{ tag: 'a[data-page-link]' }]
  },

  renderHTML({ node, HTMLAttributes }) {
    // The title is filled in by the browser's node view from the live page list.
    return [
      'a',
      mergeAttributes({ 'data-page-link': '', href: `#/p/${node.attrs.pageId ?? ''}` }, HTMLAttributes),
    ]
  },

  renderText({ node }) {
    return `[[${node.attrs.pageId ?? ''}]]`
  },
})
