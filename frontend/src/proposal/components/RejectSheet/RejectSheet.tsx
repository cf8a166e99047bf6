// Rejecting a proposal takes a reason in the franchisee's words (it feeds the next pick); the
// server's refusal shows under the field.
import { Button, Form, Popup, TextArea } from 'antd-mobile';
import { useState } from 'react';

import { useMessages } from '../../../i18n/messages';
import { messages } from './messages';

export interface RejectSheetProps {
  visible: boolean;
  busy: boolean;
  error: string | null;
  onReject: (reason: string) => void;
  onClose: () => void;
}

export function RejectSheet({ visible, busy, error, onReject, onClose }: RejectSheetProps) {
  const t = useMessages(messages);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const shown = missing ? t('required') : error;
  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      bodyStyle={{ borderRadius: '12px 12px 0 0' }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="reject-title"
        style={{ padding: '12px 12px 20px' }}
      >
        <h2 id="reject-title" style={{ margin: '4px 4px 8px', fontSize: 18 }}>
          {t('title')}
        </h2>
        <p style={{ margin: '0 4px 8px', color: '#434343', fontSize: 14 }}>{t('why')}</p>
        <Form layout="vertical">
          <Form.Item label={t('reason')} help={shown ?? undefined}>
            <TextArea
              id="reject-reason"
              aria-label={t('reason')}
              aria-invalid={shown ? true : undefined}
              value={reason}
              onChange={(value) => {
                setReason(value);
                setMissing(false);
              }}
              rows={3}
              maxLength={500}
              showCount
            />
          </Form.Item>
          {shown && (
            <p role="alert" style={{ margin: '0 16px', color: '#a8071a', fontSize: 13 }}>
              {shown}
            </p>
          )}
        </Form>
        <div style={{ display: 'flex', gap: 8, padding: '12px 4px 0' }}>
          <Button block onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button
            block
            color="danger"
            loading={busy}
            onClick={() => {
              if (!reason.trim()) {
                setMissing(true);
                return;
              }
              onReject(reason.trim());
            }}
          >
            {t('reject')}
          </Button>
        </div>
      </div>
    </Popup>
  );
}
