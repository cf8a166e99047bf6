// An address the portal does not have.
import { ErrorBlock } from 'antd-mobile';
import { Link } from 'react-router';

import { useMessages } from '../../../i18n/messages';
import { messages } from './messages';

export function NotFound({ home }: { home: string }) {
  const t = useMessages(messages);
  return (
    <ErrorBlock
      status="empty"
      title={<h1>{t('title')}</h1>}
      description={<Link to={home}>{t('back')}</Link>}
    />
  );
}
