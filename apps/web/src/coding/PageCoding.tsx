/**
 * Passage coding on one page: the "Coder" button on a selection, the command palette
 * (Ctrl/⌘+Alt+C), the coded passages drawn in their codes' colours, and the card naming a
 * passage's codes. Loaded lazily with the editor; live through the workspace's event stream.
 */
import type { Editor } from '@tiptap/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { errorMessage } from '../api/errorMessage.ts'
import type { Role } from '../api/types.ts'
import { anchorFromRange } from '../comments/anchors.ts'
import type { EncodedAnchor } from '../comments/types.ts'
import { useEditorSelection } from '../comments/useEditorSelection.ts'
import { setAnchoredData } from '../editor/anchoredRanges.ts'
import { QueuedActionCard } from '../offline/QueuedActionCard.tsx'
import { type ActionPayloads, recodeRefused, submitAction } from '../offline/queue.ts'
import type { QueuedAction } from '../offline/store.ts'
import { usePageActions } from '../offline/usePageActions.ts'
import { CiteInDialog } from '../quotations/CiteInDialog.tsx'
import { PassageQuoting } from '../quotations/PassageQuoting.tsx'
import { quotationsApi } from '../quotations/quotationsApi.ts'
import { usePageCitedIn } from '../quotations/usePageCitedIn.ts'
import { useUser } from '../session/SessionContext.tsx'
import { CodeLegend } from './CodeLegend.tsx'
import { CodePicker } from './CodePicker.tsx'
import { type CodedPassagesData, codedPassagesKey, codingsAt } from './codedPassages.ts'
import { codingApi, type PassageCoding } from './codingApi.ts'
import { PassageCard } from './PassageCard.tsx'
import { useCodebook, usePagePassages } from './useCoding.ts'
import './coding.css'

interface PageCodingProps {
  editor: Editor | null
  pageId: string
  workspaceId: string
  /** For the list of changes waiting to be sent. */
  pageTitle?: string
  role: Role
  /** A coding to scroll to and outline (`?passage=` from an excerpt). */
  focusPassageId?: string | null
}

const CODING_ROLES: readonly Role[] = ['owner', 'editor']

type Place = { left: number; top: number; bottom: number }
type Picking =
  | { kind: 'code'; anchor: EncodedAnchor; quote: string; at: Place | null }
  | { kind: 'change'; coding: PassageCoding; exclude: Set<string>; at: Place }
  | { kind: 'recode'; action: QueuedAction; anchor: EncodedAnchor; quote: string; at: null }

/** True for Ctrl+Alt+C (⌘+Alt+C on a Mac), whatever character Alt+C types. */
function isPaletteShortcut(event: KeyboardEvent): boolean {
  const mod = navigator.platform.startsWith('Mac') ? event.metaKey : event.ctrlKey
  return mod && event.altKey && !event.shiftKey && event.code === 'KeyC'
}

const BUBBLE_HEIGHT = 36
const POPOVER_HEIGHT = 440

/**
 * The "Coder" button: above the selection (below it near the top edge), starting just left of the
 * selection's end, the same row as the comments' button, which ends there (comments/CommentButton).
 */
function bubblePlace(rect: DOMRect): { top: number; left: number } {
  const above = rect.top - BUBBLE_HEIGHT - 8
  const top = above > 72 ? above : Math.min(window.innerHeight - BUBBLE_HEIGHT - 8, rect.bottom + 8)
  return { top, left: Math.max(168, Math.min(window.innerWidth - 120, rect.right - 40)) }
}

/** Below the passage when there is room, above it otherwise. */
function popoverPlace(at: Place): { top: number; left: number } {
  const below = at.bottom + 8
  const top = below + POPOVER_HEIGHT <= window.innerHeight ? below : Math.max(8, at.top - 8 - POPOVER_HEIGHT)
  return { top, left: Math.max(8, Math.min(window.innerWidth - 360, at.left)) }
}

function placeOf(rect: DOMRect): Place {
  return { left: rect.left, top: rect.top, bottom: rect.bottom }
}

const CODING_ACTIONS = ['coding.create', 'coding.change', 'coding.remove'] as const

