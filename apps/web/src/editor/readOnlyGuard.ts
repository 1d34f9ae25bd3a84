/**
 * Readers (commenters, viewers) get a body that takes the focus and moves a caret, so they can
 * select a passage with the keyboard to comment on it, but that refuses every change they could
 * make: typing, deleting, pasting, dropping, formatting. Only the collaboration binding may change
 * the document (other people's edits arriving). The server drops a reader's updates anyway.
 *
 * A contenteditable="false" body would be simpler, but browsers give it no caret.
 */
import { type Editor, Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'

export interface ReadOnlyStorage {
  readOnly: boolean
}

export const READ_ONLY_GUARD = 'readOnlyGuard'

export function isReadOnly(editor: Editor): boolean {
  return (
    (editor.storage as unknown as Record<string, ReadOnlyStorage | undefined>)[READ_ONLY_GUARD]?.readOnly ??
    false
  )
}

/** True when this user may change the text: the editor is editable and not guarded. */
export function canWrite(editor: Editor): boolean {
  return editor.isEditable && !isReadOnly(editor)
}

export const ReadOnlyGuard = Extension.create<object, ReadOnlyStorage>({
  name: READ_ONLY_GUARD,
  addStorage() {
    return { readOnly: false }
  },
  addProseMirrorPlugins() {
    const storage = this.storage
    return [
      new Plugin({
        key: new PluginKey(READ_ONLY_GUARD),
        filterTransaction: (tr) =>
          !storage.readOnly || !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined,
        props: {
          handleDOMEvents: {
            beforeinput: (_view, event) => {
              if (!storage.readOnly) return false
              event.preventDefault()
              return true
            },
          },
          handlePaste: () => storage.readOnly,
          handleDrop: () => storage.readOnly,
        },
      }),
    ]
  },
})
