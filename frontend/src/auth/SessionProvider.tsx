// Makes the tab's Session available to components and restores it from the refresh cookie.
import { type ReactNode, useEffect } from 'react';

import type { Session } from './session';
import { SessionContext } from './sessionContext';

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  useEffect(() => {
    if (session.getState().status === 'restoring') void session.restore();
  }, [session]);
  return <SessionContext value={session}>{children}</SessionContext>;
}
