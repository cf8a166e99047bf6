// The store's complaints, newest first: status, the deadline for an answer, and what was done.
import { ErrorBlock, NoticeBar, Space } from 'antd-mobile';
import { Link, useLocation } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { useMessages } from '../../i18n/messages';
import { submitResult } from '../../ui/FormErrors/result';
import { withoutData } from '../../ui/QueryError/withoutData';
import { type ChosenStore, StoreSwitch } from '../../ui/StoreSwitch/StoreSwitch';
import { ComplaintCard } from '../components/ComplaintCard/ComplaintCard';
import { ComplaintCloseMutation, ComplaintReopenMutation, ComplaintsPageQuery } from '../queries';
import { newComplaintUrl } from '../urls';
import { messages } from './messages';

/** What the filing page hands over: that it was filed, and photos that were not added. */
export interface FiledState {
  filed: true;
  photoErrors: string[];
}

export function ComplaintsPage() {
  const t = useMessages(messages);
  const state = useLocation().state as FiledState | null;
  return (
    <Space direction="vertical" block>
      <h1 style={{ margin: '4px 4px 0', fontSize: 22 }}>{t('title')}</h1>
      {state?.filed && (
        <div role="status">
          <NoticeBar content={t('filed')} color="info" wrap />
          {state.photoErrors.map((error) => (
            <NoticeBar key={error} content={error} color="alert" wrap />
          ))}
        </div>
      )}
      <Link to={newComplaintUrl()} style={{ fontWeight: 600, fontSize: 16, padding: '0 4px' }}>
        {t('file')}
      </Link>
      <StoreSwitch>{(store) => <StoreComplaints store={store} />}</StoreSwitch>
    </Space>
  );
}

function StoreComplaints({ store }: { store: ChosenStore }) {
  const t = useMessages(messages);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ComplaintsPageQuery,
    variables: { storeId: store.id },
    requestPolicy: 'cache-and-network',
  });
  const [, close] = useMutation(ComplaintCloseMutation);
  const [, reopen] = useMutation(ComplaintReopenMutation);
  if (!data) return withoutData({ fetching, error }, reexecute);
  const complaints = data.complaints.edges.map((edge) => edge.node);
  if (complaints.length === 0) return <ErrorBlock status="empty" title={t('none')} description={null} />;
  return (
    <Space direction="vertical" block>
      {complaints.map((complaint) => (
        <ComplaintCard
          key={complaint.id}
          complaint={complaint}
          onClose={async (id) => {
            const result = await close({ input: { id } });
            return submitResult(result.data?.complaintClose, result.error);
          }}
          onReopen={async (id, reason) => {
            const result = await reopen({ input: { id, reason } });
            return submitResult(result.data?.complaintReopen, result.error);
          }}
        />
      ))}
    </Space>
  );
}
