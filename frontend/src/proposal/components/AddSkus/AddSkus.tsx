// Adding SKUs from the catalogue: search by name or code, filter by category and price band;
// only what the store may be sent is listed (its passport's excluded items are left out).
import { Button, Popup, SearchBar, Selector } from 'antd-mobile';
import { useState } from 'react';
import { useQuery } from 'urql';

import { CATEGORY_KEYS, productName, swatchOf, useCatalogueNames } from '../../../catalogue/categories';
import { readFragment } from '../../../graphql/generated';
import { useFormat } from '../../../i18n/format';
import { useMessages } from '../../../i18n/messages';
import { Pending } from '../../../ui/Pending/Pending';
import type { SkuInfo } from '../../draft';
import { CatalogueSearchQuery, ProposalSkuFragment } from '../../queries';
import styles from './AddSkus.module.css';
import { messages } from './messages';

const PRICE_BANDS: Record<string, { priceMin?: string; priceMax?: string }> = {
  low: { priceMax: '199.99' },
  mid: { priceMin: '200', priceMax: '499.99' },
  high: { priceMin: '500' },
};

export interface AddSkusProps {
  visible: boolean;
  storeId: string;
  currency: string;
  /** SKUs already on the order (shown as such). */
  onOrder: ReadonlySet<string>;
  onAdd: (sku: SkuInfo) => void;
  onClose: () => void;
}

export function AddSkus({ visible, storeId, currency, onOrder, onAdd, onClose }: AddSkusProps) {
  const t = useMessages(messages);
  const names = useCatalogueNames();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [band, setBand] = useState<string | null>(null);
  const filter = {
    storeId,
    active: true,
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(category ? { category } : {}),
    ...(band ? PRICE_BANDS[band] : {}),
  };
  const [{ data, fetching, error }] = useQuery({
    query: CatalogueSearchQuery,
    variables: { filter },
    pause: !visible,
  });
  const skus = data?.skus.edges.map((edge) => readFragment(ProposalSkuFragment, edge.node)) ?? [];
  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      position="bottom"
      bodyStyle={{ maxHeight: '85vh', overflowY: 'auto', borderRadius: '12px 12px 0 0' }}
    >
      <div className={styles.sheet} role="dialog" aria-modal="true" aria-labelledby="add-skus-title">
        <div className={styles.top}>
          <h2 id="add-skus-title" className={styles.title}>
            {t('title')}
          </h2>
          <Button size="small" onClick={onClose}>
            {t('close')}
          </Button>
        </div>
        <SearchBar
          placeholder={t('search')}
          aria-label={t('search')}
          onSearch={setSearch}
          onClear={() => {
            setSearch('');
          }}
        />
        <fieldset className={styles.fieldset}>
          <legend>{t('category')}</legend>
          <Selector
            showCheckMark={false}
            options={CATEGORY_KEYS.map((key) => ({ label: names.category(key), value: key }))}
            value={category ? [category] : []}
            onChange={(values) => {
              setCategory(values[0] ?? null);
            }}
          />
        </fieldset>
        <fieldset className={styles.fieldset}>
          <legend>{t('price')}</legend>
          <Selector
            showCheckMark={false}
            options={Object.keys(PRICE_BANDS).map((key) => ({
              label: t(key as 'low' | 'mid' | 'high'),
              value: key,
            }))}
            value={band ? [band] : []}
            onChange={(values) => {
              setBand(values[0] ?? null);
            }}
          />
        </fieldset>
        {fetching && !data ? (
          <Pending />
        ) : error && !data ? (
          <p role="alert">{t('failed')}</p>
        ) : skus.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <ul className={styles.results} aria-label={t('results')}>
            {skus.map((sku) => {
              const name = `${productName(sku.product, names.locale)} ${names.colour(sku.colour)} ${sku.size}`;
              const already = onOrder.has(sku.id);
              return (
                <li key={sku.id} className={styles.result}>
                  <span
                    className={styles.swatch}
                    style={{ background: swatchOf(sku.colour) }}
                    aria-hidden="true"
                  />
                  <span className={styles.what}>
                    <strong>{name}</strong>
                    <span className={styles.meta}>
                      {sku.code} · {names.category(sku.product.category)} ·{' '}
                      {format.money(sku.product.retailPrice, currency)}
                      {sku.packSize > 1 ? ` · ${t('pack', { pack: sku.packSize })}` : ''}
                    </span>
                  </span>
                  <Button
                    size="small"
                    color="primary"
                    disabled={already}
                    aria-label={already ? t('onOrderLabel', { name }) : t('addLabel', { name })}
                    onClick={() => {
                      onAdd(sku);
                    }}
                  >
                    {already ? t('onOrder') : t('add')}
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </Popup>
  );
}
