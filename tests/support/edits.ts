/** Random edits shaped like ProseMirror typing: text inside paragraphs of the `default` fragment. */
import * as Y from 'yjs'

/** Small deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = [
  'gouvernance',
  'solidarité',
  'école',
  'besoins',
  'voisins',
  'projet',
  'é',
  'ç',
  '🙂',
  ' ',
  ' ',
  'a',
]

export function addParagraph(body: Y.XmlFragment, text: string, index = body.length): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph')
  const content = new Y.XmlText()
  content.insert(0, text)
  paragraph.insert(0, [content])
  body.insert(index, [paragraph])
  return content
}

function textOf(paragraph: Y.XmlElement): Y.XmlText {
  const first = paragraph.get(0)
  if (first instanceof Y.XmlText) return first
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  return text
}

/** One random insert (most of the time), delete or new paragraph, in one transaction. */
export function randomEdit(doc: Y.Doc, random: () => number): void {
  const body = doc.getXmlFragment('default')
  doc.transact(() => {
    if (body.length === 0 || random() < 0.05) {
      addParagraph(
        body,
        WORDS[Math.floor(random() * WORDS.length)] ?? 'a',
        Math.floor(random() * (body.length + 1)),
      )
      return
    }
    const paragraph = body.get(Math.floor(random() * body.length))
    if (!(paragraph instanceof Y.XmlElement)) return
    const text = textOf(paragraph)
    if (text.length > 0 && random() < 0.3) {
      const at = Math.floor(random() * text.length)
      text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 3)))
    } else {
      text.insert(Math.floor(random() * (text.length + 1)), WORDS[Math.floor(random() * WORDS.length)] ?? 'a')
    }
  })
}
