// How many messages wait unread, for the shell's "Messages" tab: a badge (nothing when none),
// asked again every few seconds.
import { Badge } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useQuery } from 'urql';

import { useMessages } from '../../../i18n/messages';
import { POLL_MS, UnreadMessagesQuery } from '../../queries';
import { messages } from './messages';

export function UnreadBadge({ children }: { children: ReactNode }) {
  const t = useMessages(messages);
  const [{ data }, reexecute] = useQuery({ query: UnreadMessagesQuery });
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reexecute({ requestPolicy: 'network-only' });
    }, POLL_MS * 3);
    return () => {
      window.clearInterval(timer);
    };
  }, [reexecute]);
  const count = data?.unreadMessageCount ?? 0;
  return (
    <Badge content={count > 0 ? count : null} aria-label={count > 0 ? t('unread', { count }) : undefined}>
      {children}
    </Badge>
  );
}
