// The proposal's lines grouped by category, then by style: each style with its price, then a
// row per colour × size with a swatch, the reason in words, recommended and current quantity,
// a stepper by pack and a remove button. Server refusals appear on the line they name.
import { Button } from 'antd-mobile';
import { memo } from 'react';

import { productName, swatchOf, useCatalogueNames } from '../../../catalogue/categories';
import { useFormat } from '../../../i18n/format';
import { useMessages } from '../../../i18n/messages';
import type { DraftLine } from '../../draft';
import { groupLines } from '../../grouping';
import { reasonText } from '../../reason';
import styles from './LineGroups.module.css';
import { messages } from './messages';

export interface LineGroupsProps {
  lines: DraftLine[];
  currency: string;
  editable: boolean;
  /** Server errors by SKU id. */
  errors: Record<string, string>;
  onChange: (line: DraftLine, direction: 1 | -1) => void;
  onRemove: (line: DraftLine) => void;
}

export function LineGroups({ lines, currency, editable, errors, onChange, onRemove }: LineGroupsProps) {
  const t = useMessages(messages);
  const names = useCatalogueNames();
  const format = useFormat();
  const groups = groupLines(lines, names.locale);
  return (
    <div className={styles.groups}>
      {groups.map((group) => (
        <section key={group.category} aria-labelledby={`category-${group.category}`}>
          <h2 id={`category-${group.category}`} className={styles.category}>
            {names.category(group.category)}
          </h2>
          {group.styles.map((style) => (
            <article key={style.id} className={styles.style} aria-label={style.name}>
              <header className={styles.styleHeader}>
                <h3 className={styles.styleName}>{style.name}</h3>
                <span className={styles.meta}>
                  {style.code} · {t('retail', { price: format.money(style.retailPrice, currency) })}
                </span>
                <span className={styles.sizes} aria-label={t('sizeRun')}>
                  {style.lines.map((line) => (
                    <span key={line.skuId} className={line.qty > 0 ? styles.sizeOn : styles.sizeOff}>
                      {line.sku.size}
                    </span>
                  ))}
                </span>
              </header>
              <ul className={styles.rows}>
                {style.lines.map((line) => (
                  <Row
                    key={line.skuId}
                    line={line}
                    editable={editable}
                    error={errors[line.skuId]}
                    onChange={onChange}
                    onRemove={onRemove}
                  />
                ))}
              </ul>
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}

interface RowProps {
  line: DraftLine;
  editable: boolean;
  error: string | undefined;
  onChange: (line: DraftLine, direction: 1 | -1) => void;
  onRemove: (line: DraftLine) => void;
}

/** Whether a row would render the same: the draft rebuilds line objects on every change. */
function sameRow(a: RowProps, b: RowProps): boolean {
  return (
    a.line.skuId === b.line.skuId &&
    a.line.qty === b.line.qty &&
    a.line.savedQty === b.line.savedQty &&
    a.line.sku === b.line.sku &&
    a.line.reason === b.line.reason &&
    a.editable === b.editable &&
    a.error === b.error &&
    a.onChange === b.onChange &&
    a.onRemove === b.onRemove
  );
}

const Row = memo(function Row({ line, editable, error, onChange, onRemove }: RowProps) {
  const t = useMessages(messages);
  const names = useCatalogueNames();
  const format = useFormat();
  const colour = names.colour(line.sku.colour);
  const label = `${productName(line.sku.product, names.locale)} ${colour} ${line.sku.size}`;
  const errorId = `line-error-${line.skuId}`;
  return (
    <li className={line.qty === 0 ? `${styles.row} ${styles.removed}` : styles.row}>
      <div className={styles.what}>
        <span
          className={styles.swatch}
          style={{ background: swatchOf(line.sku.colour) }}
          aria-hidden="true"
        />
        <span>
          <strong>{colour}</strong> · {line.sku.size}
          <span className={styles.code}> {line.sku.code}</span>
        </span>
      </div>
      <p className={styles.reason}>{reasonText(line.reason, names.locale, line.addedByHand)}</p>
      <div className={styles.figures}>
        <span>{t('recommended', { qty: format.number(line.recommendedQty) })}</span>
        {line.sku.packSize > 1 && <span>{t('pack', { pack: line.sku.packSize })}</span>}
        {line.changed && (
          <span className={styles.changed}>{t('was', { qty: format.number(line.savedQty) })}</span>
        )}
      </div>
      <div className={styles.controls}>
        {editable ? (
          <>
            <div className={styles.stepper} role="group" aria-label={t('quantityOf', { name: label })}>
              <Button
                size="small"
                aria-label={t('less', { name: label })}
                disabled={line.qty === 0}
                onClick={() => {
                  onChange(line, -1);
                }}
              >
                −
              </Button>
              <output className={styles.qty} aria-describedby={error ? errorId : undefined}>
                {format.number(line.qty)}
              </output>
              <Button
                size="small"
                aria-label={t('more', { name: label })}
                onClick={() => {
                  onChange(line, 1);
                }}
              >
                +
              </Button>
            </div>
            {line.qty > 0 && (
              <Button
                size="small"
                fill="none"
                className={styles.remove}
                aria-label={t('removeLabel', { name: label })}
                onClick={() => {
                  onRemove(line);
                }}
              >
                {t('remove')}
              </Button>
            )}
          </>
        ) : (
          <span className={styles.qty}>{t('qty', { qty: format.number(line.qty) })}</span>
        )}
      </div>
      {error && (
        <p id={errorId} className={styles.error} role="alert">
          {error}
        </p>
      )}
    </li>
  );
}, sameRow);
