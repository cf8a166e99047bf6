// /proposal: the open proposal with the nearest deadline (a franchisee with several stores
// can switch), or word that none is waiting.
import { ErrorBlock } from 'antd-mobile';
import { Navigate } from 'react-router';
import { useQuery } from 'urql';

import { useMessages } from '../../i18n/messages';
import { withoutData } from '../../ui/QueryError/withoutData';
import { OpenProposalsQuery } from '../queries';
import { proposalUrl } from '../urls';
import { messages } from './openMessages';

export function OpenProposalPage() {
  const t = useMessages(messages);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: OpenProposalsQuery,
    requestPolicy: 'cache-and-network',
  });
  if (!data) return withoutData({ fetching, error }, reexecute);
  const first = data.orders.edges[0]?.node;
  if (first) return <Navigate to={proposalUrl(first.id)} replace />;
  return (
    <>
      <h1 style={{ margin: '4px', fontSize: 22 }}>{t('title')}</h1>
      <ErrorBlock status="empty" title={t('none')} description={t('later')} />
    </>
  );
}
