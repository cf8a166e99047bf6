// The custom passport fields HQ made franchisee-editable, each as the input its type needs;
// the API checks and canonicalises the values (text is read into numbers, dates, yes/no).
import { Button, Card, Input } from 'antd-mobile';
import { useState } from 'react';

import { type FragmentType, readFragment } from '../../../graphql/generated';
import { useMessages } from '../../../i18n/messages';
import { ChoiceGroup } from '../../../ui/ChoiceGroup/ChoiceGroup';
import { sortUserErrors } from '../../../ui/FormErrors/fieldErrors';
import { FormErrors } from '../../../ui/FormErrors/FormErrors';
import { type SubmitResult, succeeded } from '../../../ui/FormErrors/result';
import { CustomFieldsFormFragment } from './fragments';
import { messages } from './messages';

export interface CustomFieldsFormProps {
  store: FragmentType<typeof CustomFieldsFormFragment>;
  /** Values by key; null removes one. */
  onSave: (values: Record<string, string | null>) => Promise<SubmitResult>;
}

const asText = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

export function CustomFieldsForm({ store: ref, onSave }: CustomFieldsFormProps) {
  const t = useMessages(messages);
  const store = readFragment(CustomFieldsFormFragment, ref);
  const fields = store.customFields.filter((field) => field.franchiseeEditable);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((field) => [field.key, asText(field.value)])),
  );
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [saving, setSaving] = useState(false);
  if (fields.length === 0) return null;
  const sorted = sortUserErrors(
    result?.userErrors ?? [],
    fields.map((field) => `values.${field.key}`),
  );
  const error = (key: string) => sorted.byField[`values.${key}`]?.join(' ');
  const set = (key: string, value: string) => {
    setValues({ ...values, [key]: value });
  };

  const save = async () => {
    setSaving(true);
    const changed = Object.fromEntries(
      fields
        .filter((field) => values[field.key] !== asText(field.value))
        .map((field) => [field.key, values[field.key]?.trim() ? (values[field.key] ?? null) : null]),
    );
    const answer =
      Object.keys(changed).length > 0 ? await onSave(changed) : { userErrors: [], failure: null };
    setSaving(false);
    setResult(answer);
  };
  return (
    <section aria-labelledby="custom-fields">
      <Card
        title={
          <h2 id="custom-fields" style={{ margin: 0, fontSize: 17 }}>
            {t('title')}
          </h2>
        }
      >
        <p style={{ margin: '0 0 8px', color: '#595959' }}>{t('intro')}</p>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <FormErrors messages={sorted.general} failure={result?.failure} />
          {fields.map((field) => {
            const id = `custom-${field.key}`;
            const value = values[field.key] ?? '';
            if (field.type === 'BOOLEAN' || field.type === 'CHOICE') {
              const choices =
                field.type === 'BOOLEAN'
                  ? [
                      { value: 'true', label: t('yes') },
                      { value: 'false', label: t('no') },
                    ]
                  : field.choices.map((choice) => ({ value: choice, label: choice }));
              return (
                <ChoiceGroup
                  key={field.key}
                  name={id}
                  legend={field.label}
                  choices={choices}
                  value={value || null}
                  error={error(field.key)}
                  onChange={(next) => {
                    set(field.key, next);
                  }}
                />
              );
            }
            return (
              <div key={field.key} style={{ marginBottom: 12 }}>
                <label htmlFor={id} style={{ display: 'block', fontWeight: 600 }}>
                  {field.label}
                </label>
                {field.helpText && (
                  <p id={`${id}-help`} style={{ margin: 0, color: '#595959', fontSize: 13 }}>
                    {field.helpText}
                  </p>
                )}
                <Input
                  id={id}
                  type={field.type === 'NUMBER' ? 'number' : field.type === 'DATE' ? 'date' : 'text'}
                  value={value}
                  placeholder={t('none')}
                  aria-describedby={field.helpText ? `${id}-help` : undefined}
                  onChange={(next) => {
                    set(field.key, next);
                  }}
                />
                {error(field.key) && (
                  <p style={{ color: 'var(--adm-color-danger)', margin: 0 }}>{error(field.key)}</p>
                )}
              </div>
            );
          })}
          {result && succeeded(result) && <p role="status">{t('saved')}</p>}
          <Button type="submit" color="primary" loading={saving}>
            {t('save')}
          </Button>
        </form>
      </Card>
    </section>
  );
}
