import { useSyncExternalStore } from 'react'
import { getIdentity, type Identity, subscribeIdentity } from './identity.ts'

export function useIdentity(): Identity | null {
  return useSyncExternalStore(subscribeIdentity, getIdentity)
}
