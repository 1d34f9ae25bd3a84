import { useTranslation } from 'react-i18next'

const BUTTON_HEIGHT = 36

/**
 * "Comment", floating just above the selected passage (below it near the top edge). Its right edge
 * sits just left of the selection's end, where the coding button ("Code") starts, so both fit.
 */
export function CommentButton({ rect, onClick }: { rect: DOMRect; onClick: () => void }) {
  const { t } = useTranslation()
  const above = rect.top - BUTTON_HEIGHT - 8
  const top = above > 72 ? above : Math.min(window.innerHeight - BUTTON_HEIGHT - 8, rect.bottom + 8)
  // The button is drawn leftwards from `right` (translateX(-100%) in comments.css).
  const right = Math.max(160, Math.min(window.innerWidth - 160, rect.right - 48))
  return (
    <button
      type="button"
      className="comment-button"
      style={{ top, left: right }}
      aria-keyshortcuts="Control+Alt+M"
      title={t('comments.shortcut')}
      // Keep the text selected while the button is pressed.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      <svg aria-hidden="true" className="comment-button-icon" viewBox="0 0 20 20" width="16" height="16">
        <path
          d="M3 4.5A1.5 1.5 0 0 1 4.5 3h11A1.5 1.5 0 0 1 17 4.5v8a1.5 1.5 0 0 1-1.5 1.5H9l-4 3v-3h-.5A1.5 1.5 0 0 1 3 12.5z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
      </svg>
      {t('comments.comment')}
    </button>
  )
}
