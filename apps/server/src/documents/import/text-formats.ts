/**
 * Markdown, HTML and plain text files to HTML for htmlToDoc. Markdown is read by markdown-it
 * (CommonMark, with GitHub's tables and strikethrough built in, footnotes by its own
 * markdown-it-footnote; task lists are recognised by htmlToDoc); raw HTML inside Markdown goes
 * through the same cleaning as an .html file.
 */
import MarkdownIt from 'markdown-it'
import footnote from 'markdown-it-footnote'
import { parse as parseYaml } from 'yaml'
import { ImportRefused } from './errors.ts'

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false }).use(
  footnote as unknown as (md: InstanceType<typeof MarkdownIt>) => void,
)

/** The file's text: UTF-8 (a byte-order mark is dropped); anything else is not a text file. */
export function decodeText(bytes: Uint8Array, name: string): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new ImportRefused(400, 'invalid_file', `${name} is not UTF-8 text`)
  }
  if (text.includes('\u0000')) throw new ImportRefused(400, 'invalid_file', `${name} is not a text file`)
  return text
}

export const markdownToHtml = (text: string) => markdown.render(text)

/** Front matter larger than this is not read as front matter (it stays in the text). */
const MAX_FRONT_MATTER = 64 * 1024

/**
 * YAML front matter (`---` … `---` opening the file, as Tisserand's Markdown archive and most
 * note-taking tools write it): its fields, and the Markdown after it. Aliases are refused, so a
 * few lines cannot expand into gigabytes; front matter that is not valid YAML is dropped, told.
 */
export function splitFrontMatter(text: string): {
  data: Record<string, unknown> | null
  body: string
  invalid: boolean
} {
  const match = text.match(/^---[ \t]*\r?\n([\s\S]*?)\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)/)
  if (!match || match[0].length > MAX_FRONT_MATTER) return { data: null, body: text, invalid: false }
  const body = text.slice(match[0].length)
  try {
    const data: unknown = parseYaml(match[1] ?? '', { maxAliasCount: 0, prettyErrors: false })
    if (data && typeof data === 'object' && !Array.isArray(data))
      return { data: data as Record<string, unknown>, body, invalid: false }
    return { data: null, body, invalid: data !== null && data !== undefined }
  } catch {
    return { data: null, body, invalid: true }
  }
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Plain text: a paragraph per run of lines separated by a blank line; single line breaks kept. */
export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${block.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('')
}

/** An HTML document's body (or the whole text when it is a fragment). */
export function htmlBody(text: string): string {
  const match = text.match(/<body[^>]*>([\s\S]*?)(<\/body>|$)/i)
  return match ? (match[1] ?? '') : text
}

/** The HTML document's <title>, if any. */
export function htmlTitle(text: string): string | null {
  const match = text.match(/<title[^>]*>([^<]*)<\/title>/i)
  const title = match?.[1]?.trim()
  return title ? decodeEntities(title) : null
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&')
}
