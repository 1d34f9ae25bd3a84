/**
 * The one way into a page body for every format: HTML (written by mammoth for Word, by
 * markdown-it for Markdown, by the user for .html) is parsed by a real HTML parser (linkedom, on
 * htmlparser2), cleaned, then read by ProseMirror's DOMParser with the editor's own schema, whose
 * parse rules are the ones the browser applies to pasted HTML. Whatever the schema does not know is
 * dropped by that parser; the cleaning before it makes the rules that matter explicit: no script or
 * embedded content, no event handler, links only to http(s) and mailto, images only from bytes
 * the import holds (data: URIs, a DOCX's embedded images, files beside a document in a ZIP), never
 * fetched from a URL: an external image is replaced by its alt text.
 */

import { DOMParser as PmDomParser } from '@tiptap/pm/model'
import { parseHTML } from 'linkedom'
import { serverSchema } from '../../derive/page-content.ts'
import type { PmJson } from '../../pages/index.ts'
import type { ImportWarning } from './errors.ts'
import { IMAGE_PLACEHOLDER } from './image-placeholder.ts'

/**
 * The few DOM shapes this module uses (the server is compiled without the DOM library; linkedom
 * gives the objects).
 */
interface DomNode {
  nodeType: number
  childNodes: ArrayLike<DomNode> & Iterable<DomNode>
  textContent: string | null
}
interface DomText extends DomNode {
  data: string
}
interface DomElement extends DomNode {
  tagName: string
  isConnected: boolean
  parentElement: DomElement | null
  attributes: ArrayLike<{ name: string }> & Iterable<{ name: string }>
  children: ArrayLike<DomElement> & Iterable<DomElement>
  classList: { contains(name: string): boolean }
  firstElementChild: DomElement | null
  ownerDocument: { createTextNode(text: string): DomNode; createElement(tag: string): DomElement }
  querySelector(selector: string): DomElement | null
  querySelectorAll(selector: string): Iterable<DomElement>
  getAttribute(name: string): string | null
  setAttribute(name: string, value: string): void
  hasAttribute(name: string): boolean
  removeAttribute(name: string): void
  remove(): void
  replaceWith(...nodes: DomNode[]): void
  textContent: string | null
}

/** What an image's src names: an index into the import's images, or null (dropped, alt text kept). */
export type ImageResolver = (src: string) => number | null

/** The id of the Tisserand page a link's href names (it becomes a page link), or null. */
export type LinkResolver = (href: string) => string | null

/** Elements removed with everything inside them. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'link',
  'meta',
  'base',
  'head',
  'title',
  'form',
  'button',
  'select',
  'textarea',
  'svg',
  'math',
  'video',
  'audio',
  'canvas',
  'source',
  'track',
  'map',
  'dialog',
])

const SAFE_LINK = /^(https?:|mailto:)/i

/** Links a converter adds to go back from a footnote to its call: noise in a page. */
const BACK_LINK = /^#(footnote-ref-|endnote-ref-|comment-ref-|fnref)/

interface Counts {
  scripts: number
  handlers: number
  unsafeLinks: number
  externalImages: number
}

