// Which of the viewer's stores a page is about: the one in `?store=`, else the first. A choice
// is shown only to those with several stores; most franchisees have one and never see it.
import { ErrorBlock, Selector } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';

import { useMessages } from '../../i18n/messages';
import { withoutData } from '../QueryError/withoutData';
import { messages } from './messages';
import { MyStoresQuery } from './queries';

export interface ChosenStore {
  id: string;
  name: string;
}

/** Renders `children(store)` for the chosen store, with a switch when there are several. */
export function StoreSwitch({ children }: { children: (store: ChosenStore) => ReactNode }) {
  const t = useMessages(messages);
  const [params, setParams] = useSearchParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyStoresQuery });
  if (!data) return withoutData({ fetching, error }, reexecute);
  const stores = data.stores.edges.map((edge) => edge.node);
  const chosen = stores.find((store) => store.id === params.get('store')) ?? stores[0];
  if (!chosen) return <ErrorBlock status="empty" title={t('noStore')} description={null} />;
  return (
    <>
      {stores.length > 1 && (
        <div role="group" aria-label={t('label')} style={{ marginBottom: 8 }}>
          <Selector
            options={stores.map((store) => ({ label: store.name, value: store.id }))}
            value={[chosen.id]}
            onChange={(value) => {
              if (value[0]) setParams({ store: value[0] }, { replace: true });
            }}
          />
        </div>
      )}
      {children(chosen)}
    </>
  );
}
