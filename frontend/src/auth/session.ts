// The signed-in session of this tab. The access token lives here, in memory only; the
// refresh token is an httpOnly cookie this code never sees. Refreshes happen a little before
// the access token expires, one at a time across tabs (a rotated refresh token presented
// twice would revoke the whole session).
import type { AuthApi, Credentials, Grant } from './authApi';

export type SessionState =
  | { readonly status: 'restoring' }
  | { readonly status: 'signedOut'; readonly expired: boolean }
  | {
      readonly status: 'signedIn';
      readonly accessToken: string;
      readonly expiresAt: number;
      readonly role: string;
    };

/** Runs `task` while holding a lock shared by every tab of this origin. */
export type CrossTabLock = <T>(task: () => Promise<T>) => Promise<T>;

const LOCK_NAME = 'peihuo.auth.refresh';
const CHANNEL_NAME = 'peihuo.auth';

/** The Web Locks API where the browser has it; otherwise the task runs as it is. */
export const webLock: CrossTabLock = (task) =>
  typeof navigator !== 'undefined' && 'locks' in navigator
    ? navigator.locks.request(LOCK_NAME, task)
    : task();

/** How long before expiry to refresh: a fifth of the lifetime, at most a minute. */
export function refreshMargin(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 5);
}

export interface SessionOptions {
  now?: () => number;
  lock?: CrossTabLock;
  /** Tells other tabs of a logout (BroadcastChannel where there is one). */
  channel?: Pick<BroadcastChannel, 'postMessage' | 'addEventListener' | 'close'> | null;
}

export class Session {
  private state: SessionState = { status: 'restoring' };
  private readonly listeners = new Set<() => void>();
  private inFlight: Promise<SessionState> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private readonly now: () => number;
  private readonly lock: CrossTabLock;
  private readonly channel: SessionOptions['channel'];

  constructor(
    private readonly api: AuthApi,
    options: SessionOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.lock = options.lock ?? webLock;
    this.channel =
      options.channel !== undefined
        ? options.channel
        : typeof BroadcastChannel === 'undefined'
          ? null
          : new BroadcastChannel(CHANNEL_NAME);
    this.channel?.addEventListener('message', (event: MessageEvent) => {
      if (event.data === 'logout') this.end(false);
    });
  }

  readonly getState = (): SessionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /**
   * Changes whenever who is signed in may have changed (a login, a sign-out), so that
   * caches holding one person's data can be dropped; a refresh keeps it.
   */
  identity(): number {
    return this.generation;
  }

  /** The access token while it is valid, else null (then `refresh()` first). */
  accessToken(): string | null {
    const state = this.state;
    if (state.status !== 'signedIn' || state.expiresAt <= this.now()) return null;
    return state.accessToken;
  }

  /** Whether the token is missing or due for a refresh. */
  needsRefresh(): boolean {
    const state = this.state;
    if (state.status !== 'signedIn') return false;
    return state.expiresAt - this.now() <= 1000;
  }

  /** On page load: a session from the refresh cookie, if there is one. */
  restore(): Promise<SessionState> {
    return this.refresh();
  }

  /** Signs in; throws AuthError when refused. */
  async login(credentials: Credentials): Promise<SessionState> {
    const grant = await this.api.login(credentials);
    this.generation += 1;
    return this.grant(grant);
  }

  /** A fresh access token from the cookie; concurrent callers share one request. */
  refresh(): Promise<SessionState> {
    this.inFlight ??= this.lock(() => this.api.refresh())
      .then(
        (grant) => (grant ? this.grant(grant) : this.end(this.state.status === 'signedIn')),
        // Network trouble: keep a session we have (the next call tries again); a page that
        // was still restoring shows the sign-in form.
        () => (this.state.status === 'restoring' ? this.end(false) : this.state),
      )
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** Ends the session here, on the server and in the other tabs. */
  async logout(): Promise<void> {
    try {
      await this.api.logout();
    } finally {
      this.end(false);
      this.channel?.postMessage('logout');
    }
  }

  /** Forgets the session (the server refused it). */
  expire(): void {
    this.end(true);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.channel?.close();
  }

  private grant(grant: Grant): SessionState {
    const lifetime = grant.expiresIn * 1000;
    this.set({
      status: 'signedIn',
      accessToken: grant.accessToken,
      expiresAt: this.now() + lifetime,
      role: grant.role,
    });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), lifetime - refreshMargin(lifetime));
    return this.state;
  }

  private end(expired: boolean): SessionState {
    clearTimeout(this.timer);
    // Someone was signed in and no longer is (a page still restoring had nobody: its forms and
    // caches stay as they are).
    if (this.state.status === 'signedIn') this.generation += 1;
    this.set({ status: 'signedOut', expired });
    return this.state;
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