export function htmlToDoc(
  html: string,
  resolveImage: ImageResolver,
  resolveLink: LinkResolver = () => null,
): { doc: PmJson; warnings: ImportWarning[] } {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`)
  const counts: Counts = { scripts: 0, handlers: 0, unsafeLinks: 0, externalImages: 0 }
  const body = document.body as unknown as DomElement
  const touched = new Set<DomElement>()
  clean(body, resolveImage, resolveLink, counts, touched)
  tidyParagraphs(body, touched)
  markTaskLists(body)
  const node = PmDomParser.fromSchema(serverSchema()).parse(body as never)
  node.check()
  const warnings: ImportWarning[] = []
  if (counts.scripts > 0)
    warnings.push({
      code: 'scripts_removed',
      count: counts.scripts,
      message: 'Scripts and embedded content were removed',
    })
  if (counts.unsafeLinks > 0)
    warnings.push({
      code: 'links_removed',
      count: counts.unsafeLinks,
      message: 'Links other than http(s) and mailto were kept as text',
    })
  if (counts.externalImages > 0)
    warnings.push({
      code: 'external_images',
      count: counts.externalImages,
      message: 'Images from outside the file were not fetched (their description was kept as text)',
    })
  return { doc: node.toJSON() as PmJson, warnings }
}

function clean(
  root: DomElement,
  resolveImage: ImageResolver,
  resolveLink: LinkResolver,
  counts: Counts,
  touched: Set<DomElement>,
): void {
  // Depth first over a static list: elements are removed or unwrapped as we go.
  for (const element of [...root.querySelectorAll('*')]) {
    if (!element.isConnected) continue
    const tag = element.tagName.toLowerCase()
    if (element.parentElement) touched.add(element.parentElement)
    if (DROPPED.has(tag)) {
      if (tag === 'script' || tag === 'iframe' || tag === 'object' || tag === 'embed') counts.scripts++
      element.remove()
      continue
    }
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase()
      if (name.startsWith('on')) {
        counts.handlers++
        element.removeAttribute(attribute.name)
      } else if (name === 'srcset' || name === 'formaction' || name === 'xlink:href') {
        element.removeAttribute(attribute.name)
      }
    }
    if (tag === 'a') cleanLink(element, resolveLink, counts)
    else if (tag === 'img') cleanImage(element, resolveImage, counts)
    else if (tag === 'input' && element.getAttribute('type') !== 'checkbox') element.remove()
  }
  dropEmptyTableHeads(root)
}

/**
 * A GFM table always has a header row: Markdown writes a table without one (ours among others)
 * with an empty header. An all-empty head is that, not content.
 */
function dropEmptyTableHeads(root: DomElement): void {
  for (const head of [...root.querySelectorAll('thead')]) {
    if (!head.textContent?.trim() && !head.querySelector('img')) head.remove()
  }
}

function cleanLink(link: DomElement, resolveLink: LinkResolver, counts: Counts): void {
  const href = (link.getAttribute('href') ?? '').trim()
  if (BACK_LINK.test(href) || link.classList.contains('footnote-backref')) {
    link.remove()
    return
  }
  const pageId = href ? resolveLink(href) : null
  if (pageId) {
    // The editor's page link: an atom showing the target's live title (the text goes).
    const pageLink = link.ownerDocument.createElement('a')
    pageLink.setAttribute('data-page-link', '')
    pageLink.setAttribute('data-page-id', pageId)
    link.replaceWith(pageLink)
    return
  }
  if (SAFE_LINK.test(href)) {
    // Only the address is kept; target and rel are the editor's own.
    for (const attribute of [...link.attributes])
      if (attribute.name !== 'href') link.removeAttribute(attribute.name)
    return
  }
  // javascript:, data:, relative and in-page links: the text stays, the link goes.
  if (href && !href.startsWith('#')) counts.unsafeLinks++
  unwrap(link)
}

function cleanImage(img: DomElement, resolveImage: ImageResolver, counts: Counts): void {
  const src = (img.getAttribute('src') ?? '').trim()
  const index = src ? resolveImage(src) : null
  if (index === null) {
    counts.externalImages++
    const alt = (img.getAttribute('alt') ?? '').trim()
    if (alt) img.replaceWith(img.ownerDocument.createTextNode(alt))
    else img.remove()
    return
  }
  const alt = img.getAttribute('alt')
  const title = img.getAttribute('title')
  for (const attribute of [...img.attributes]) img.removeAttribute(attribute.name)
  img.setAttribute('src', `${IMAGE_PLACEHOLDER}${index}`)
  if (alt) img.setAttribute('alt', alt)
  if (title) img.setAttribute('title', title)
}

/**
 * Paragraphs that held only images become the images (an image is a block of its own: left in
 * a paragraph it would leave an empty line before it), and paragraphs the cleaning emptied go.
 */
function tidyParagraphs(root: DomElement, touched: Set<DomElement>): void {
  for (const paragraph of [...root.querySelectorAll('p')]) {
    const elements = [...paragraph.children]
    const text = (paragraph.textContent ?? '').trim()
    if (text === '' && elements.length > 0 && elements.every((e) => e.tagName.toLowerCase() === 'img'))
      unwrap(paragraph)
    else if (text === '' && elements.length === 0 && touched.has(paragraph)) paragraph.remove()
  }
}

function unwrap(element: DomElement): void {
  element.replaceWith(...Array.from(element.childNodes))
}

const TASK_MARK = /^\s*\[( |x|X)\]\s+/

/**
 * GitHub task lists (`- [ ] item`, or `<li><input type=checkbox>`) as the editor's task list: a
 * list whose every item starts with a box becomes one, the box becoming the item's checked state.
 */
function markTaskLists(root: DomElement): void {
  for (const list of [...root.querySelectorAll('ul')]) {
    const items = [...list.children].filter((child) => child.tagName.toLowerCase() === 'li')
    const states = items.map(taskState)
    if (items.length === 0 || states.some((state) => state === null)) continue
    list.setAttribute('data-type', 'taskList')
    items.forEach((item, i) => {
      item.setAttribute('data-type', 'taskItem')
      item.setAttribute('data-checked', String(states[i]))
      const box = item.querySelector('input[type="checkbox"]')
      if (box) box.remove()
      else stripTaskMark(item)
    })
  }
  for (const box of [...root.querySelectorAll('input')]) box.remove()
}

function taskState(item: DomElement): boolean | null {
  const box = item.querySelector('input[type="checkbox"]')
  if (box && (item.textContent ?? '').trim() !== '' && firstText(item) !== null) {
    const before = item.firstElementChild === box || item.firstElementChild?.firstElementChild === box
    if (before) return box.hasAttribute('checked')
  }
  const text = firstText(item)
  const match = text?.data.match(TASK_MARK)
  return match ? match[1] !== ' ' : null
}

function firstText(node: DomNode): DomText | null {
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      if ((child as DomText).data.trim() !== '') return child as DomText
      continue
    }
    if (child.nodeType === 1) {
      const tag = (child as DomElement).tagName.toLowerCase()
      if (tag === 'ul' || tag === 'ol') return null
      const found = firstText(child)
      if (found) return found
    }
  }
  return null
}

function stripTaskMark(item: DomElement): void {
  const text = firstText(item)
  if (text) text.data = text.data.replace(TASK_MARK, '')
}
