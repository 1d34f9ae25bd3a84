import { useEffect, useRef } from 'react'

/** A panel's heading that takes the focus when the panel opens, so keyboard users land in it. */
export function usePanelHeading() {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus({ preventScroll: true })
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }, [])
  return ref
}
