import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { i18n } from './i18n';
import { adoptTenantLocale, initialLocale, pickLocale, useLocale } from './locale';

describe('pickLocale', () => {
  it('prefers what the person chose', () => {
    expect(pickLocale({ chosen: 'en', tenant: 'zh-CN', browser: ['zh-CN'] })).toBe('en');
  });

  it('then the tenant’s language', () => {
    expect(pickLocale({ chosen: null, tenant: 'zh-CN', browser: ['en-US'] })).toBe('zh-CN');
  });

  it('then the browser’s first Chinese or English language', () => {
    expect(pickLocale({ browser: ['fr-FR', 'en-GB', 'zh-TW'] })).toBe('en');
    expect(pickLocale({ browser: ['zh-Hans-CN'] })).toBe('zh-CN');
  });

  it('falls back to Chinese and ignores values it does not know', () => {
    expect(pickLocale({ chosen: 'de', tenant: 'ja', browser: ['fr'] })).toBe('zh-CN');
  });
});

describe('useLocale', () => {
  it('switches the language, the page’s lang and remembers the choice', () => {
    const { result } = renderHook(() => useLocale());
    act(() => {
      result.current[1]('zh-CN');
    });
    expect(result.current[0]).toBe('zh-CN');
    expect(i18n.language).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(initialLocale()).toBe('zh-CN');
  });

  it('a tenant’s language applies until the person chooses one', () => {
    adoptTenantLocale('zh-CN');
    expect(i18n.language).toBe('zh-CN');
    const { result } = renderHook(() => useLocale());
    act(() => {
      result.current[1]('en');
    });
    adoptTenantLocale('zh-CN');
    expect(i18n.language).toBe('en');
  });
});
