/**
 * A ProseMirror-shaped typing model: the body is the `default` XmlFragment of paragraphs, each a
 * Y.XmlElement('paragraph') holding one Y.XmlText, as TipTap's Collaboration extension lays it out.
 * Every call to `keystroke()` is one transaction, hence one Yjs update, like one key press in the
 * editor: mostly a character inserted at a moving cursor, some backspaces, word deletions,
 * paragraph splits (Enter) and cursor jumps.
 */
import * as Y from 'yjs'
import { type Rng, randomInt } from './prng.ts'

export const BODY = 'default'

export interface TypingMix {
  /** Probability that a keystroke is a backspace. */
  backspace: number
  /** Probability that a keystroke deletes a selection (1–20 characters). */
  deleteSelection: number
  /** Probability that a keystroke splits the paragraph (Enter). */
  enter: number
  /** Probability, before a keystroke, that the cursor jumps to a random place. */
  jump: number
}

/** Realistic prose editing: ~88 % inserts. */
export const PROSE_MIX: TypingMix = { backspace: 0.07, deleteSelection: 0.01, enter: 0.025, jump: 0.01 }
/** Only inserts and paragraph splits: every keystroke adds items, so it can be counted exactly. */
export const INSERT_ONLY_MIX: TypingMix = { backspace: 0, deleteSelection: 0, enter: 0.025, jump: 0.01 }

const LETTERS =
  'eeeeeeeeeeeettttttttaaaaaaaoooooooiiiiiiinnnnnnnsssssshhhhhhrrrrrrddddlllluuucccmmmwwffggyyppbbvkjxqz'

export type KeystrokeKind = 'insert' | 'backspace' | 'deleteSelection' | 'enter'

export class Typist {
  private paragraph: Y.XmlElement | null = null
  private text: Y.XmlText | null = null
  private offset = 0
  private wordLeft = 0
  private readonly fragment: Y.XmlFragment

  constructor(
    readonly doc: Y.Doc,
    private readonly rng: Rng,
    private readonly mix: TypingMix = PROSE_MIX,
  ) {
    this.fragment = doc.getXmlFragment(BODY)
  }

  /** Performs one keystroke as one transaction. */
  keystroke(): KeystrokeKind {
    let kind: KeystrokeKind = 'insert'
    this.doc.transact(() => {
      this.ensureCursor()
      if (this.rng() < this.mix.jump) this.jump()
      const text = this.text as Y.XmlText
      this.offset = Math.min(this.offset, text.length)
      const r = this.rng()
      if (r < this.mix.backspace && this.offset > 0) {
        text.delete(this.offset - 1, 1)
        this.offset -= 1
        kind = 'backspace'
      } else if (r < this.mix.backspace + this.mix.deleteSelection && this.offset > 0) {
        const n = Math.min(this.offset, 1 + randomInt(this.rng, 20))
        text.delete(this.offset - n, n)
        this.offset -= n
        kind = 'deleteSelection'
      } else if (r < this.mix.backspace + this.mix.deleteSelection + this.mix.enter) {
        this.splitParagraph()
        kind = 'enter'
      } else {
        const chars = this.nextChar()
        text.insert(this.offset, chars)
        this.offset += chars.length
      }
    })
    return kind
  }

  /** The cursor as y-prosemirror shares it in awareness (relative positions as JSON). */
  cursor(): { anchor: unknown; head: unknown } {
    this.ensureCursor()
    const text = this.text as Y.XmlText
    const pos = Y.relativePositionToJSON(
      Y.createRelativePositionFromTypeIndex(text, Math.min(this.offset, text.length)),
    )
    return { anchor: pos, head: pos }
  }

  /** Moves the cursor somewhere else without editing (for presence-only clients). */
  moveCursor(): void {
    this.ensureCursor()
    if (this.rng() < 0.2) this.jump()
    else {
      const text = this.text as Y.XmlText
      this.offset = Math.max(0, Math.min(text.length, this.offset + randomInt(this.rng, 7) - 3))
    }
  }

  private ensureCursor(): void {
    if (this.paragraph && this.text && isLive(this.paragraph) && isLive(this.text)) return
    if (this.fragment.length === 0) {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText()])
      this.fragment.insert(0, [p])
    }
    this.jump()
  }

  private jump(): void {
    const index = randomInt(this.rng, this.fragment.length)
    const node = this.fragment.get(index)
    if (!(node instanceof Y.XmlElement)) return
    let text = node.get(0)
    if (!(text instanceof Y.XmlText)) {
      text = new Y.XmlText()
      node.insert(0, [text])
    }
    this.paragraph = node
    this.text = text as Y.XmlText
    this.offset = randomInt(this.rng, this.text.length + 1)
  }

  private splitParagraph(): void {
    const paragraph = this.paragraph as Y.XmlElement
    const text = this.text as Y.XmlText
    const rest = text.toString().slice(this.offset)
    if (rest.length > 0) text.delete(this.offset, rest.length)
    const next = new Y.XmlElement('paragraph')
    const nextText = new Y.XmlText()
    next.insert(0, [nextText])
    const index = this.fragment.toArray().indexOf(paragraph)
    this.fragment.insert(index + 1, [next])
    if (rest.length > 0) nextText.insert(0, rest)
    this.paragraph = next
    this.text = nextText
    this.offset = 0
  }

  private nextChar(): string {
    if (this.wordLeft <= 0) {
      this.wordLeft = 2 + randomInt(this.rng, 8)
      const r = this.rng()
      return r < 0.06 ? '. ' : r < 0.1 ? ', ' : ' '
    }
    this.wordLeft -= 1
    return LETTERS.charAt(randomInt(this.rng, LETTERS.length))
  }
}

function isLive(type: { _item: Y.Item | null }): boolean {
  return type._item !== null && !type._item.deleted
}