export function PageCoding({
  editor,
  pageId,
  workspaceId,
  pageTitle,
  role,
  focusPassageId,
}: PageCodingProps) {
  const { t } = useTranslation()
  const me = useUser()
  const codebook = useCodebook(workspaceId)
  const passages = usePagePassages(pageId, workspaceId)
  const queued = usePageActions(pageId, CODING_ACTIONS, passages.reload)
  const target = { workspaceId, pageId, pageTitle: pageTitle ?? '' }
  const selection = useEditorSelection(editor)
  const canCode = CODING_ROLES.includes(role)
  const [picking, setPicking] = useState<Picking | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [hover, setHover] = useState<{ ids: string[]; at: Place } | null>(null)
  const [caret, setCaret] = useState<{ ids: string[]; at: Place } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const leaveTimer = useRef<number | undefined>(undefined)
  const citedIn = usePageCitedIn(pageId, workspaceId)
  const [citing, setCiting] = useState<string | null>(null)
  const navigate = useNavigate()

  /** A memo on a coded passage: made at once, titled after the passage, and opened. */
  async function memoOn(codingId: string) {
    const coding = passages.data?.passages.find((p) => p.id === codingId)
    const text = coding?.text ?? coding?.quote ?? ''
    const subject = text.length > 60 ? `${text.slice(0, 59)}…` : text
    try {
      const created = await quotationsApi.createMemo(workspaceId, {
        title: t('quotations.memos.defaultTitle', { subject }),
        subjectKind: 'coding',
        subjectId: codingId,
      })
      void navigate(`/p/${encodeURIComponent(created.page.id)}`)
    } catch (reason) {
      setNotice(errorMessage(t, reason))
    }
  }

  // The server's codings, as changed by those waiting to be sent (drawn as pending).
  const live = useMemo(() => {
    const removed = new Set<string>()
    const changed = new Map<string, string>()
    for (const action of queued.pending) {
      if (action.kind === 'coding.remove')
        removed.add((action.payload as ActionPayloads['coding.remove']).codingId)
      if (action.kind === 'coding.change') {
        const { codingId, codeId } = action.payload as ActionPayloads['coding.change']
        changed.set(codingId, codeId)
      }
    }
    const server = (passages.data?.passages ?? [])
      .filter((p) => !p.detached && !removed.has(p.id))
      .map((p) => (changed.has(p.id) ? { ...p, codeId: changed.get(p.id) as string, pending: true } : p))
    const waiting = queued.pending.flatMap((action) => {
      if (action.kind !== 'coding.create') return []
      const { codeIds, anchor, quote } = action.payload as ActionPayloads['coding.create']
      return codeIds.map((codeId, index) => ({
        id: index === 0 ? action.id : `${action.id}-${index}`,
        pageId,
        codeId,
        quote,
        text: quote,
        from: null,
        to: null,
        detached: false,
        anchor,
        author: { id: me.id, name: me.name },
        createdAt: action.createdAt,
        updatedAt: action.createdAt,
        pending: true,
      }))
    })
    return [...server, ...waiting].filter((p) => codebook.byId.has(p.codeId)) as (PassageCoding & {
      pending?: boolean
    })[]
  }, [passages.data, codebook.byId, queued.pending, pageId, me.id, me.name])
  const byId = useMemo(() => new Map(live.map((p) => [p.id, p])), [live])

  // Draw the passages in the editor.
  useEffect(() => {
    const codings = live.map((p) => ({
      id: p.id,
      codeId: p.codeId,
      anchor: p.anchor,
      color: codebook.byId.get(p.codeId)?.shownColor ?? '#8a8a8a',
      pending: p.pending === true,
    }))
    setAnchoredData<CodedPassagesData>(editor, codedPassagesKey, {
      codings,
      focusedId: focusPassageId ?? null,
    })
  }, [editor, live, codebook.byId, focusPassageId])

  // Open at a passage: scroll to it once the body has synced and the passage is drawn.
  const scrolledTo = useRef<string | null>(null)
  useEffect(() => {
    if (!editor || !focusPassageId || scrolledTo.current === focusPassageId || !byId.has(focusPassageId))
      return
    let tries = 0
    const timer = window.setInterval(() => {
      tries += 1
      let dom: HTMLElement | null = null
      try {
        dom = editor.view.dom
      } catch {
        return
      }
      const mark = dom.querySelector(`[data-coding-ids~="${CSS.escape(focusPassageId)}"]`)
      if (mark) {
        scrolledTo.current = focusPassageId
        mark.scrollIntoView({ block: 'center' })
        window.clearInterval(timer)
      } else if (tries > 50) window.clearInterval(timer)
    }, 100)
    return () => window.clearInterval(timer)
  }, [editor, focusPassageId, byId])

  const leaveSoon = useCallback(() => {
    window.clearTimeout(leaveTimer.current)
    leaveTimer.current = window.setTimeout(() => setHover(null), 300)
  }, [])

  // Pointer on a passage: name its codes.
  useEffect(() => {
    if (!editor) return
    let dom: HTMLElement
    try {
      dom = editor.view.dom
    } catch {
      return
    }
    const over = (event: MouseEvent) => {
      const mark = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-coding-ids]')
      if (!mark) return
      window.clearTimeout(leaveTimer.current)
      const ids = (mark.dataset.codingIds ?? '').split(' ').filter(Boolean)
      setHover((current) =>
        current && current.ids.join() === ids.join()
          ? current
          : { ids, at: placeOf(mark.getBoundingClientRect()) },
      )
    }
    const out = (event: MouseEvent) => {
      const from = (event.target as HTMLElement | null)?.closest('[data-coding-ids]')
      const to = (event.relatedTarget as HTMLElement | null)?.closest?.('[data-coding-ids]')
      if (from && from !== to) leaveSoon()
    }
    dom.addEventListener('mouseover', over)
    dom.addEventListener('mouseout', out)
    return () => {
      dom.removeEventListener('mouseover', over)
      dom.removeEventListener('mouseout', out)
    }
  }, [editor, leaveSoon])

  // Caret in a passage (keyboard): name its codes too.
  useEffect(() => {
    if (!editor) return
    const update = () => {
      if (editor.isDestroyed || !editor.isFocused) return
      const { from, empty } = editor.state.selection
      const ids = empty ? codingsAt(editor.state, from) : []
      if (ids.length === 0) return setCaret(null)
      const coords = editor.view.coordsAtPos(from)
      setCaret((current) =>
        current && current.ids.join() === ids.join()
          ? current
          : { ids, at: { left: coords.left, top: coords.top, bottom: coords.bottom } },
      )
    }
    // Leaving the editor hides the card, unless the focus went into it (Tab to its buttons).
    const blur = () =>
      window.setTimeout(() => {
        if (!document.activeElement?.closest('.passage-card')) setCaret(null)
      }, 0)
    editor.on('selectionUpdate', update)
    editor.on('focus', update)
    editor.on('transaction', update)
    editor.on('blur', blur)
    return () => {
      editor.off('selectionUpdate', update)
      editor.off('focus', update)
      editor.off('transaction', update)
      editor.off('blur', blur)
    }
  }, [editor])

  const openPalette = useCallback(() => {
    if (!editor || editor.isDestroyed) return
    const { from, to } = editor.state.selection
    const quote = editor.state.doc.textBetween(from, to, '\n')
    const anchor = quote.trim() ? anchorFromRange(editor.state, from, to) : null
    if (!anchor) {
      setNotice(t('coding.palette.selectFirst'))
      return
    }
    setError(null)
    setPicking({ kind: 'code', anchor, quote, at: null })
  }, [editor, t])

  // Ctrl/⌘+Alt+C in the editor: the palette (before ProseMirror's own keymap sees the keys).
  useEffect(() => {
    if (!editor || !canCode) return
    const onKey = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return
      let dom: HTMLElement
      try {
        dom = editor.view.dom
      } catch {
        return
      }
      if (!dom.contains(event.target as Node)) return
      event.preventDefault()
      event.stopPropagation()
      openPalette()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [editor, canCode, openPalette])

  const startFromBubble = () => {
    if (!editor || !selection) return
    const anchor = anchorFromRange(editor.state, selection.from, selection.to)
    if (!anchor) return
    setError(null)
    setPicking({
      kind: 'code',
      anchor,
      quote: editor.state.doc.textBetween(selection.from, selection.to, '\n'),
      at: placeOf(selection.rect),
    })
  }

  const close = () => {
    setPicking(null)
    setError(null)
    editor?.commands.focus()
  }

  const apply = async (codeIds: string[]) => {
    if (!picking) return
    setBusy(true)
    try {
      const labels = codeIds.map((id) => codebook.byId.get(id)?.label ?? id)
      if (picking.kind === 'recode') await recodeRefused(picking.action, codeIds)
      else if (picking.kind === 'code') {
        const { anchor, quote } = picking
        await submitAction('coding.create', target, { codeIds, anchor, quote, labels }, () =>
          codingApi.code(pageId, codeIds, anchor, quote),
        )
      } else if (codeIds[0]) {
        const codingId = picking.coding.id
        const codeId = codeIds[0]
        await submitAction('coding.change', target, { codingId, codeId }, () =>
          codingApi.changeCode(pageId, codingId, codeId),
        )
      }
      passages.reload()
      close()
    } catch (failure) {
      setError(errorMessage(t, failure))
    } finally {
      setBusy(false)
    }
  }

  const remove = async (coding: PassageCoding) => {
    try {
      await submitAction('coding.remove', target, { codingId: coding.id }, () =>
        codingApi.uncode(pageId, coding.id),
      )
      setHover(null)
      setCaret(null)
      passages.reload()
    } catch (failure) {
      setNotice(errorMessage(t, failure))
    }
  }

  const card = hover ?? caret
  const cardCodings = card ? card.ids.flatMap((id) => byId.get(id) ?? []) : []
  const picker = picking && (
    <CodePicker
      tree={codebook.tree}
      mode={picking.kind === 'change' ? 'single' : 'multi'}
      exclude={picking.kind === 'change' ? picking.exclude : undefined}
      label={picking.kind === 'change' ? t('coding.picker.changeLabel') : t('coding.picker.codeLabel')}
      busy={busy}
      onApply={(ids) => void apply(ids)}
      onCancel={close}
    />
  )

  const counts = new Map<string, number>()
  for (const p of live) counts.set(p.codeId, (counts.get(p.codeId) ?? 0) + 1)

  return (
    <>
      {queued.refused.length > 0 && (
        <div className="refused-actions" data-testid="refused-codings">
          {queued.refused.map((action) => (
            <QueuedActionCard
              key={action.id}
              action={action}
              showPage={false}
              onRecode={(refused) => {
                const { anchor, quote } = refused.payload as ActionPayloads['coding.create']
                setError(null)
                setPicking({ kind: 'recode', action: refused, anchor, quote, at: null })
              }}
            />
          ))}
        </div>
      )}
      <CodeLegend codes={codebook.tree} counts={counts} />
      {canCode && selection && !picking && (
        <button
          type="button"
          className="coding-bubble"
          style={bubblePlace(selection.rect)}
          aria-keyshortcuts="Control+Alt+C"
          // Keep the text selected while the button is pressed.
          onMouseDown={(event) => event.preventDefault()}
          onClick={startFromBubble}
        >
          <span className="coding-bubble-icon" aria-hidden="true" />
          {t('coding.bubble')}
        </button>
      )}
      {picking?.at && (
        <div
          className="coding-popover"
          role="dialog"
          aria-label={t('coding.picker.dialog')}
          style={popoverPlace(picking.at)}
        >
          {picking.kind === 'code' && <q className="coding-quote">{picking.quote}</q>}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          {picker}
        </div>
      )}
      {picking && !picking.at && (
        <div className="coding-palette-backdrop">
          <div
            className="coding-palette"
            role="dialog"
            aria-modal="true"
            aria-label={t('coding.palette.title')}
          >
            <h2 className="coding-palette-title">{t('coding.palette.title')}</h2>
            <q className="coding-quote">{picking.quote}</q>
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
            {picker}
          </div>
        </div>
      )}
      {notice && (
        <p className="coding-notice" role="status">
          {notice}{' '}
          <button type="button" className="button-quiet" onClick={() => setNotice(null)}>
            {t('coding.close')}
          </button>
        </p>
      )}
      {card && cardCodings.length > 0 && !picking && (
        <PassageCard
          codings={cardCodings}
          codes={codebook.byId}
          rect={card.at}
          canCode={canCode}
          onPointerEnter={() => window.clearTimeout(leaveTimer.current)}
          onPointerLeave={leaveSoon}
          onFocusLeave={() => setCaret(null)}
          footer={
            <PassageQuoting
              codingIds={cardCodings.map((c) => c.id)}
              citedIn={citedIn}
              onCiteIn={setCiting}
              onMemo={canCode ? (codingId) => void memoOn(codingId) : undefined}
            />
          }
          onRemove={(coding) => void remove(coding)}
          onChange={(coding) => {
            setError(null)
            setPicking({
              kind: 'change',
              coding,
              exclude: new Set(cardCodings.map((c) => c.codeId)),
              at: card.at,
            })
          }}
        />
      )}
      {citing && (
        <CiteInDialog
          workspaceId={workspaceId}
          codingId={citing}
          fromPageId={pageId}
          onClose={() => setCiting(null)}
        />
      )}
    </>
  )
}
