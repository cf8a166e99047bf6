import { describe, expect, it } from 'vitest';

import { loginUrl, safeNext } from './urls';

describe('safeNext', () => {
  it.each(['/staff', '/orders/T3JkZXI6MQ==?tab=lines#top', '/'])('keeps a path of this site: %s', (path) => {
    expect(safeNext(path)).toBe(path);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    'javascript:alert(1)',
    'staff',
    '',
  ])('refuses anything that could leave the site: %s', (next) => {
    expect(safeNext(next)).toBeNull();
  });

  it('refuses a missing parameter', () => {
    expect(safeNext(null)).toBeNull();
  });
});

describe('loginUrl', () => {
  it('carries the page to come back to', () => {
    expect(loginUrl('/staff?tab=1')).toBe('/login?next=%2Fstaff%3Ftab%3D1');
  });

  it('is plain without one, or when it would loop or leave', () => {
    expect(loginUrl()).toBe('/login');
    expect(loginUrl('/login')).toBe('/login');
    expect(loginUrl('//evil.example')).toBe('/login');
  });
});
