// Category and colour names in the language shown: the catalogue stores keys (knitwear, navy),
// people read words. An unknown key is shown as it is.
import { i18n, type Locale } from '../i18n/i18n';
import { useLocale } from '../i18n/locale';
import { defineMessages } from '../i18n/messages';

const categories = defineMessages(
  'catalogue.categories',
  {
    coats: 'Coats',
    down_jackets: 'Down jackets',
    knitwear: 'Knitwear',
    sweatshirts: 'Sweatshirts',
    shirts: 'Shirts',
    t_shirts: 'T-shirts',
    dresses: 'Dresses',
    jeans: 'Jeans',
    trousers: 'Trousers',
    shorts: 'Shorts',
    accessories: 'Accessories',
    socks: 'Socks',
  },
  {
    coats: '大衣',
    down_jackets: '羽绒服',
    knitwear: '针织',
    sweatshirts: '卫衣',
    shirts: '衬衫',
    t_shirts: 'T恤',
    dresses: '连衣裙',
    jeans: '牛仔裤',
    trousers: '休闲裤',
    shorts: '短裤',
    accessories: '配饰',
    socks: '袜子',
  },
);

const colours = defineMessages(
  'catalogue.colours',
  {
    black: 'Black',
    white: 'White',
    navy: 'Navy',
    grey: 'Grey',
    camel: 'Camel',
    beige: 'Beige',
    khaki: 'Khaki',
    olive: 'Olive',
    burgundy: 'Burgundy',
    pink: 'Pink',
    'light blue': 'Light blue',
    red: 'Red',
  },
  {
    black: '黑色',
    white: '白色',
    navy: '藏青',
    grey: '灰色',
    camel: '驼色',
    beige: '米色',
    khaki: '卡其',
    olive: '橄榄绿',
    burgundy: '酒红',
    pink: '粉色',
    'light blue': '浅蓝',
    red: '红色',
  },
);

/** The catalogue's categories, as filters offer them. */
export const CATEGORY_KEYS = Object.keys(categories.bundles.en);

/** What a colour name looks like on screen (a swatch); grey for a name not known. */
const SWATCHES: Record<string, string> = {
  black: '#1f1f1f',
  white: '#ffffff',
  navy: '#1d2b53',
  grey: '#8c8c8c',
  camel: '#c19a6b',
  beige: '#e8dcc4',
  khaki: '#a39264',
  olive: '#6b7b3a',
  burgundy: '#7a1f2b',
  pink: '#f4a6b8',
  'light blue': '#9cc7ec',
  red: '#d4380d',
};

function named(namespace: string, key: string, locale: Locale): string {
  return i18n.getFixedT(locale, namespace)(key, {
    defaultValue: key,
    keySeparator: false,
    nsSeparator: false,
  });
}

export function categoryName(key: string, locale: Locale): string {
  return named(categories.namespace, key, locale);
}

export function colourName(key: string, locale: Locale): string {
  return named(colours.namespace, key.toLowerCase(), locale);
}

export function swatchOf(colour: string): string {
  return SWATCHES[colour.toLowerCase()] ?? '#bfbfbf';
}

/** Category and colour names in the language shown now. */
export function useCatalogueNames() {
  const [locale] = useLocale();
  return {
    category: (key: string) => categoryName(key, locale),
    colour: (key: string) => colourName(key, locale),
    locale,
  };
}

/** A style's name in the language shown (its English name when there is one, in English). */
export function productName(product: { name: string; nameEn: string | null }, locale: Locale): string {
  return locale === 'en' && product.nameEn ? product.nameEn : product.name;
}
