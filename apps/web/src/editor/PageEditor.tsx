import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { type Editor, EditorContent, useEditor } from '@tiptap/react'
import { BODY_FRAGMENT } from '@tisserand/sync-protocol'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { CodedPassages } from '../coding/codedPassages.ts'
import { CommentHighlights } from '../comments/commentHighlights.ts'
import { AuthorHighlights } from '../history/authorHighlights.ts'
import type { Identity } from '../identity/identity.ts'
import { withLiveQuotations } from '../quotations/liveQuotations.ts'
import type { PageConnection } from '../sync/pageConnection.ts'
import { browserEditorExtensions } from '../wiki/links/livePageLink.ts'
import { PagePicker } from '../wiki/links/PagePicker.tsx'

interface PageEditorProps {
  connection: PageConnection
  identity: Identity
  editable: boolean
  /** Told when the editor instance is created or replaced (comments attach to it). */
  onEditor?: (editor: Editor | null) => void
}

/** The page body, bound to the page's Y.Doc; other writers appear as named, coloured carets. */
export function PageEditor({ connection, identity, editable, onEditor }: PageEditorProps) {
  const { t, i18n } = useTranslation()

  // Typed as never null, but it is null for a moment while the editor is being re-created.
  const editor: Editor | null = useEditor(
    {
      extensions: [
        // The shared schema, with page links showing live titles and the [[ / @ page picker, and
        // quotations and evidence tables following their sources (quotations/), `/citer` too.
        ...withLiveQuotations(browserEditorExtensions()),
        Collaboration.configure({ document: connection.doc, field: BODY_FRAGMENT }),
        CollaborationCaret.configure({ provider: connection.provider, user: identity }),
        // Commented passages, drawn as decorations from anchors kept beside the document.
        CommentHighlights,
        // Coded passages in their codes' colours, from anchors too (coding/codedPassages.ts).
        CodedPassages,
        // "Who wrote what", when its toggle is on (history/WhoWrote.tsx).
        AuthorHighlights,
      ],
      editable,
      editorProps: { attributes: editorAttributes(editable) },
    },
    // A new editor per connection; name, editability and language are updated in place below.
    [connection],
  )

  function editorAttributes(isEditable: boolean): Record<string, string> {
    return {
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-readonly': String(!isEditable),
      'aria-label': t('page.editorLabel'),
      'data-placeholder': t('page.placeholder'),
      class: 'page-body',
    }
  }

  useEffect(() => {
    onEditor?.(editor)
    return () => onEditor?.(null)
  }, [editor, onEditor])

  // ProseMirror reads typed text from the DOM a moment later (up to 20 ms). When the tab closes
  // or the connection ends within that moment, have it read now, so the text reaches the Y.Doc
  // and its copy on the device.
  useEffect(() => {
    if (!editor) return
    const flush = () => {
      try {
        ;(editor.view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush()
      } catch {
        // The view is gone already.
      }
    }
    window.addEventListener('pagehide', flush, { capture: true })
    const stop = connection.onBeforeDestroy(flush)
    return () => {
      window.removeEventListener('pagehide', flush, { capture: true })
      stop()
    }
  }, [editor, connection])

  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    editor.commands.updateUser({ name: identity.name, color: identity.color })
  }, [editor, identity.name, identity.color])

  // biome-ignore lint/correctness/useExhaustiveDependencies: the attributes change with editability and language only
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    if (editor.isEditable !== editable) editor.setEditable(editable)
    editor.setOptions({ editorProps: { attributes: editorAttributes(editable) } })
  }, [editor, editable, i18n.resolvedLanguage])

  return (
    <>
      <EditorContent editor={editor} className="editor" />
      <PagePicker editor={editor} />
    </>
  )
}
