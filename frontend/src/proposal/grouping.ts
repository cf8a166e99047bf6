// Proposal lines grouped as the page shows them: by category, then by style.
import { productName } from '../catalogue/categories';
import type { Locale } from '../i18n/i18n';
import type { DraftLine } from './draft';

export interface Style {
  id: string;
  name: string;
  code: string;
  retailPrice: string;
  lines: DraftLine[];
}

/** Categories in the order they first appear, each with its styles in order. */
export function groupLines(
  lines: readonly DraftLine[],
  locale: Locale,
): { category: string; styles: Style[] }[] {
  const categories = new Map<string, Map<string, Style>>();
  for (const line of lines) {
    const product = line.sku.product;
    let group = categories.get(product.category);
    if (!group) {
      group = new Map();
      categories.set(product.category, group);
    }
    let style = group.get(product.id);
    if (!style) {
      style = {
        id: product.id,
        name: productName(product, locale),
        code: product.code,
        retailPrice: product.retailPrice,
        lines: [],
      };
      group.set(product.id, style);
    }
    style.lines.push(line);
  }
  return [...categories].map(([category, group]) => ({ category, styles: [...group.values()] }));
}
