// Dates, money and numbers through Intl, in the language shown.
import { useMemo } from 'react';

import type { Locale } from './i18n';
import { useLocale } from './locale';

export interface Formatters {
  /** An amount (the API's Decimal, a string) in a currency, e.g. ¥25,000.00. */
  money: (amount: string | number, currency: string) => string;
  /** A whole or decimal number with grouping. */
  number: (value: number) => string;
  /** A calendar date (the API's Date, YYYY-MM-DD) without shifting it by time zone. */
  date: (isoDate: string) => string;
  /** A moment (the API's DateTime) in the given time zone, or the browser's. */
  dateTime: (iso: string, timeZone?: string) => string;
}

export function formatters(locale: Locale): Formatters {
  const number = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const money = new Map<string, Intl.NumberFormat>();
  return {
    money: (amount, currency) => {
      let format = money.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency });
        money.set(currency, format);
      }
      return format.format(Number(amount));
    },
    number: (value) => number.format(value),
    date: (isoDate) => date.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    dateTime: (iso, timeZone) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
        new Date(iso),
      ),
  };
}

/** Formatters for the language shown now. */
export function useFormat(): Formatters {
  const [locale] = useLocale();
  return useMemo(() => formatters(locale), [locale]);
}
