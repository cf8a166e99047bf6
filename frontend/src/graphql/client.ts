// The portal's GraphQL client: normalised cache, the session's access token on every request
// (refreshed first when due, once more after a 401), then fetch.
import { authExchange } from '@urql/exchange-auth';
import { Client, type CombinedError, fetchExchange } from 'urql';

import type { Session } from '../auth/session';
import { createCacheExchange } from './cache';
import { graphqlUrl } from './urls';

/** Whether the API refused the credentials (expired or revoked token). */
export function isAuthError(error: CombinedError): boolean {
  return (
    (error.response instanceof Response ? error.response.status === 401 : false) ||
    error.graphQLErrors.some((e) => e.extensions.code === 'UNAUTHENTICATED')
  );
}

export function createClient(session: Session, url = graphqlUrl): Client {
  return new Client({
    url,
    exchanges: [
      createCacheExchange(),
      authExchange((utils) =>
        Promise.resolve({
          addAuthToOperation(operation) {
            const token = session.accessToken();
            return token ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` }) : operation;
          },
          willAuthError: () => session.needsRefresh(),
          didAuthError: isAuthError,
          async refreshAuth() {
            const state = await session.refresh();
            if (state.status !== 'signedIn') session.expire();
          },
        }),
      ),
      fetchExchange,
    ],
    // The API takes operations by POST only (a GET could be a cross-site request).
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
  });
}
