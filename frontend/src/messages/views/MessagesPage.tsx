// The store's thread with its merchandiser. New messages appear without a reload (the thread
// is asked again every few seconds while the page is shown); what is seen is marked read.
import { Space } from 'antd-mobile';
import { useEffect } from 'react';
import { useMutation, useQuery } from 'urql';

import { useMessages } from '../../i18n/messages';
import { withoutData } from '../../ui/QueryError/withoutData';
import { type ChosenStore, StoreSwitch } from '../../ui/StoreSwitch/StoreSwitch';
import { MessageThread } from '../components/MessageThread/MessageThread';
import { MessageMarkReadMutation, MessageSendMutation, MessagesPageQuery, POLL_MS } from '../queries';
import { messages } from './messages';

export function MessagesPage() {
  const t = useMessages(messages);
  return (
    <Space direction="vertical" block>
      <h1 style={{ margin: '4px 4px 0', fontSize: 22 }}>{t('title')}</h1>
      <StoreSwitch>{(store) => <StoreThread store={store} />}</StoreSwitch>
    </Space>
  );
}

function StoreThread({ store }: { store: ChosenStore }) {
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: MessagesPageQuery,
    variables: { storeId: store.id },
  });
  const [, send] = useMutation(MessageSendMutation);
  const [, markRead] = useMutation(MessageMarkReadMutation);
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reexecute({ requestPolicy: 'network-only' });
    }, POLL_MS);
    return () => {
      window.clearInterval(timer);
    };
  }, [reexecute]);
  const unread = data?.messageThread?.unreadCount ?? 0;
  useEffect(() => {
    if (unread > 0 && document.visibilityState === 'visible') {
      void markRead({ input: { storeId: store.id } });
    }
  }, [unread, store.id, markRead]);

  if (!data) return withoutData({ fetching, error }, reexecute);
  return (
    <MessageThread
      storeId={store.id}
      messages={data.messages.edges.map((edge) => edge.node)}
      onSend={async (body) => {
        const result = await send({ input: { storeId: store.id, body } });
        const payload = result.data?.messageSend;
        if (payload && payload.userErrors.length === 0) reexecute({ requestPolicy: 'network-only' });
        return { userErrors: payload?.userErrors ?? [], failure: result.error ?? null };
      }}
    />
  );
}
