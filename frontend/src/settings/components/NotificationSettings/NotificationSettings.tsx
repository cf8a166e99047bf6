// The store's notification channel and quiet hours (principle 4: a welcome, not spam).
import { Button, Card, Checkbox, Input } from 'antd-mobile';
import { useState } from 'react';

import { type FragmentType, readFragment } from '../../../graphql/generated';
import { useMessages } from '../../../i18n/messages';
import { ChoiceGroup } from '../../../ui/ChoiceGroup/ChoiceGroup';
import { sortUserErrors } from '../../../ui/FormErrors/fieldErrors';
import { FormErrors } from '../../../ui/FormErrors/FormErrors';
import { type SubmitResult, succeeded } from '../../../ui/FormErrors/result';
import { NotificationSettingsFragment } from './fragments';
import { messages } from './messages';

const CHANNELS = ['EMAIL', 'SMS', 'CHAT'] as const;
type Channel = (typeof CHANNELS)[number];

export interface NotificationValues {
  preferredChannel: Channel;
  chatWebhookUrl: string | null;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
}

export interface NotificationSettingsProps {
  store: FragmentType<typeof NotificationSettingsFragment>;
  onSave: (values: NotificationValues) => Promise<SubmitResult>;
}

const FIELDS = ['preferredChannel', 'chatWebhookUrl', 'quietHoursStart', 'quietHoursEnd'];
const hhmm = (time: string | undefined) => (time ?? '').slice(0, 5);

export function NotificationSettings({ store: ref, onSave }: NotificationSettingsProps) {
  const t = useMessages(messages);
  const { preferences } = readFragment(NotificationSettingsFragment, ref);
  const [channel, setChannel] = useState<Channel>(preferences.preferredChannel);
  const [webhook, setWebhook] = useState(preferences.chatWebhookUrl ?? '');
  const [quiet, setQuiet] = useState(preferences.quietHours !== null);
  const [start, setStart] = useState(hhmm(preferences.quietHours?.start) || '21:00');
  const [end, setEnd] = useState(hhmm(preferences.quietHours?.end) || '08:00');
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [saving, setSaving] = useState(false);
  const sorted = sortUserErrors(result?.userErrors ?? [], FIELDS);
  const error = (name: string) => sorted.byField[name]?.join(' ');

  const save = async () => {
    setSaving(true);
    const answer = await onSave({
      preferredChannel: channel,
      chatWebhookUrl: channel === 'CHAT' ? webhook.trim() || null : null,
      quietHoursStart: quiet ? start : null,
      quietHoursEnd: quiet ? end : null,
    });
    setSaving(false);
    setResult(answer);
  };
  return (
    <section aria-labelledby="notifications">
      <Card
        title={
          <h2 id="notifications" style={{ margin: 0, fontSize: 17 }}>
            {t('title')}
          </h2>
        }
      >
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <FormErrors messages={sorted.general} failure={result?.failure} />
          <ChoiceGroup
            name="channel"
            legend={t('channel')}
            choices={CHANNELS.map((value) => ({ value, label: t(value) }))}
            value={channel}
            error={error('preferredChannel')}
            onChange={setChannel}
          />
          {channel === 'CHAT' && (
            <div style={{ marginBottom: 12 }}>
              <label htmlFor="chat-webhook" style={{ display: 'block', fontWeight: 600 }}>
                {t('webhook')}
              </label>
              <Input
                id="chat-webhook"
                type="url"
                value={webhook}
                onChange={setWebhook}
                placeholder="https://"
              />
              {error('chatWebhookUrl') && (
                <p style={{ color: 'var(--adm-color-danger)', margin: 0 }}>{error('chatWebhookUrl')}</p>
              )}
            </div>
          )}
          <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
            <legend style={{ fontWeight: 600, padding: 0, marginBottom: 6 }}>{t('quiet')}</legend>
            <Checkbox checked={quiet} onChange={setQuiet}>
              {t('quietOn')}
            </Checkbox>
            {quiet && (
              <div style={{ display: 'flex', gap: 16, marginTop: 8, flexWrap: 'wrap' }}>
                <label>
                  {t('from')}{' '}
                  <input
                    type="time"
                    value={start}
                    onChange={(event) => {
                      setStart(event.target.value);
                    }}
                    style={{ fontSize: 16, minHeight: 36 }}
                  />
                </label>
                <label>
                  {t('until')}{' '}
                  <input
                    type="time"
                    value={end}
                    onChange={(event) => {
                      setEnd(event.target.value);
                    }}
                    style={{ fontSize: 16, minHeight: 36 }}
                  />
                </label>
              </div>
            )}
            {(error('quietHoursStart') ?? error('quietHoursEnd')) && (
              <p style={{ color: 'var(--adm-color-danger)', margin: 0 }}>
                {error('quietHoursStart') ?? error('quietHoursEnd')}
              </p>
            )}
          </fieldset>
          {result && succeeded(result) && <p role="status">{t('saved')}</p>}
          <Button type="submit" color="primary" loading={saving}>
            {t('save')}
          </Button>
        </form>
      </Card>
    </section>
  );
}
