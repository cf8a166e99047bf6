// Routes behind sign-in: a signed-out visitor goes to the login page and comes back here.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { useSessionState } from './sessionContext';
import { loginUrl } from './urls';

export function RequireSession({ children, pending }: { children: ReactNode; pending: ReactNode }) {
  const state = useSessionState();
  const location = useLocation();
  if (state.status === 'restoring') return pending;
  if (state.status === 'signedOut') {
    const here = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={loginUrl(here)} replace state={{ expired: state.expired }} />;
  }
  return children;
}
