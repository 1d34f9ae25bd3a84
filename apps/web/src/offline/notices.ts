/** Things the background work must tell the user (a workspace's copy erased after lost access). */
export interface OfflineNotice {
  id: number
  kind: 'lostAccess'
  /** The workspace's name when the device knew it. */
  name: string | null
  /** Changes made here that could not be sent. */
  unsent: number
}

let notices: OfflineNotice[] = []
const listeners = new Set<() => void>()
let next = 1

function emit() {
  for (const listener of [...listeners]) listener()
}

export const offlineNotices = {
  get: (): OfflineNotice[] => notices,
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  add(notice: Omit<OfflineNotice, 'id'>): void {
    notices = [...notices, { ...notice, id: next++ }]
    emit()
  },
  dismiss(id: number): void {
    notices = notices.filter((notice) => notice.id !== id)
    emit()
  },
}
