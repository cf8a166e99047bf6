import { afterEach, describe, expect, it, vi } from 'vitest';

import { Session } from '../auth/session';
import { fakeAuthApi, FRANCHISEE_GRANT } from '../test/fakeAuthApi';
import { createClient } from './client';
import { StaffPageDocument } from './generated/graphql';

const VIEWER = {
  __typename: 'Viewer',
  role: 'MERCHANDISER',
  tenant: { __typename: 'Tenant', name: '桃子服饰' },
};

function server(...answers: { status: number; body: unknown }[]) {
  const seen: Headers[] = [];
  const fetch = vi.fn((_: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Headers(init?.headers));
    const next = answers.shift() ?? { status: 500, body: {} };
    return Promise.resolve(Response.json(next.body, { status: next.status }));
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, seen };
}

async function signedIn(refresh: typeof FRANCHISEE_GRANT | null) {
  const session = new Session(fakeAuthApi({ refresh }), { lock: (t) => t(), channel: null });
  await session.login({ tenant: 'taozi', email: 'm1@taozi.example', password: 'x' });
  return session;
}

describe('createClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('posts each operation with the session’s access token', async () => {
    const { fetch, seen } = server({ status: 200, body: { data: { me: VIEWER } } });
    const session = await signedIn(null);
    const result = await createClient(session).query(StaffPageDocument, {}).toPromise();
    expect(result.data?.me).toMatchObject({ role: 'MERCHANDISER' });
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('POST');
    expect(seen[0]?.get('Authorization')).toBe('Bearer access-1');
  });

  it('refreshes once and retries when the API refuses the token', async () => {
    const refused = { errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }] };
    const { seen } = server({ status: 401, body: refused }, { status: 200, body: { data: { me: VIEWER } } });
    const session = await signedIn({ ...FRANCHISEE_GRANT, accessToken: 'access-2' });
    const result = await createClient(session).query(StaffPageDocument, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(seen.map((h) => h.get('Authorization'))).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('ends the session when the refresh is refused too', async () => {
    const refused = { errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }] };
    server({ status: 401, body: refused }, { status: 401, body: refused });
    const session = await signedIn(null);
    await createClient(session).query(StaffPageDocument, {}).toPromise();
    expect(session.getState()).toEqual({ status: 'signedOut', expired: true });
  });
});
