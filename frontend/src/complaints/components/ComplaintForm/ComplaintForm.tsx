// Filing a complaint: category, severity, what happened, the order (and its parcel) it is
// about, and photos. The text is kept on the device until the complaint is filed.
import { Button, TextArea } from 'antd-mobile';
import { useState } from 'react';

import { useMessages } from '../../../i18n/messages';
import { ChoiceGroup } from '../../../ui/ChoiceGroup/ChoiceGroup';
import { useDraft } from '../../../ui/draft';
import { sortUserErrors } from '../../../ui/FormErrors/fieldErrors';
import { FormErrors } from '../../../ui/FormErrors/FormErrors';
import { type SubmitResult, succeeded } from '../../../ui/FormErrors/result';
import { CATEGORIES, labels, SEVERITIES } from '../../labels';
import { messages } from './messages';

type Category = (typeof CATEGORIES)[number];
type Severity = (typeof SEVERITIES)[number];

export interface ComplaintOrder {
  id: string;
  number: string;
  shipment: { id: string; trackingNumber: string } | null;
}

export interface ComplaintValues {
  category: Category;
  severity: Severity;
  description: string;
  orderId: string | null;
  shipmentId: string | null;
  photos: File[];
}

export interface ComplaintFormProps {
  storeId: string;
  orders: readonly ComplaintOrder[];
  onSubmit: (values: ComplaintValues) => Promise<SubmitResult>;
}

interface Draft {
  category: Category | null;
  severity: Severity | null;
  description: string;
  orderId: string;
}

const FIELDS = ['category', 'severity', 'description', 'orderId', 'shipmentId', 'file'];

export function ComplaintForm({ storeId, orders, onSubmit }: ComplaintFormProps) {
  const t = useMessages(messages);
  const l = useMessages(labels);
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`complaint.${storeId}`, {
    category: null,
    severity: 'MEDIUM',
    description: '',
    orderId: '',
  });
  const [photos, setPhotos] = useState<File[]>([]);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const sorted = sortUserErrors(result?.userErrors ?? [], FIELDS);
  const fieldError = (name: string) =>
    [...(missing.includes(name) ? [t('required')] : []), ...(sorted.byField[name] ?? [])].join(' ') ||
    undefined;

  const send = async () => {
    const { category, severity } = draft;
    const absent = [
      ...(category ? [] : ['category']),
      ...(severity ? [] : ['severity']),
      ...(draft.description.trim() ? [] : ['description']),
    ];
    setMissing(absent);
    if (!category || !severity || absent.length > 0) return;
    const order = orders.find((o) => o.id === draft.orderId) ?? null;
    setSending(true);
    const answer = await onSubmit({
      category,
      severity,
      description: draft.description,
      orderId: order?.id ?? null,
      shipmentId: order?.shipment?.id ?? null,
      photos,
    });
    setSending(false);
    setResult(answer);
    if (succeeded(answer)) clearDraft();
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <FormErrors messages={sorted.general} failure={result?.failure} />
      <ChoiceGroup
        name="category"
        legend={t('category')}
        choices={CATEGORIES.map((value) => ({ value, label: l(value) }))}
        value={draft.category}
        error={fieldError('category')}
        onChange={(category) => {
          setDraft({ ...draft, category });
        }}
      />
      <ChoiceGroup
        name="severity"
        legend={t('severity')}
        choices={SEVERITIES.map((value) => ({ value, label: l(value) }))}
        value={draft.severity}
        error={fieldError('severity')}
        onChange={(severity) => {
          setDraft({ ...draft, severity });
        }}
      />
      <label htmlFor="complaint-description" style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
        {t('description')}
      </label>
      <TextArea
        id="complaint-description"
        value={draft.description}
        placeholder={t('descriptionPlaceholder')}
        rows={4}
        maxLength={4000}
        showCount
        onChange={(description) => {
          setDraft({ ...draft, description });
        }}
      />
      {fieldError('description') && (
        <p style={{ color: 'var(--adm-color-danger)', margin: 0 }}>{fieldError('description')}</p>
      )}
      <label htmlFor="complaint-order" style={{ display: 'block', fontWeight: 600, margin: '12px 0 4px' }}>
        {t('about')}
      </label>
      <select
        id="complaint-order"
        value={draft.orderId}
        onChange={(event) => {
          setDraft({ ...draft, orderId: event.target.value });
        }}
        style={{ width: '100%', minHeight: 40, fontSize: 16 }}
      >
        <option value="">{t('noOrder')}</option>
        {orders.map((order) => (
          <option key={order.id} value={order.id}>
            {order.shipment
              ? t('orderShipped', { number: order.number, tracking: order.shipment.trackingNumber })
              : t('order', { number: order.number })}
          </option>
        ))}
      </select>
      {(fieldError('orderId') ?? fieldError('shipmentId')) && (
        <p style={{ color: 'var(--adm-color-danger)', margin: 0 }}>
          {fieldError('orderId') ?? fieldError('shipmentId')}
        </p>
      )}
      <label htmlFor="complaint-photos" style={{ display: 'block', fontWeight: 600, margin: '12px 0 4px' }}>
        {t('photos')}
      </label>
      <input
        id="complaint-photos"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        onChange={(event) => {
          setPhotos([...(event.target.files ?? [])]);
        }}
      />
      {photos.length > 0 && (
        <p style={{ margin: '4px 0 0' }}>{t('chosenPhotos', { count: photos.length })}</p>
      )}
      {fieldError('file') && (
        <p style={{ color: 'var(--adm-color-danger)', margin: 0 }}>{fieldError('file')}</p>
      )}
      <Button type="submit" color="primary" block loading={sending} style={{ marginTop: 16 }}>
        {t('send')}
      </Button>
    </form>
  );
}
