// Which language to show: the person's own choice, else their tenant's, else the browser's.
import { useCallback, useSyncExternalStore } from 'react';

import { DEFAULT_LOCALE, i18n, isLocale, type Locale } from './i18n';

const CHOSEN_KEY = 'peihuo.locale';
const TENANT_KEY = 'peihuo.tenantLocale';

export interface LocaleSources {
  chosen?: string | null;
  tenant?: string | null;
  browser?: readonly string[];
}

/** The language to use: chosen > tenant's default > browser's first zh or en > zh-CN. */
export function pickLocale({ chosen, tenant, browser = [] }: LocaleSources): Locale {
  if (isLocale(chosen)) return chosen;
  if (isLocale(tenant)) return tenant;
  for (const language of browser) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

function storedLocale(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled (private mode): fall back to the other sources
  }
}

function store(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // The choice then lasts this page only.
  }
}

export function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

/** Applies the language the stored sources and the browser point to (at start-up). */
export function initialLocale(): Locale {
  const locale = pickLocale({
    chosen: storedLocale(CHOSEN_KEY),
    tenant: storedLocale(TENANT_KEY),
    browser: navigator.languages,
  });
  applyLocale(locale);
  return locale;
}

/** The tenant's default became known (after sign-in): used unless the person chose one. */
export function adoptTenantLocale(tenantLocale: string): void {
  if (!isLocale(tenantLocale)) return;
  store(TENANT_KEY, tenantLocale);
  applyLocale(pickLocale({ chosen: storedLocale(CHOSEN_KEY), tenant: tenantLocale }));
}

function subscribe(listener: () => void): () => void {
  i18n.on('languageChanged', listener);
  return () => {
    i18n.off('languageChanged', listener);
  };
}

function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/** The current language and a way to choose another (remembered on this device). */
export function useLocale(): [Locale, (locale: Locale) => void] {
  const locale = useSyncExternalStore(subscribe, currentLocale);
  const choose = useCallback((next: Locale) => {
    store(CHOSEN_KEY, next);
    applyLocale(next);
  }, []);
  return [locale, choose];
}
