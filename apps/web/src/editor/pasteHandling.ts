/**
 * What arrives by paste or drop: image files are uploaded and inserted; HTML with images (a web
 * page, Word) has each image uploaded first, then goes in with its tables and formatting;
 * Markdown pasted as plain text is converted. Anything else is left to ProseMirror, which reads
 * HTML through the shared schema (tables included).
 */
import { type Editor, Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { marked } from 'marked'
import { insertImages, isImageFile, uploadImage } from './imageUpload.ts'

export interface PasteOptions {
  workspaceId: () => string | null
  onError: (error: unknown) => void
}

const MARKDOWN_BLOCK = /^(#{1,6}\s|\s*[-*+]\s+\S|\s*\d+[.)]\s+\S|>\s|```|\|.+\|\s*$)/m
const MARKDOWN_INLINE = /(\*\*[^*\n]+\*\*|__[^_\n]+__|\[[^\]\n]+\]\([^)\s]+\)|`[^`\n]+`)/

/** Plain text that reads as Markdown: a heading, a list, a quote, a fence, a table row, or inline marks. */
export function looksLikeMarkdown(text: string): boolean {
  return MARKDOWN_BLOCK.test(text) || MARKDOWN_INLINE.test(text)
}

export function markdownToHtml(text: string): string {
  return marked.parse(text, { async: false, gfm: true, breaks: false })
}

/** Uploads the images of pasted HTML; an image that cannot be fetched is replaced by its alt text. */
export async function uploadPastedImages(html: string, workspaceId: string): Promise<string> {
  const document = new DOMParser().parseFromString(html, 'text/html')
  for (const img of [...document.querySelectorAll('img')]) {
    const src = img.getAttribute('src') ?? ''
    if (src.startsWith('/api/files/')) continue
    try {
      const response = await fetch(src)
      const blob = await response.blob()
      if (!response.ok || !blob.type.startsWith('image/')) throw new Error('not an image')
      const uploaded = await uploadImage(workspaceId, blob, src.split('/').pop()?.slice(0, 80) || 'image')
      img.setAttribute('src', uploaded.url)
    } catch {
      img.replaceWith(document.createTextNode(img.getAttribute('alt') ?? ''))
    }
  }
  return document.body.innerHTML
}

async function pasteHtmlWithImages(editor: Editor, html: string, options: PasteOptions) {
  const workspaceId = options.workspaceId()
  if (!workspaceId) return
  try {
    const ready = await uploadPastedImages(html, workspaceId)
    if (!editor.isDestroyed) editor.chain().focus().insertContent(ready).run()
  } catch (error) {
    options.onError(error)
  }
}

export function pasteHandling(options: PasteOptions) {
  return Extension.create({
    name: 'pasteHandling',
    addProseMirrorPlugins() {
      const editor = this.editor
      return [
        new Plugin({
          key: new PluginKey('pasteHandling'),
          props: {
            handlePaste(_view, event) {
              const data = event.clipboardData
              const workspaceId = options.workspaceId()
              if (!data || !workspaceId) return false
              const html = data.getData('text/html')
              const files = [...data.files].filter(isImageFile)
              if (files.length > 0 && !html) {
                void insertImages(editor, workspaceId, files, options.onError)
                return true
              }
              if (html && /<img[\s>]/i.test(html)) {
                void pasteHtmlWithImages(editor, html, options)
                return true
              }
              const text = data.getData('text/plain')
              if (!html && text && looksLikeMarkdown(text)) {
                editor.chain().focus().insertContent(markdownToHtml(text)).run()
                return true
              }
              return false
            },
            handleDrop(view, event, _slice, moved) {
              const workspaceId = options.workspaceId()
              const files = [...(event.dataTransfer?.files ?? [])].filter(isImageFile)
              if (moved || !workspaceId || files.length === 0) return false
              event.preventDefault()
              const pos = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos
              void insertImages(editor, workspaceId, files, options.onError, pos)
              return true
            },
          },
        }),
      ]
    },
  })
}
