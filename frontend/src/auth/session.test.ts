import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { fakeAuthApi, FRANCHISEE_GRANT } from '../test/fakeAuthApi';
import { AuthError } from './authApi';
import { type CrossTabLock, refreshMargin, Session, type SessionOptions } from './session';

const CREDENTIALS = { tenant: 'taozi', email: 's0001@taozi.example', password: 'demo-password' };

function fakeChannel() {
  const listeners: ((event: MessageEvent) => void)[] = [];
  return {
    postMessage: vi.fn(),
    close: vi.fn(),
    addEventListener: (_: string, listener: (event: MessageEvent) => void) => listeners.push(listener),
    deliver: (data: unknown) => {
      for (const listener of listeners) listener(new MessageEvent('message', { data }));
    },
  };
}

function makeSession(api = fakeAuthApi(), options: SessionOptions = {}) {
  const channel = fakeChannel();
  const session = new Session(api, { lock: (task) => task(), channel: channel as never, ...options });
  return { api, session, channel };
}

describe('Session', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps the access token in memory only', async () => {
    const { session } = makeSession();
    await session.login(CREDENTIALS);
    expect(session.accessToken()).toBe('access-1');
    expect(session.getState()).toMatchObject({ status: 'signedIn', role: 'franchisee' });
    const stored = [window.localStorage, window.sessionStorage].flatMap((s) =>
      Object.keys(s).map((k) => s.getItem(k)),
    );
    expect(stored.join()).not.toContain('access-1');
    expect(document.cookie).not.toContain('access-1');
  });

  it('refreshes silently a little before the access token expires', async () => {
    const next = { ...FRANCHISEE_GRANT, accessToken: 'access-2' };
    const { api, session } = makeSession(fakeAuthApi({ refresh: next }));
    await session.login(CREDENTIALS);
    await vi.advanceTimersByTimeAsync(900_000 - refreshMargin(900_000) - 1000);
    expect(api.refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.refresh).toHaveBeenCalledOnce();
    expect(session.accessToken()).toBe('access-2');
  });

  it('refreshes a minute early at most, a fifth of a short lifetime', () => {
    expect(refreshMargin(900_000)).toBe(60_000);
    expect(refreshMargin(10_000)).toBe(2_000);
  });

  it('sends one refresh for many callers, inside the lock shared by tabs', async () => {
    let locked = 0;
    const lock: CrossTabLock = (task) => {
      locked += 1;
      return task();
    };
    const { api, session } = makeSession(fakeAuthApi({ refresh: FRANCHISEE_GRANT }), { lock });
    await Promise.all([session.refresh(), session.refresh(), session.restore()]);
    expect(api.refresh).toHaveBeenCalledOnce();
    expect(locked).toBe(1);
  });

  it('restores a session from the cookie on page load, or signs out without one', async () => {
    const restored = makeSession(fakeAuthApi({ refresh: FRANCHISEE_GRANT })).session;
    expect((await restored.restore()).status).toBe('signedIn');
    const none = makeSession(fakeAuthApi({ refresh: null })).session;
    expect(await none.restore()).toEqual({ status: 'signedOut', expired: false });
  });

  it('says the session expired when a refresh is refused', async () => {
    const { session } = makeSession(fakeAuthApi({ refresh: null }));
    await session.login(CREDENTIALS);
    expect(await session.refresh()).toEqual({ status: 'signedOut', expired: true });
    expect(session.accessToken()).toBeNull();
  });

  it('keeps the session through a network failure, but does not hang on one at load', async () => {
    const offline = new AuthError('network', 'offline');
    const { session } = makeSession(fakeAuthApi({ refresh: offline }));
    expect(await session.restore()).toEqual({ status: 'signedOut', expired: false });
    await session.login(CREDENTIALS);
    expect((await session.refresh()).status).toBe('signedIn');
  });

  it('logs out on the server, here and in the other tabs', async () => {
    const { api, session, channel } = makeSession();
    await session.login(CREDENTIALS);
    await session.logout();
    expect(api.logout).toHaveBeenCalledOnce();
    expect(session.getState()).toEqual({ status: 'signedOut', expired: false });
    expect(channel.postMessage).toHaveBeenCalledWith('logout');

    const other = makeSession();
    await other.session.login(CREDENTIALS);
    other.channel.deliver('logout');
    expect(other.session.getState().status).toBe('signedOut');
    expect(other.api.logout).not.toHaveBeenCalled();
  });

  it('changes identity on login and logout, not on refresh', async () => {
    const { session } = makeSession(fakeAuthApi({ refresh: FRANCHISEE_GRANT }));
    const start = session.identity();
    await session.login(CREDENTIALS);
    const signedIn = session.identity();
    expect(signedIn).not.toBe(start);
    await session.refresh();
    expect(session.identity()).toBe(signedIn);
    await session.logout();
    expect(session.identity()).not.toBe(signedIn);
  });

  it('keeps identity when a page that was restoring finds nobody (its forms stay as typed)', async () => {
    const { session } = makeSession(fakeAuthApi({ refresh: null }));
    const before = session.identity();
    await session.restore();
    expect(session.identity()).toBe(before);
  });

  it('tells subscribers of every change', async () => {
    const { session } = makeSession();
    const listener = vi.fn();
    const unsubscribe = session.subscribe(listener);
    await session.login(CREDENTIALS);
    expect(listener).toHaveBeenCalledOnce();
    unsubscribe();
    await session.logout();
    expect(listener).toHaveBeenCalledOnce();
  });

  it('needs a refresh only when the token is about to expire', async () => {
    const { session } = makeSession();
    expect(session.needsRefresh()).toBe(false);
    await session.login(CREDENTIALS);
    expect(session.needsRefresh()).toBe(false);
    vi.setSystemTime(Date.now() + 899_500);
    expect(session.needsRefresh()).toBe(true);
  });
});
