/**
 * The formatting and insertion commands, defined once for the toolbar, the `/` menu and the
 * bubble toolbar: what each does, whether it is on at the cursor, and its keyboard shortcut
 * (TipTap's own bindings, shown to the user; Mod is Ctrl, or ⌘ on a Mac).
 */
import type { Editor } from '@tiptap/core'

export type CommandId =
  | 'paragraph'
  | 'heading1'
  | 'heading2'
  | 'heading3'
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strike'
  | 'code'
  | 'link'
  | 'bulletList'
  | 'orderedList'
  | 'taskList'
  | 'blockquote'
  | 'codeBlock'
  | 'horizontalRule'
  | 'table'
  | 'image'
  | 'callout'

/** What the editor UI provides to commands that need more than the editor (a dialog, a file). */
export interface CommandHost {
  editLink(): void
  pickImage(): void
}

export interface FormatCommand {
  id: CommandId
  /** A short glyph for the button; the accessible name is the translated label. */
  glyph: string
  /** TipTap key binding, e.g. 'Mod-b'; shown, not bound here. */
  keys?: string
  /** Words the `/` menu also matches (French and English). */
  aliases: string
  run(editor: Editor, host: CommandHost): void
  isActive?(editor: Editor): boolean
}

const chain = (editor: Editor) => editor.chain().focus()

export const COMMANDS: Record<CommandId, FormatCommand> = {
  paragraph: {
    id: 'paragraph',
    glyph: '¶',
    keys: 'Mod-Alt-0',
    aliases: 'texte paragraphe text paragraph',
    run: (e) => chain(e).setParagraph().run(),
  },
  heading1: {
    id: 'heading1',
    glyph: 'T1',
    keys: 'Mod-Alt-1',
    aliases: 'titre h1 heading',
    run: (e) => chain(e).toggleHeading({ level: 1 }).run(),
    isActive: (e) => e.isActive('heading', { level: 1 }),
  },
  heading2: {
    id: 'heading2',
    glyph: 'T2',
    keys: 'Mod-Alt-2',
    aliases: 'titre h2 heading',
    run: (e) => chain(e).toggleHeading({ level: 2 }).run(),
    isActive: (e) => e.isActive('heading', { level: 2 }),
  },
  heading3: {
    id: 'heading3',
    glyph: 'T3',
    keys: 'Mod-Alt-3',
    aliases: 'titre h3 heading',
    run: (e) => chain(e).toggleHeading({ level: 3 }).run(),
    isActive: (e) => e.isActive('heading', { level: 3 }),
  },
  bold: {
    id: 'bold',
    glyph: 'G',
    keys: 'Mod-b',
    aliases: 'gras bold',
    run: (e) => chain(e).toggleBold().run(),
    isActive: (e) => e.isActive('bold'),
  },
  italic: {
    id: 'italic',
    glyph: 'I',
    keys: 'Mod-i',
    aliases: 'italique italic',
    run: (e) => chain(e).toggleItalic().run(),
    isActive: (e) => e.isActive('italic'),
  },
  underline: {
    id: 'underline',
    glyph: 'S',
    keys: 'Mod-u',
    aliases: 'souligné underline',
    run: (e) => chain(e).toggleUnderline().run(),
    isActive: (e) => e.isActive('underline'),
  },
  strike: {
    id: 'strike',
    glyph: 'B',
    keys: 'Mod-Shift-s',
    aliases: 'barré strike',
    run: (e) => chain(e).toggleStrike().run(),
    isActive: (e) => e.isActive('strike'),
  },
  code: {
    id: 'code',
    glyph: '<>',
    keys: 'Mod-e',
    aliases: 'code',
    run: (e) => chain(e).toggleCode().run(),
    isActive: (e) => e.isActive('code'),
  },
  link: {
    id: 'link',
    glyph: '🔗',
    keys: 'Mod-k',
    aliases: 'lien link url',
    run: (_e, host) => host.editLink(),
    isActive: (e) => e.isActive('link'),
  },
  bulletList: {
    id: 'bulletList',
    glyph: '•',
    keys: 'Mod-Shift-8',
    aliases: 'liste puces bullet list',
    run: (e) => chain(e).toggleBulletList().run(),
    isActive: (e) => e.isActive('bulletList'),
  },
  orderedList: {
    id: 'orderedList',
    glyph: '1.',
    keys: 'Mod-Shift-7',
    aliases: 'liste numérotée numbered ordered list',
    run: (e) => chain(e).toggleOrderedList().run(),
    isActive: (e) => e.isActive('orderedList'),
  },
  taskList: {
    id: 'taskList',
    glyph: '☑',
    keys: 'Mod-Shift-9',
    aliases: 'tâches cases à cocher todo task checklist',
    run: (e) => chain(e).toggleTaskList().run(),
    isActive: (e) => e.isActive('taskList'),
  },
  blockquote: {
    id: 'blockquote',
    glyph: '❝',
    keys: 'Mod-Shift-b',
    aliases: 'citation quote blockquote',
    run: (e) => chain(e).toggleBlockquote().run(),
    isActive: (e) => e.isActive('blockquote'),
  },
  codeBlock: {
    id: 'codeBlock',
    glyph: '{ }',
    keys: 'Mod-Alt-c',
    aliases: 'bloc code block',
    run: (e) => chain(e).toggleCodeBlock().run(),
    isActive: (e) => e.isActive('codeBlock'),
  },
  horizontalRule: {
    id: 'horizontalRule',
    glyph: '—',
    aliases: 'ligne séparation divider rule hr',
    run: (e) => chain(e).setHorizontalRule().run(),
  },
  table: {
    id: 'table',
    glyph: '▦',
    aliases: 'tableau table grille',
    run: (e) => chain(e).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    isActive: (e) => e.isActive('table'),
  },
  image: {
    id: 'image',
    glyph: '🖼',
    aliases: 'image photo figure schéma picture',
    run: (_e, host) => host.pickImage(),
  },
  callout: {
    id: 'callout',
    glyph: 'ⓘ',
    aliases: 'encadré remarque note callout',
    run: (e) => chain(e).toggleCallout('info').run(),
    isActive: (e) => e.isActive('callout'),
  },
}

