// An order's status as a tag (the word carries the meaning; the colour only helps).
import { Tag } from 'antd-mobile';

import { useMessages } from '../../../i18n/messages';
import { STATUS_COLOURS, type StatusKey, statusMessages } from '../../status';

export function StatusTag({ status }: { status: StatusKey }) {
  const t = useMessages(statusMessages);
  return (
    <Tag color={STATUS_COLOURS[status]} fill="outline" style={{ fontSize: 12 }}>
      {t(status)}
    </Tag>
  );
}
