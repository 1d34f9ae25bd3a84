import { useCallback, useEffect, useState } from 'react'

const key = (workspaceId: string) => `tisserand.tree.${workspaceId}`

function read(workspaceId: string): Set<string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(workspaceId)) ?? '[]')
    return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])
  } catch {
    return new Set()
  }
}

/** Which pages are expanded in the tree, remembered per workspace in this browser. */
export function useExpanded(workspaceId: string) {
  const [expanded, setExpanded] = useState<Set<string>>(() => read(workspaceId))
  useEffect(() => setExpanded(read(workspaceId)), [workspaceId])

  const update = useCallback(
    (change: (set: Set<string>) => void) =>
      setExpanded((previous) => {
        const next = new Set(previous)
        change(next)
        try {
          localStorage.setItem(key(workspaceId), JSON.stringify([...next]))
        } catch {
          // Storage off: the tree simply forgets on reload.
        }
        return next
      }),
    [workspaceId],
  )
  const expand = useCallback(
    (...ids: string[]) =>
      update((set) => {
        for (const id of ids) set.add(id)
      }),
    [update],
  )
  const collapse = useCallback((id: string) => update((set) => set.delete(id)), [update])
  const toggle = useCallback(
    (id: string) =>
      update((set) => {
        if (set.has(id)) set.delete(id)
        else set.add(id)
      }),
    [update],
  )
  return { expanded, expand, collapse, toggle }
}
