// Rating one delivered order: the page e-mailed survey invitations link to
// (/deliveries/<order number>/survey).
import { ErrorBlock, Space } from 'antd-mobile';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { useMessages } from '../../i18n/messages';
import { Pending } from '../../ui/Pending/Pending';
import { QueryError } from '../../ui/QueryError/QueryError';
import { withoutData } from '../../ui/QueryError/withoutData';
import type { SurveyValues } from '../components/SurveyForm/factors';
import { SurveyForm } from '../components/SurveyForm/SurveyForm';
import { OrderSurveyQuery, SurveyAnswerMutation, SurveyPageQuery } from '../queries';
import { deliveriesUrl } from '../urls';
import { messages } from './messages';

export function SurveyPage() {
  const t = useMessages(messages);
  const number = useParams().orderNumber ?? '';
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SurveyPageQuery, variables: { number } });
  const order = data?.orders.edges[0]?.node ?? null;
  return (
    <Space direction="vertical" block>
      <h1 style={{ margin: '4px 4px 0', fontSize: 22 }}>{t('surveyTitle', { number })}</h1>
      <Link to={deliveriesUrl()}>{t('back')}</Link>
      {fetching && !data ? (
        <Pending />
      ) : !data ? (
        error && (
          <QueryError
            error={error}
            onRetry={() => {
              reexecute({ requestPolicy: 'network-only' });
            }}
          />
        )
      ) : order === null ? (
        <ErrorBlock status="empty" title={t('notFound')} description={null} />
      ) : order.status !== 'DELIVERED' ? (
        <ErrorBlock status="default" title={t('notDelivered')} description={null} />
      ) : (
        <OrderSurvey orderId={order.id} />
      )}
    </Space>
  );
}

function OrderSurvey({ orderId }: { orderId: string }) {
  const t = useMessages(messages);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: OrderSurveyQuery,
    variables: { orderId },
  });
  const [, answer] = useMutation(SurveyAnswerMutation);
  if (!data) return withoutData({ fetching, error }, reexecute);
  const submit = async (values: SurveyValues) => {
    const result = await answer({ input: { orderId, ...values, comment: values.comment || null } });
    const payload = result.data?.surveyAnswer;
    if (payload && payload.userErrors.length === 0) reexecute({ requestPolicy: 'network-only' });
    return { userErrors: payload?.userErrors ?? [], failure: result.error ?? null };
  };
  return (
    <>
      <p style={{ margin: '0 4px' }}>{t('surveyIntro')}</p>
      <SurveyForm orderId={orderId} survey={data.surveys.edges[0]?.node ?? null} onSubmit={submit} />
    </>
  );
}
