import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { type Editor, EditorContent, useEditor } from '@tiptap/react'
import { BODY_FRAGMENT } from '@tisserand/sync-protocol'
import { type ChangeEvent, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client.ts'
import { errorMessage } from '../api/errorMessage.ts'
import { CodedPassages } from '../coding/codedPassages.ts'
import { CommentHighlights } from '../comments/commentHighlights.ts'
import { AuthorHighlights } from '../history/authorHighlights.ts'
import type { Identity } from '../identity/identity.ts'
import { withLiveQuotations } from '../quotations/liveQuotations.ts'
import type { PageConnection } from '../sync/pageConnection.ts'
import { browserEditorExtensions } from '../wiki/links/livePageLink.ts'
import { PagePicker } from '../wiki/links/PagePicker.tsx'
import { AltTextDialog } from './AltTextDialog.tsx'
import { BubbleToolbar } from './BubbleToolbar.tsx'
import { renderCaret } from './caretMarker.ts'
import { EditorToolbar } from './EditorToolbar.tsx'
import { EditorAids, editorAidsOf } from './editorAids.ts'
import type { CommandHost } from './formatCommands.ts'
import {
  guidanceBySection,
  guidancePlaceholder,
  type PlaceholderTexts,
  refreshPlaceholders,
  type TemplateSection,
} from './guidancePlaceholder.ts'
import { IMAGE_ACCEPT, insertImages } from './imageUpload.ts'
import { LinkDialog } from './LinkDialog.tsx'
import { PresenceBar } from './PresenceBar.tsx'
import { pasteHandling } from './pasteHandling.ts'
import { READ_ONLY_GUARD, ReadOnlyGuard, type ReadOnlyStorage } from './readOnlyGuard.ts'
import { SlashMenu } from './SlashMenu.tsx'
import './editor.css'

interface PageEditorProps {
  connection: PageConnection
  identity: Identity
  editable: boolean
  workspaceId: string
  /** The template's sections, for a case sheet's placeholders; none for other pages. */
  guidance?: TemplateSection[]
  /** Told when the editor instance is created or replaced (comments attach to it). */
  onEditor?: (editor: Editor | null) => void
}

type Dialog = 'link' | 'alt' | null

/**
 * The page body, bound to the page's Y.Doc; other writers appear as named, coloured carets.
 * Writers get a toolbar, a `/` menu, a bubble toolbar on selections, image upload and paste.
 */
export function PageEditor({
  connection,
  identity,
  editable,
  workspaceId,
  guidance,
  onEditor,
}: PageEditorProps) {
  const { t, i18n } = useTranslation()
  const [dialog, setDialog] = useState<Dialog>(null)
  const [status, setStatus] = useState<string | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)

  const guidanceMap = useMemo(() => guidanceBySection(guidance ?? []), [guidance])
  const texts = useRef<PlaceholderTexts>({ emptyPage: '', guidance: guidanceMap })
  texts.current = { emptyPage: t('editor.placeholder'), guidance: guidanceMap }
  const workspace = useRef(workspaceId)
  workspace.current = workspaceId

  const uploadFailed = (error: unknown) => {
    const reason =
      error instanceof ApiError && error.code === 'payload_too_large'
        ? t('editor.image.tooLarge')
        : error instanceof ApiError && error.code === 'not_an_image'
          ? t('editor.image.notImage')
          : errorMessage(t, error)
    setStatus(t('editor.image.failed', { reason }))
  }
  const onUploadError = useRef(uploadFailed)
  onUploadError.current = uploadFailed

  // Typed as never null, but it is null for a moment while the editor is being re-created.
  const editor: Editor | null = useEditor(
    {
      extensions: [
        // The shared schema, with page links showing live titles and the [[ / @ page picker, and
        // quotations and evidence tables following their sources (quotations/), `/citer` too.
        ...withLiveQuotations(browserEditorExtensions()),
        Collaboration.configure({ document: connection.doc, field: BODY_FRAGMENT }),
        CollaborationCaret.configure({ provider: connection.provider, user: identity, render: renderCaret }),
        // Commented passages, drawn as decorations from anchors kept beside the document.
        CommentHighlights,
        // Coded passages in their codes' colours, from anchors too (coding/codedPassages.ts).
        CodedPassages,
        // "Who wrote what", when its toggle is on (history/WhoWrote.tsx).
        AuthorHighlights,
        guidancePlaceholder(() => texts.current),
        pasteHandling({
          workspaceId: () => workspace.current,
          onError: (error) => onUploadError.current(error),
        }),
        EditorAids,
        ReadOnlyGuard,
      ],
      // Always editable for the browser (a caret, keyboard selection); readers are guarded.
      editable: true,
      editorProps: { attributes: editorAttributes(editable) },
      onCreate: ({ editor: created }) => setReadOnly(created, !editable),
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
      class: isEditable ? 'page-body' : 'page-body is-read-only',
    }
  }

  const host = useMemo<CommandHost>(
    () => ({
      editLink: () => setDialog('link'),
      pickImage: () => fileInput.current?.click(),
    }),
    [],
  )

  useEffect(() => {
    const aids = editor ? editorAidsOf(editor) : undefined
    if (!aids) return
    aids.host = host
    return () => {
      aids.host = null
    }
  }, [editor, host])

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
    setReadOnly(editor, !editable)
    refreshPlaceholders(editor)
    editor.setOptions({ editorProps: { attributes: editorAttributes(editable) } })
  }, [editor, editable, i18n.resolvedLanguage])

  // biome-ignore lint/correctness/useExhaustiveDependencies: the placeholders' texts change with these
  useEffect(() => {
    if (editor) refreshPlaceholders(editor)
  }, [editor, guidanceMap, i18n.resolvedLanguage])

  const pickedFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])]
    event.target.value = ''
    if (!editor || files.length === 0) return
    setStatus(t('editor.image.uploading'))
    let failed = false
    await insertImages(editor, workspaceId, files, (error) => {
      failed = true
      uploadFailed(error)
    })
    if (!failed) setStatus(null)
  }

  const canWrite = editable && editor !== null && !editor.isDestroyed
  return (
    <>
      <PresenceBar connection={connection} />
      {canWrite && <EditorToolbar editor={editor} host={host} onEditAlt={() => setDialog('alt')} />}
      <EditorContent editor={editor} className="editor" />
      <PagePicker editor={editor} />
      <SlashMenu editor={editor} host={host} />
      {canWrite && <BubbleToolbar editor={editor} host={host} />}
      <input
        ref={fileInput}
        type="file"
        accept={IMAGE_ACCEPT}
        multiple
        hidden
        aria-label={t('editor.image.pick')}
        onChange={pickedFiles}
      />
      <p className="editor-status" role="status">
        {status}
      </p>
      {dialog === 'link' && editor && <LinkDialog editor={editor} onClose={() => setDialog(null)} />}
      {dialog === 'alt' && editor && <AltTextDialog editor={editor} onClose={() => setDialog(null)} />}
    </>
  )
}

function setReadOnly(editor: Editor, readOnly: boolean): void {
  const storage = (editor.storage as unknown as Record<string, ReadOnlyStorage | undefined>)[READ_ONLY_GUARD]
  if (storage) storage.readOnly = readOnly
}
