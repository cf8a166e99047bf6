// One complaint: what it is about, its status and the deadline for an answer, the resolution,
// and (once resolved) accepting it or reopening it with a reason.
import { Button, Card, Space, TextArea } from 'antd-mobile';
import { useState } from 'react';

import { useObjectUrl } from '../../../auth/useObjectUrl';
import { type FragmentType, readFragment } from '../../../graphql/generated';
import { useFormat } from '../../../i18n/format';
import { useMessages } from '../../../i18n/messages';
import { useDraft } from '../../../ui/draft';
import { sortUserErrors } from '../../../ui/FormErrors/fieldErrors';
import { FormErrors } from '../../../ui/FormErrors/FormErrors';
import { type SubmitResult, succeeded } from '../../../ui/FormErrors/result';
import { StatusTag } from '../../../ui/StatusTag/StatusTag';
import { labels } from '../../labels';
import { ComplaintCardFragment } from './fragments';
import { messages } from './messages';

export interface ComplaintCardProps {
  complaint: FragmentType<typeof ComplaintCardFragment>;
  onClose: (id: string) => Promise<SubmitResult>;
  onReopen: (id: string, reason: string) => Promise<SubmitResult>;
}

const STATUS_TONE = {
  OPEN: 'warning',
  IN_PROGRESS: 'primary',
  RESOLVED: 'success',
  CLOSED: 'default',
} as const;

export function ComplaintCard({ complaint: ref, onClose, onReopen }: ComplaintCardProps) {
  const t = useMessages(messages);
  const l = useMessages(labels);
  const format = useFormat();
  const complaint = readFragment(ComplaintCardFragment, ref);
  const [reopening, setReopening] = useState(false);
  const [draft, setDraft, clearDraft] = useDraft(`reopen.${complaint.id}`, { reason: '' });
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `complaint-${complaint.id}`;
  const open = complaint.status === 'OPEN' || complaint.status === 'IN_PROGRESS';
  const sorted = sortUserErrors(result?.userErrors ?? [], ['reason']);

  const act = async (action: () => Promise<SubmitResult>) => {
    setBusy(true);
    const answer = await action();
    setBusy(false);
    setResult(answer);
    if (succeeded(answer)) {
      setReopening(false);
      clearDraft();
    }
  };

  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <h2 id={headingId} style={{ margin: 0, fontSize: 17 }}>
            {t('title', { category: l(complaint.category), severity: l(complaint.severity) })}
          </h2>
        }
        extra={
          <span style={{ display: 'flex', gap: 4 }}>
            <StatusTag tone={STATUS_TONE[complaint.status]}>{l(complaint.status)}</StatusTag>
            {open && complaint.overdue && <StatusTag tone="danger">{t('overdue')}</StatusTag>}
          </span>
        }
      >
        <p style={{ margin: '0 0 8px', whiteSpace: 'pre-wrap' }}>{complaint.description}</p>
        <p style={{ margin: 0, color: '#595959', fontSize: 13 }}>
          {t('filed', { time: format.dateTime(complaint.createdAt) })}
          {complaint.assignee && ` · ${t('handler', { name: complaint.assignee.name })}`}
        </p>
        {open && (
          <p style={{ margin: '4px 0 0', fontWeight: 600, color: complaint.overdue ? '#a8071a' : undefined }}>
            {t('due', { time: format.dateTime(complaint.dueAt) })}
          </p>
        )}
        {complaint.closedAt && (
          <p style={{ margin: '4px 0 0' }}>{t('closedOn', { time: format.dateTime(complaint.closedAt) })}</p>
        )}
        {complaint.photos.length > 0 && (
          <section
            aria-label={t('photos')}
            style={{ display: 'flex', gap: 8, marginTop: 8, flexWrap: 'wrap' }}
          >
            {complaint.photos.map((photo, index) => (
              <Photo
                key={photo.id}
                url={photo.url}
                alt={t('photo', { n: index + 1 })}
                width={photo.width}
                height={photo.height}
              />
            ))}
          </section>
        )}
        {complaint.resolution && (
          <section aria-label={t('resolution')} style={{ marginTop: 8 }}>
            <h3 style={{ fontSize: 15, margin: '0 0 4px' }}>{t('resolution')}</h3>
            <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{complaint.resolution}</p>
          </section>
        )}
        <FormErrors messages={sorted.general} failure={result?.failure} />
        {complaint.status === 'RESOLVED' && !reopening && (
          <Space wrap style={{ marginTop: 8 }}>
            <Button
              color="primary"
              size="small"
              loading={busy}
              onClick={() => void act(() => onClose(complaint.id))}
            >
              {t('accept')}
            </Button>
            <Button
              size="small"
              onClick={() => {
                setReopening(true);
              }}
            >
              {t('reopen')}
            </Button>
          </Space>
        )}
        {complaint.status === 'RESOLVED' && reopening && (
          <form
            style={{ marginTop: 8 }}
            onSubmit={(event) => {
              event.preventDefault();
              void act(() => onReopen(complaint.id, draft.reason));
            }}
          >
            <label htmlFor={`reason-${complaint.id}`} style={{ fontWeight: 600 }}>
              {t('reason')}
            </label>
            <TextArea
              id={`reason-${complaint.id}`}
              value={draft.reason}
              rows={2}
              maxLength={4000}
              onChange={(reason) => {
                setDraft({ reason });
              }}
            />
            {sorted.byField.reason && (
              <p style={{ color: 'var(--adm-color-danger)', margin: 0 }}>{sorted.byField.reason.join(' ')}</p>
            )}
            <Space wrap style={{ marginTop: 8 }}>
              <Button type="submit" color="primary" size="small" loading={busy}>
                {t('sendReopen')}
              </Button>
              <Button
                size="small"
                onClick={() => {
                  setReopening(false);
                }}
              >
                {t('cancel')}
              </Button>
            </Space>
          </form>
        )}
      </Card>
    </section>
  );
}

/** A photo of the complaint: fetched with the session's token (the photo route is
 * authenticated like the API), shown as a thumbnail that opens the full picture. */
function Photo({ url, alt, width, height }: { url: string; alt: string; width: number; height: number }) {
  const src = useObjectUrl(url);
  const image = (
    <img
      src={src}
      alt={alt}
      width={72}
      height={Math.round((72 * height) / Math.max(width, 1))}
      style={{ objectFit: 'cover', borderRadius: 4 }}
    />
  );
  return src ? (
    <a href={src} target="_blank" rel="noreferrer">
      {image}
    </a>
  ) : (
    image
  );
}
