// A fresh GraphQL client (and cache) per signed-in person: one person's data never shows to
// the next one on the same device.
import { type ReactNode, useState } from 'react';
import { Provider } from 'urql';

import type { Session } from '../auth/session';
import { useSessionState } from '../auth/sessionContext';
import { createClient } from '../graphql/client';

function ClientScope({ session, children }: { session: Session; children: ReactNode }) {
  const [client] = useState(() => createClient(session));
  return <Provider value={client}>{children}</Provider>;
}

export function GraphQLScope({ session, children }: { session: Session; children: ReactNode }) {
  useSessionState(); // re-render when who is signed in changes
  return (
    <ClientScope key={session.identity()} session={session}>
      {children}
    </ClientScope>
  );
}
