/**
 * How another writer's caret is drawn: a thin bar in their colour with their name above it.
 *
 * The name is painted by CSS from a `data-name` attribute rather than written as a text node, so it
 * is not part of the page's text: screen readers do not read names in the middle of a sentence,
 * and nothing that reads the editor's text (find in page, tests, copy fallbacks) sees them.
 */

/** Colours come from other clients' awareness states: only plain hex colours are drawn. */
const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i
const FALLBACK_COLOUR = '#5f6b7a'

export interface CaretUser {
  name?: unknown
  color?: unknown
}

export function caretColour(user: CaretUser): string {
  return typeof user.color === 'string' && HEX_COLOUR.test(user.color) ? user.color : FALLBACK_COLOUR
}

export function renderCaret(user: CaretUser): HTMLElement {
  const colour = caretColour(user)
  const caret = document.createElement('span')
  caret.className = 'collaboration-carets__caret'
  caret.setAttribute('aria-hidden', 'true')
  caret.style.borderColor = colour
  const label = document.createElement('span')
  label.className = 'collaboration-carets__label'
  label.dataset.name = typeof user.name === 'string' ? user.name : ''
  label.style.backgroundColor = colour
  caret.append(label)
  return caret
}
