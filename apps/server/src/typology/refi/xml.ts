/** A small XML writer: elements in the order given, attributes escaped, nothing implicit; and the one reader's settings. */
import { XMLParser } from 'fast-xml-parser'

/**
 * How REFI-QDA files are read: attributes as `@_name`, namespaces dropped, values as written
 * (no number parsing, no trimming), the elements named by `isArray` always as arrays.
 */
export function refiParser(isArray: (name: string) => boolean): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray,
    processEntities: true,
  })
}

export type XmlAttrs = Record<string, string | number | boolean | null | undefined>

export interface XmlNode {
  name: string
  attrs: XmlAttrs
  children: (XmlNode | string)[]
}

export function el(
  name: string,
  attrs: XmlAttrs = {},
  children: (XmlNode | string | null | false)[] = [],
): XmlNode {
  return { name, attrs, children: children.filter((c): c is XmlNode | string => c !== null && c !== false) }
}

/** Characters XML 1.0 does not allow, even escaped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

export function escapeText(text: string): string {
  return text.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
}

function render(node: XmlNode, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth)
  let open = `${pad}<${node.name}`
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value === null || value === undefined) continue
    open += ` ${key}="${escapeAttr(String(value))}"`
  }
  if (node.children.length === 0) {
    out.push(`${open}/>`)
    return
  }
  if (node.children.every((c) => typeof c === 'string')) {
    out.push(`${open}>${node.children.map((c) => escapeText(c as string)).join('')}</${node.name}>`)
    return
  }
  out.push(`${open}>`)
  for (const child of node.children) {
    if (typeof child === 'string') out.push(`${pad}  ${escapeText(child)}`)
    else render(child, depth + 1, out)
  }
  out.push(`${pad}</${node.name}>`)
}

export function xmlDocument(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>']
  render(root, 0, out)
  return `${out.join('\n')}\n`
}
