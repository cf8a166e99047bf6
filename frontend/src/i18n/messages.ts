// Messages per component (Saleor Dashboard's messages.ts, on i18next): every user-visible
// string of a component lives beside it, in both languages, typed so none can be missing.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

import { i18n, type Locale } from './i18n';

export type Values = Record<string, string | number>;

export interface Messages<K extends string> {
  readonly namespace: string;
  readonly bundles: Readonly<Record<Locale, Readonly<Record<K, string>>>>;
}

/** The translate function of a component's messages. */
export type Translate<M> = M extends Messages<infer K> ? (key: K, values?: Values) => string : never;

const registered = new Map<string, Messages<string>>();

/**
 * Registers a component's messages under its own namespace. English gives the keys; the
 * Chinese bundle must have exactly the same ones (TypeScript checks it).
 */
export function defineMessages<const T extends Record<string, string>>(
  namespace: string,
  en: T,
  zhCN: { [K in keyof T]: string },
): Messages<Extract<keyof T, string>> {
  if (registered.has(namespace)) {
    throw new Error(`messages namespace ${namespace} is defined twice`);
  }
  const messages = { namespace, bundles: { en, 'zh-CN': zhCN } } as Messages<Extract<keyof T, string>>;
  i18n.addResourceBundle('en', namespace, en, true, true);
  i18n.addResourceBundle('zh-CN', namespace, zhCN, true, true);
  registered.set(namespace, messages);
  return messages;
}

/** Every namespace registered so far (the tests check both languages match). */
export function registeredMessages(): Messages<string>[] {
  return [...registered.values()];
}

/** The translate function of one component's messages, re-rendering on a language switch. */
export function useMessages<K extends string>(messages: Messages<K>): (key: K, values?: Values) => string {
  const { t } = useTranslation(messages.namespace);
  return useCallback((key: K, values?: Values): string => t(key, values), [t]);
}
