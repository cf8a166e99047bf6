// The conversation with the merchandiser, oldest first, and the box to write the next message.
// The text being written is kept on the device until it is sent.
import { Button, TextArea } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import type { CombinedError } from 'urql';

import { type FragmentType, readFragment } from '../../../graphql/generated';
import { useFormat } from '../../../i18n/format';
import { useMessages } from '../../../i18n/messages';
import { useDraft } from '../../../ui/draft';
import { sortUserErrors, type UserErrorLike } from '../../../ui/FormErrors/fieldErrors';
import { FormErrors } from '../../../ui/FormErrors/FormErrors';
import { MessageThreadFragment } from './fragments';
import { messages as texts } from './messages';
import styles from './MessageThread.module.css';

export interface SendResult {
  userErrors: readonly UserErrorLike[];
  failure: CombinedError | null;
}

export interface MessageThreadProps {
  storeId: string;
  /** Newest first, as the API lists them. */
  messages: readonly FragmentType<typeof MessageThreadFragment>[];
  onSend: (body: string) => Promise<SendResult>;
}

export function MessageThread({ storeId, messages: refs, onSend }: MessageThreadProps) {
  const t = useMessages(texts);
  const format = useFormat();
  const list = refs.map((ref) => readFragment(MessageThreadFragment, ref)).reverse();
  const [draft, setDraft, clearDraft] = useDraft(`message.${storeId}`, { body: '' });
  const [result, setResult] = useState<SendResult | null>(null);
  const [sending, setSending] = useState(false);
  const end = useRef<HTMLDivElement>(null);
  const newest = list.at(-1)?.id;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [newest]);

  const sorted = sortUserErrors(result?.userErrors ?? [], ['body']);
  const send = async () => {
    if (!draft.body.trim() || sending) return;
    setSending(true);
    const answer = await onSend(draft.body);
    setSending(false);
    setResult(answer);
    if (!answer.failure && answer.userErrors.length === 0) clearDraft();
  };
  return (
    <section aria-label={t('thread')}>
      {list.length === 0 ? (
        <p style={{ color: '#595959', padding: '0 4px' }}>{t('empty')}</p>
      ) : (
        <div role="log" aria-live="polite" aria-label={t('thread')}>
          <ol className={styles.log}>
            {list.map((message) => (
              <li
                key={message.id}
                className={`${styles.message} ${message.mine ? styles.mine : styles.theirs}`}
              >
                <span className={styles.meta}>
                  {message.mine ? t('you') : (message.author?.name ?? t('staff'))} ·{' '}
                  <time dateTime={message.createdAt}>{format.dateTime(message.createdAt)}</time>
                </span>
                <p className={styles.body}>{message.body}</p>
              </li>
            ))}
          </ol>
          <div ref={end} />
        </div>
      )}
      <form
        className={styles.composer}
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <FormErrors messages={sorted.general} failure={result?.failure} />
        <label htmlFor="message-body">{t('compose')}</label>
        <TextArea
          id="message-body"
          value={draft.body}
          placeholder={t('placeholder')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={4000}
          onChange={(body) => {
            setDraft({ body });
          }}
          onEnterPress={(event) => {
            if (event.ctrlKey || event.metaKey) {
              event.preventDefault();
              void send();
            }
          }}
        />
        {sorted.byField.body && <p className={styles.error}>{sorted.byField.body.join(' ')}</p>}
        <Button type="submit" color="primary" loading={sending} disabled={!draft.body.trim()}>
          {t('send')}
        </Button>
      </form>
    </section>
  );
}
