// URLs of the sign-in concept.
export const loginPath = '/login';

/** The login page, coming back to `next` (a path of this app) once signed in. */
export function loginUrl(next?: string): string {
  const back = next === undefined ? null : safeNext(next);
  return back && back !== loginPath
    ? `${loginPath}?${new URLSearchParams({ next: back }).toString()}`
    : loginPath;
}

/**
 * `next` when it is a path on this site, else null: never an absolute URL, a protocol-relative
 * `//host` or a backslash trick that would send the person somewhere else after sign-in.
 */
export function safeNext(next: string | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  try {
    const url = new URL(next, 'https://peihuo.invalid');
    if (url.origin !== 'https://peihuo.invalid') return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}
