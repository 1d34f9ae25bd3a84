/**
 * The browser's quotation and evidence-table nodes: the shared schema's nodes with React node
 * views, plus the `/citer` trigger (typed at the start of an empty paragraph, it opens the
 * passage search; PageView listens on `citeRequests`).
 */
import { type AnyExtension, Extension } from '@tiptap/core'
import { Plugin } from '@tiptap/pm/state'
import { ReactNodeViewRenderer } from '@tiptap/react'
import { EVIDENCE_TABLE, EvidenceTable, QUOTATION, Quotation } from '@tisserand/editor-schema'
import { EvidenceTableNodeView } from './EvidenceTableNodeView.tsx'
import { QuotationNodeView } from './QuotationNodeView.tsx'

/** Fired when someone types `/citer`: the page opens its citation search. */
export const citeRequests = new EventTarget()

const TRIGGER = '/citer'

const LiveQuotation = Quotation.extend({
  addNodeView() {
    return ReactNodeViewRenderer(QuotationNodeView)
  },
})

const LiveEvidenceTable = EvidenceTable.extend({
  addNodeView() {
    return ReactNodeViewRenderer(EvidenceTableNodeView)
  },
})

const CiteTrigger = Extension.create({
  name: 'citeTrigger',
  addProseMirrorPlugins() {
    const editor = this.editor
    return [
      new Plugin({
        props: {
          handleTextInput(view, from, to, text) {
            if (!editor.isEditable) return false
            const $from = view.state.doc.resolve(from)
            const before = $from.parent.textBetween(0, $from.parentOffset, undefined, '\ufffc') + text
            if (before !== TRIGGER || $from.parent.content.size !== $from.parentOffset) return false
            const start = from - (TRIGGER.length - text.length)
            view.dispatch(view.state.tr.delete(start, to))
            citeRequests.dispatchEvent(new Event('cite'))
            return true
          },
        },
      }),
    ]
  },
})

/** The extensions with live node views in place of the bare quotation and evidence-table nodes. */
export function withLiveQuotations(extensions: AnyExtension[]): AnyExtension[] {
  return [
    ...extensions.map((extension) =>
      extension.name === QUOTATION
        ? LiveQuotation
        : extension.name === EVIDENCE_TABLE
          ? LiveEvidenceTable
          : extension,
    ),
    CiteTrigger,
  ]
}
