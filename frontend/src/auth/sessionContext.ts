// The tab's Session, shared with components through React context.
import { createContext, useContext, useSyncExternalStore } from 'react';

import type { Session, SessionState } from './session';

export const SessionContext = createContext<Session | null>(null);

/** The session object (login, logout, tokens). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}

/** The session's current state; re-renders on sign-in, refresh and sign-out. */
export function useSessionState(): SessionState {
  const session = useSession();
  return useSyncExternalStore(session.subscribe, session.getState);
}
