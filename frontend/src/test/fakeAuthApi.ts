// An AuthApi whose answers a test decides, recording every call.
import { vi } from 'vitest';

import type { AuthApi, Credentials, Grant } from '../auth/authApi';

export const FRANCHISEE_GRANT: Grant = { accessToken: 'access-1', expiresIn: 900, role: 'franchisee' };

export function fakeAuthApi(options: { login?: Grant | Error; refresh?: Grant | null | Error } = {}) {
  const answer = <T>(value: T | Error) =>
    value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  return {
    login: vi.fn((_: Credentials) => answer(options.login ?? FRANCHISEE_GRANT)),
    refresh: vi.fn(() => answer(options.refresh === undefined ? null : options.refresh)),
    logout: vi.fn(() => Promise.resolve()),
  } satisfies AuthApi;
}
