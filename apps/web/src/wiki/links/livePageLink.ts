/**
 * The browser's pageLink: the shared schema node (packages/editor-schema) with a React node view
 * showing the target's live title, and the `[[` / `@` page picker's trigger watcher.
 */
import type { AnyExtension } from '@tiptap/core'
import { ReactNodeViewRenderer } from '@tiptap/react'
import { editorExtensions, PAGE_LINK, PageLink } from '@tisserand/editor-schema'
import { canWrite } from '../../editor/readOnlyGuard.ts'
import { PageLinkView } from './PageLinkView.tsx'
import { type PickerBridge, pickerPlugin } from './pickerPlugin.ts'

export interface LivePageLinkStorage {
  picker: PickerBridge
}

export const LivePageLink = PageLink.extend<object, LivePageLinkStorage>({
  addStorage() {
    return { picker: { onKey: null } }
  },
  addNodeView() {
    return ReactNodeViewRenderer(PageLinkView, { as: 'span' })
  },
  addProseMirrorPlugins() {
    return [pickerPlugin(this.storage.picker, () => canWrite(this.editor))]
  },
})

/** The shared editor extensions with the live page link in place of the bare one. */
export function browserEditorExtensions(): AnyExtension[] {
  return editorExtensions().map((extension) => (extension.name === PAGE_LINK ? LivePageLink : extension))
}
