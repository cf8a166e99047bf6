// Stock ran short at confirmation: each short SKU by name with what head office still has,
// and one action that takes what is available (in whole packs) and confirms.
import { Button, Card } from 'antd-mobile';

import { productName, useCatalogueNames } from '../../../catalogue/categories';
import { useFormat } from '../../../i18n/format';
import { useMessages } from '../../../i18n/messages';
import type { DraftLine } from '../../draft';
import { messages } from './messages';

export function Shortages({
  lines,
  busy,
  onTake,
}: {
  lines: DraftLine[];
  busy: boolean;
  onTake: () => void;
}) {
  const t = useMessages(messages);
  const names = useCatalogueNames();
  const format = useFormat();
  return (
    <div role="alert">
      <Card title={<h2 style={{ margin: 0, fontSize: 16, color: '#a8071a' }}>{t('title')}</h2>}>
        <p style={{ marginTop: 0 }}>{t('explain')}</p>
        <ul style={{ paddingLeft: 18 }}>
          {lines.map((line) => (
            <li key={line.skuId}>
              {t('line', {
                name: `${productName(line.sku.product, names.locale)} ${names.colour(line.sku.colour)} ${line.sku.size}`,
                code: line.sku.code,
                wanted: format.number(line.qty),
                left: format.number(Math.max(line.available ?? 0, 0)),
              })}
            </li>
          ))}
        </ul>
        <Button color="primary" block loading={busy} onClick={onTake}>
          {t('take')}
        </Button>
      </Card>
    </div>
  );
}
