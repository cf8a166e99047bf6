// GraphiQL's fetcher: the signed-in session's token, unless the headers editor gives
// credentials of its own (an Authorization header or an API key), which are sent as they are.
import type { Fetcher, FetcherOpts, FetcherParams } from '@graphiql/toolkit';

import type { Session } from '../auth/session';

function ownCredentials(headers: Record<string, string>): boolean {
  return Object.keys(headers).some((name) => ['authorization', 'x-api-key'].includes(name.toLowerCase()));
}

function asStrings(headers: FetcherOpts['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}

export function createConsoleFetcher(session: Session, url: string): Fetcher {
  async function send(params: FetcherParams, headers: Record<string, string>, token: string | null) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        ...headers,
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(params),
    });
  }

  return async (params, options) => {
    const headers = asStrings(options?.headers);
    if (ownCredentials(headers))
      return (await send(params, headers, null)).json() as Promise<Record<string, unknown>>;
    if (session.needsRefresh()) await session.refresh();
    let response = await send(params, headers, session.accessToken());
    if (response.status === 401 && session.getState().status === 'signedIn') {
      // The token was refused (expired while asleep, role changed): one refresh, one retry.
      const state = await session.refresh();
      if (state.status === 'signedIn') response = await send(params, headers, session.accessToken());
      else session.expire();
    }
    return response.json() as Promise<Record<string, unknown>>;
  };
}
