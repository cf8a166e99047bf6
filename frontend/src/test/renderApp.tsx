// The portal's routes in memory, with a given session and GraphQL client.
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { type Client, Provider } from 'urql';

import { routes } from '../app/routes';
import type { Session } from '../auth/session';
import { SessionProvider } from '../auth/SessionProvider';

export function renderApp({ session, client, path }: { session: Session; client: Client; path: string }) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <SessionProvider session={session}>
      <Provider value={client}>
        <RouterProvider router={router} />
      </Provider>
    </SessionProvider>,
  );
  return router;
}
