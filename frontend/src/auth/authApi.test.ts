import { afterEach, describe, expect, it, vi } from 'vitest';

import { AuthError, httpAuthApi } from './authApi';

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
  const fetch = vi.fn((_url: string, _init: RequestInit) =>
    Promise.resolve(
      body === undefined ? new Response(null, { status }) : Response.json(body, { status, headers }),
    ),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const TOKENS = { access_token: 'a', token_type: 'Bearer', expires_in: 900, role: 'franchisee' };
const CREDENTIALS = { tenant: 'taozi', email: 's0001@taozi.example', password: 'demo-password' };

describe('httpAuthApi', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for the cookie session on every call, with this site’s cookies', async () => {
    const fetch = answer(200, TOKENS);
    const api = httpAuthApi();
    expect(await api.login(CREDENTIALS)).toEqual({ accessToken: 'a', expiresIn: 900, role: 'franchisee' });
    await api.refresh();
    const [[loginUrl, login], [refreshUrl, refresh]] = fetch.mock.calls as [
      [string, RequestInit],
      [string, RequestInit],
    ];
    expect(loginUrl).toBe('/auth/login');
    expect(refreshUrl).toBe('/auth/refresh');
    for (const init of [login, refresh]) {
      expect(init.method).toBe('POST');
      expect(init.credentials).toBe('same-origin');
      expect(new Headers(init.headers).get('X-Peihuo-Session')).toBe('cookie');
    }
    expect(JSON.parse(login.body as string)).toEqual(CREDENTIALS);
    expect(refresh.body).toBeNull(); // the refresh token is the cookie's, never the page's
  });

  it('has no session when the refresh is refused', async () => {
    answer(401, { error: 'UNAUTHENTICATED', message: 'no session: log in' });
    expect(await httpAuthApi().refresh()).toBeNull();
  });

  it.each([
    [401, {}, 'credentials', undefined],
    [429, { 'Retry-After': '600' }, 'throttled', 600],
    [400, {}, 'invalid', undefined],
    [503, {}, 'server', undefined],
  ] as const)('tells a %i refusal apart', async (status, headers, reason, retryAfter) => {
    answer(status, { error: 'X', message: 'refused' }, headers);
    const refusal = await httpAuthApi()
      .login(CREDENTIALS)
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AuthError);
    expect(refusal).toMatchObject({ reason, retryAfterSeconds: retryAfter });
  });

  it('reports an unreachable server as a network failure', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(httpAuthApi().login(CREDENTIALS)).rejects.toMatchObject({ reason: 'network' });
  });

  it('logs out with the cookie', async () => {
    const fetch = answer(204);
    await httpAuthApi().logout();
    expect(fetch.mock.calls[0]?.[0]).toBe('/auth/logout');
  });
});