/** Toolbar groups, in order; a separator is drawn between groups. */
export const TOOLBAR_GROUPS: CommandId[][] = [
  ['heading1', 'heading2', 'heading3'],
  ['bold', 'italic', 'underline', 'strike', 'code', 'link'],
  ['bulletList', 'orderedList', 'taskList'],
  ['blockquote', 'codeBlock', 'callout', 'horizontalRule'],
  ['table', 'image'],
]

/** The `/` menu: blocks only (marks apply to a selection, which the `/` menu never has). */
export const SLASH_ITEMS: CommandId[] = [
  'paragraph',
  'heading1',
  'heading2',
  'heading3',
  'bulletList',
  'orderedList',
  'taskList',
  'blockquote',
  'codeBlock',
  'callout',
  'horizontalRule',
  'table',
  'image',
]

export const BUBBLE_ITEMS: CommandId[] = ['bold', 'italic', 'underline', 'strike', 'code', 'link']

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** 'Mod-Shift-8' → 'Ctrl+Maj+8' (fr) or '⌘⇧8' (Mac). */
export function shortcutLabel(keys: string, language: string): string {
  const mac = isMac()
  const names: Record<string, string> = mac
    ? { Mod: '⌘', Shift: '⇧', Alt: '⌥' }
    : { Mod: 'Ctrl', Shift: language.startsWith('fr') ? 'Maj' : 'Shift', Alt: 'Alt' }
  const parts = keys.split('-').map((part) => names[part] ?? part.toUpperCase())
  return mac ? parts.join('') : parts.join('+')
}

/** For aria-keyshortcuts: 'Mod-Shift-8' → 'Control+Shift+8'. */
export function ariaShortcut(keys: string): string {
  const mac = isMac()
  return keys
    .split('-')
    .map((part) =>
      part === 'Mod' ? (mac ? 'Meta' : 'Control') : part.length === 1 ? part.toUpperCase() : part,
    )
    .join('+')
}
