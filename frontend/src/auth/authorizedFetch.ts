// The API's authenticated files (an order's spreadsheet, a complaint's photo) are answered
// like /graphql: only with the session's token, which lives in memory, so the browser cannot
// load them by a plain link or <img src>. They are fetched with it (refreshed first when due).
import type { Session } from './session';

export async function authorizedFetch(
  session: Session,
  url: string,
  fetcher: typeof fetch = fetch,
): Promise<Response> {
  if (session.needsRefresh()) await session.refresh();
  const token = session.accessToken();
  return fetcher(url, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    credentials: 'same-origin',
  });
}
