import { afterEach, describe, expect, it, vi } from 'vitest';

import { Session } from '../auth/session';
import { fakeAuthApi, FRANCHISEE_GRANT } from '../test/fakeAuthApi';
import { createConsoleFetcher } from './fetcher';

function server(...statuses: number[]) {
  const seen: Headers[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((_: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Headers(init?.headers));
      return Promise.resolve(Response.json({ data: { ok: true } }, { status: statuses.shift() ?? 200 }));
    }),
  );
  return seen;
}

async function session(refresh: typeof FRANCHISEE_GRANT | null = null) {
  const s = new Session(fakeAuthApi({ refresh }), { lock: (t) => t(), channel: null });
  await s.login({ tenant: 'taozi', email: 'm1@taozi.example', password: 'x' });
  return s;
}

const QUERY = { query: '{ me { role } }' };

describe('createConsoleFetcher', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the logged-in token', async () => {
    const seen = server();
    const fetcher = createConsoleFetcher(await session(), '/graphql');
    expect(await fetcher(QUERY)).toEqual({ data: { ok: true } });
    expect(seen[0]?.get('Authorization')).toBe('Bearer access-1');
  });

  it.each([
    { Authorization: 'Bearer pasted' },
    { 'X-Api-Key': 'pk_1_secret' },
    { authorization: 'ApiKey x' },
  ])('leaves credentials given in the headers editor as they are: %o', async (headers) => {
    const seen = server();
    await createConsoleFetcher(await session(), '/graphql')(QUERY, { headers });
    const [name, value] = Object.entries(headers)[0] ?? [];
    expect(seen[0]?.get(name ?? '')).toBe(value);
    if (name?.toLowerCase() !== 'authorization') expect(seen[0]?.get('Authorization')).toBeNull();
  });

  it('refreshes and retries once when the token is refused', async () => {
    const seen = server(401, 200);
    const fetcher = createConsoleFetcher(
      await session({ ...FRANCHISEE_GRANT, accessToken: 'access-2' }),
      '/graphql',
    );
    await fetcher(QUERY);
    expect(seen.map((h) => h.get('Authorization'))).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('sends no token when nobody is logged in', async () => {
    const seen = server();
    const nobody = new Session(fakeAuthApi(), { lock: (t) => t(), channel: null });
    await createConsoleFetcher(nobody, '/graphql')(QUERY);
    expect(seen[0]?.get('Authorization')).toBeNull();
  });
});
