// The merchandiser console: GraphiQL with its explorer, the example operations in tabs, and
// the top bar that signs in. Everything comes from this bundle: nothing loads from elsewhere.
import { explorerPlugin } from '@graphiql/plugin-explorer';
import type { Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { print } from 'graphql';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';

import type { Session } from '../auth/session';
import type { ConsoleViewerQuery as ConsoleViewer } from '../graphql/generated/graphql';
import { graphqlUrl } from '../graphql/urls';
import { ConsoleBar } from './components/ConsoleBar/ConsoleBar';
import styles from './ConsoleApp.module.css';
import { exampleTabs } from './examples';
import { createConsoleFetcher } from './fetcher';
import { ConsoleViewerQuery } from './queries';

const explorer = explorerPlugin();
const tabs = exampleTabs();

interface Who {
  identity: number;
  email: string;
  role: string;
}

/** Who is logged in, asked of the API once per sign-in. */
function useWho(fetcher: Fetcher, identity: number, signedIn: boolean): Who | null {
  const [who, setWho] = useState<Who | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    let current = true;
    void Promise.resolve(fetcher({ query: print(ConsoleViewerQuery) })).then((result) => {
      const me = (result as { data?: ConsoleViewer }).data?.me;
      if (current && me) setWho({ identity, email: me.user?.email ?? '', role: me.role });
    });
    return () => {
      current = false;
    };
  }, [fetcher, identity, signedIn]);
  return signedIn && who?.identity === identity ? who : null;
}

export function ConsoleApp({ session, initialQuery }: { session: Session; initialQuery?: string }) {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const identity = session.identity();
  const fetcher = useMemo(() => createConsoleFetcher(session, graphqlUrl), [session]);
  const signedIn = state.status === 'signedIn';
  const who = useWho(fetcher, identity, signedIn);

  useEffect(() => {
    if (session.getState().status === 'restoring') void session.restore();
  }, [session]);

  return (
    <div className={styles.page}>
      <ConsoleBar session={session} signedIn={signedIn} who={who} portalUrl="/" />
      <div className={styles.graphiql}>
        {/* Remounted when the person or the session's state changes (a page load's session
            restored from the cookie included): GraphiQL then loads the schema they may see. */}
        <GraphiQL
          key={`${identity}:${state.status}`}
          fetcher={fetcher}
          defaultTabs={tabs}
          initialQuery={initialQuery}
          defaultEditorToolsVisibility
          plugins={[explorer]}
          inputValueDeprecation
          isHeadersEditorEnabled
          // Headers may carry credentials: kept out of the browser's storage.
          shouldPersistHeaders={false}
        />
      </div>
    </div>
  );
}
