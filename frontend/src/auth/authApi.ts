// The browser's side of /auth: the refresh token travels only in an httpOnly cookie the
// server sets (scoped to /auth); the header below asks for that and is the CSRF guard
// (a cross-site page cannot send it without a CORS preflight the server never grants).
export const SESSION_HEADER = 'X-Peihuo-Session';
export const SESSION_MODE = 'cookie';

export interface Grant {
  accessToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  role: string;
}

export type AuthFailureReason = 'credentials' | 'throttled' | 'invalid' | 'network' | 'server';

/** A refused or failed call, with what the person should be told. */
export class AuthError extends Error {
  constructor(
    readonly reason: AuthFailureReason,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export interface Credentials {
  tenant: string;
  email: string;
  password: string;
}

export interface AuthApi {
  login(credentials: Credentials): Promise<Grant>;
  /** A new grant from the refresh cookie; null when there is no valid session. */
  refresh(): Promise<Grant | null>;
  logout(): Promise<void>;
}

interface TokenBody {
  access_token: string;
  expires_in: number;
  role: string;
}

interface ErrorBody {
  error?: string;
  message?: string;
}

async function post(base: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(`${base}${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        [SESSION_HEADER]: SESSION_MODE,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new AuthError('network', 'network unreachable');
  }
}

function grantOf(body: TokenBody): Grant {
  return { accessToken: body.access_token, expiresIn: body.expires_in, role: body.role };
}

async function failure(response: Response): Promise<AuthError> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const message = body.message ?? response.statusText;
  if (response.status === 429) {
    const wait = Number(response.headers.get('Retry-After'));
    return new AuthError('throttled', message, Number.isFinite(wait) ? wait : undefined);
  }
  if (response.status === 401) return new AuthError('credentials', message);
  if (response.status === 400) return new AuthError('invalid', message);
  return new AuthError('server', message);
}

/** The real endpoints, on this origin (or `base`). */
export function httpAuthApi(base = ''): AuthApi {
  return {
    async login(credentials) {
      const response = await post(base, '/auth/login', credentials);
      if (!response.ok) throw await failure(response);
      return grantOf((await response.json()) as TokenBody);
    },
    async refresh() {
      const response = await post(base, '/auth/refresh');
      if (response.status === 401) return null;
      if (!response.ok) throw await failure(response);
      return grantOf((await response.json()) as TokenBody);
    },
    async logout() {
      const response = await post(base, '/auth/logout');
      if (!response.ok && response.status !== 401) throw await failure(response);
    },
  };
}
