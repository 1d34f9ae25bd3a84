/**
 * Word documents (.docx) to HTML with mammoth, which reads the document's structure (Word's
 * heading styles, numbered and bulleted lists with their levels, tables, footnotes) rather than
 * its looks. The archive is opened by readZip first, under the import's caps, so mammoth (which
 * has no caps of its own) only ever sees a document whose entries are known to fit. Comments and
 * tracked changes are counted from the XML and reported: mammoth keeps insertions and drops
 * deletions (the changes are accepted) and leaves comments out.
 */
import mammoth from 'mammoth'
import { ImportRefused, type ImportWarning } from './errors.ts'
import { IMAGE_PLACEHOLDER } from './image-placeholder.ts'
import { decodeEntities } from './text-formats.ts'
import { readZip, type ZipLimits, ZipRefused } from './zip.ts'

/** An Office file protected by a password is not a ZIP but an OLE compound file (CFB). */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

const STYLE_MAP = [
  // Word's Title style opens many documents: it is the page title (see importer.ts).
  "p[style-name='Title'] => h1.document-title:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  'p.Quote => blockquote > p:fresh',
  // Code paragraphs (a style named or with the id « Code », as Tisserand's DOCX export writes them).
  "p[style-name='Code'] => pre:separator('\\n')",
  "p.Code => pre:separator('\\n')",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  // French Word names its built-in styles in French when the document was written in French.
  "p[style-name='Titre'] => h1.document-title:fresh",
  "p[style-name='Citation'] => blockquote > p:fresh",
  "p[style-name='Citation intense'] => blockquote > p:fresh",
  // Underline is left out by mammoth's defaults (it mostly means nothing); the editor has it.
  'u => u',
]

export interface DocxHtml {
  html: string
  /** The text of a first paragraph in Word's Title style, taken out of `html`. */
  title: string | null
  /** The embedded images in the order mammoth met them; `<img src="import-image:N">` names them. */
  images: { bytes: Uint8Array; contentType: string }[]
  warnings: ImportWarning[]
}

export async function docxToHtml(bytes: Uint8Array, limits: ZipLimits): Promise<DocxHtml> {
  if (CFB_MAGIC.every((byte, i) => bytes[i] === byte))
    throw new ImportRefused(
      400,
      'invalid_file',
      'This Word file is encrypted (password-protected) or in the old .doc format: save it as an unprotected .docx',
    )
  let entries: Map<string, Uint8Array>
  try {
    entries = readZip(bytes, limits, (name) => name === 'word/document.xml' || name === 'word/comments.xml')
  } catch (error) {
    if (error instanceof ZipRefused)
      throw new ImportRefused(400, 'invalid_file', `Not a readable Word document: ${error.message}`)
    throw error
  }
  const documentXml = entries.get('word/document.xml')
  if (!documentXml)
    throw new ImportRefused(400, 'invalid_file', 'Not a Word document: word/document.xml is missing')
  const warnings = reviewWarnings(
    new TextDecoder().decode(documentXml),
    new TextDecoder().decode(entries.get('word/comments.xml') ?? new Uint8Array()),
  )

  const images: DocxHtml['images'] = []
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        // Linked (not embedded) images and other external files are never read.
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          images.push({ bytes: new Uint8Array(await image.readAsBuffer()), contentType: image.contentType })
          return { src: `${IMAGE_PLACEHOLDER}${images.length - 1}` }
        }),
      },
    )
  } catch (error) {
    throw new ImportRefused(
      400,
      'invalid_file',
      `The Word document could not be read: ${(error as Error).message}`,
    )
  }
  for (const message of result.messages) {
    // Unknown or undefined styles are expected (a style map cannot know every template, and a
    // style used without its definition still maps by id); the rest is told.
    if (message.type === 'warning' && /^Unrecognised|referenced but not defined/.test(message.message))
      continue
    warnings.push({ code: 'docx_message', message: message.message })
  }
  let html = result.value
  let title: string | null = null
  const titled = html.match(/^<h1 class="document-title">([\s\S]*?)<\/h1>/)
  if (titled) {
    title = decodeEntities((titled[1] ?? '').replace(/<[^>]+>/g, '')).trim() || null
    html = html.slice(titled[0].length)
  }
  return { html, title, images, warnings }
}

/** Comments and tracked changes, counted so the person importing knows what did not come in as is. */
function reviewWarnings(documentXml: string, commentsXml: string): ImportWarning[] {
  const warnings: ImportWarning[] = []
  const count = (xml: string, tag: string) => xml.match(new RegExp(`<w:${tag}[\\s>]`, 'g'))?.length ?? 0
  const comments = count(commentsXml, 'comment')
  if (comments > 0)
    warnings.push({
      code: 'docx_comments',
      count: comments,
      message: `${comments} comment(s) in the Word document were not imported`,
    })
  const insertions = count(documentXml, 'ins') + count(documentXml, 'moveTo')
  const deletions = count(documentXml, 'del') + count(documentXml, 'moveFrom')
  if (insertions + deletions > 0)
    warnings.push({
      code: 'docx_tracked_changes',
      count: insertions + deletions,
      message: `${insertions + deletions} tracked change(s) were accepted: insertions kept, deletions left out`,
    })
  return warnings
}
