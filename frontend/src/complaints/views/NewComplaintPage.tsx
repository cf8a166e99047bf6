// Filing a complaint for the store; then the photos, one by one (each its own upload).
import { Space } from 'antd-mobile';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { useMessages } from '../../i18n/messages';
import { submitResult } from '../../ui/FormErrors/result';
import { Pending } from '../../ui/Pending/Pending';
import { type ChosenStore, StoreSwitch } from '../../ui/StoreSwitch/StoreSwitch';
import { ComplaintForm, type ComplaintValues } from '../components/ComplaintForm/ComplaintForm';
import { messages as formMessages } from '../components/ComplaintForm/messages';
import { ComplaintCreateMutation, ComplaintOrdersQuery, ComplaintPhotoAddMutation } from '../queries';
import { complaintsUrl } from '../urls';
import type { FiledState } from './ComplaintsPage';
import { messages } from './messages';

export function NewComplaintPage() {
  const t = useMessages(messages);
  return (
    <Space direction="vertical" block>
      <h1 style={{ margin: '4px 4px 0', fontSize: 22 }}>{t('newTitle')}</h1>
      <Link to={complaintsUrl()} style={{ padding: '0 4px' }}>
        {t('back')}
      </Link>
      <StoreSwitch>{(store) => <FileComplaint store={store} />}</StoreSwitch>
    </Space>
  );
}

function FileComplaint({ store }: { store: ChosenStore }) {
  const f = useMessages(formMessages);
  const navigate = useNavigate();
  // The orders list is a help, not a need: the form works without it (offline, or slow).
  const [{ data, fetching }] = useQuery({ query: ComplaintOrdersQuery, variables: { storeId: store.id } });
  const [, create] = useMutation(ComplaintCreateMutation);
  const [, addPhoto] = useMutation(ComplaintPhotoAddMutation);
  if (fetching && !data) return <Pending />;
  const orders = data?.orders.edges.map((edge) => edge.node) ?? [];

  const submit = async ({ photos, ...values }: ComplaintValues) => {
    const created = await create({ input: { storeId: store.id, ...values } });
    const payload = created.data?.complaintCreate;
    const complaint = payload?.complaint;
    if (!complaint) return submitResult(payload, created.error);
    const photoErrors: string[] = [];
    for (const file of photos) {
      const added = await addPhoto({ input: { complaintId: complaint.id, file } });
      const problem =
        added.data?.complaintPhotoAdd.userErrors[0]?.message ?? (added.error ? added.error.message : null);
      if (problem) photoErrors.push(f('photoFailed', { name: file.name, reason: problem }));
    }
    const state: FiledState = { filed: true, photoErrors };
    void navigate(complaintsUrl(), { state });
    return submitResult(payload, undefined);
  };
  return <ComplaintForm storeId={store.id} orders={orders} onSubmit={submit} />;
}
