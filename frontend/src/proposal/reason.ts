// A proposal line's reason in plain words, in the language shown, from the engine's reason data
// (what the store sold and holds, what it should sell, what stopped more, when the category
// peaks). A figure the data lacks leaves its sentence out; nothing is invented.
import { categoryName } from '../catalogue/categories';
import { i18n, type Locale } from '../i18n/i18n';
import { defineMessages } from '../i18n/messages';

const messages = defineMessages(
  'proposal.reason',
  {
    soldWeeks: 'Sold {{sold}} in the last {{weeks}} weeks, {{left}} left.',
    soldDays: 'Sold {{sold}} in the last {{days}} days, {{left}} left.',
    onHand: '{{left}} left in the store.',
    expectWeeks: 'Expected to sell about {{mean}} in the next {{weeks}} weeks.',
    expectDays: 'Expected to sell about {{mean}} in the next {{days}} days.',
    presentation: 'Makes up a full display of the style ({{min}} pieces at least).',
    pack: 'Comes in packs of {{pack}}.',
    rounding: 'Rounded up to a whole piece when the stock was shared out.',
    holdout: 'Shared out in proportion to your budget this time.',
    boundBudget: 'Not more: the budget is spent.',
    boundStock: 'Not more: head office needs the rest for other stores.',
    boundCapacity: 'Not more: your display is full.',
    boundPresentation: 'Not more: too few for a full display.',
    season: '{{category}} peak in your region in {{month}}.',
    addedByYou: 'Added by you.',
    noReason: 'Picked by your merchandiser.',
  },
  {
    soldWeeks: '近{{weeks}}周卖出{{sold}}件，还剩{{left}}件。',
    soldDays: '近{{days}}天卖出{{sold}}件，还剩{{left}}件。',
    onHand: '店里还剩{{left}}件。',
    expectWeeks: '预计未来{{weeks}}周能卖约{{mean}}件。',
    expectDays: '预计未来{{days}}天能卖约{{mean}}件。',
    presentation: '为凑齐该款的整套陈列（至少{{min}}件）。',
    pack: '按{{pack}}件一包发货。',
    rounding: '分配库存时凑整多配了一件。',
    holdout: '本次按预算比例分配。',
    boundBudget: '没有多配：预算已用完。',
    boundStock: '没有多配：总部余下的库存要留给其他门店。',
    boundCapacity: '没有多配：门店陈列已满。',
    boundPresentation: '没有多配：数量凑不齐整套陈列。',
    season: '{{category}}在您所在区域{{month}}最旺。',
    addedByYou: '您自己添加的。',
    noReason: '由您的配货师挑选。',
  },
);

type Key = keyof (typeof messages.bundles)['en'];

/** The reason data of a line, as the API gives it (every figure optional). */
export interface ReasonData {
  kind?: string | null;
  mean?: number | null;
  horizonDays?: number | null;
  onHand?: number | null;
  soldRecently?: number | null;
  soldDays?: number | null;
  bound?: string | null;
  packSize?: number | null;
  minStyleUnits?: number | null;
  season?: { category: string; peakMonth: number } | null;
}

const BOUNDS: Record<string, Key> = {
  budget: 'boundBudget',
  hq_stock: 'boundStock',
  display_capacity: 'boundCapacity',
  presentation: 'boundPresentation',
};

const present = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

// Intl formatters are costly to make: one per language, shared by every line of the page.
const numbers = new Map<Locale, Intl.NumberFormat>();
const months = new Map<Locale, Intl.DateTimeFormat>();

function numberFormat(locale: Locale): Intl.NumberFormat {
  let format = numbers.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    numbers.set(locale, format);
  }
  return format;
}

function monthFormat(locale: Locale): Intl.DateTimeFormat {
  let format = months.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
    months.set(locale, format);
  }
  return format;
}

/** The line's reason as short sentences in `locale`. */
export function reasonText(reason: ReasonData, locale: Locale, addedByHand = false): string {
  const t = (key: Key, values?: Record<string, string | number>) =>
    i18n.getFixedT(locale, messages.namespace)(key, values);
  const number = numberFormat(locale);
  const span = (days: number): { unit: 'Weeks' | 'Days' } & Record<string, string> =>
    days % 7 === 0
      ? { weeks: number.format(days / 7), unit: 'Weeks' }
      : { days: number.format(days), unit: 'Days' };
  const parts: string[] = [];

  if (present(reason.soldRecently) && present(reason.soldDays) && present(reason.onHand)) {
    const { unit, ...values } = span(reason.soldDays);
    parts.push(
      t(unit === 'Weeks' ? 'soldWeeks' : 'soldDays', {
        ...values,
        sold: number.format(reason.soldRecently),
        left: number.format(reason.onHand),
      }),
    );
  } else if (present(reason.onHand)) {
    parts.push(t('onHand', { left: number.format(reason.onHand) }));
  }
  if (present(reason.mean) && present(reason.horizonDays)) {
    const { unit, ...values } = span(reason.horizonDays);
    parts.push(
      t(unit === 'Weeks' ? 'expectWeeks' : 'expectDays', { ...values, mean: number.format(reason.mean) }),
    );
  }
  const kind = reason.kind?.toLowerCase();
  if (kind === 'presentation' && present(reason.minStyleUnits)) {
    parts.push(t('presentation', { min: number.format(reason.minStyleUnits) }));
  } else if (kind === 'pack' && present(reason.packSize)) {
    parts.push(t('pack', { pack: number.format(reason.packSize) }));
  } else if (kind === 'rounding' || kind === 'holdout') {
    parts.push(t(kind));
  }
  const bound = reason.bound ? BOUNDS[reason.bound] : undefined;
  if (bound) parts.push(t(bound));
  const season = reason.season;
  if (season && season.peakMonth >= 1 && season.peakMonth <= 12) {
    const month = monthFormat(locale).format(new Date(Date.UTC(2024, season.peakMonth - 1, 15)));
    parts.push(t('season', { category: categoryName(season.category, locale), month }));
  }
  if (parts.length === 0) return t(addedByHand ? 'addedByYou' : 'noReason');
  return parts.join(locale === 'zh-CN' ? '' : ' ');
}
