// The franchisee's settings: how to be told things, the language, the fields HQ lets them
// fill, and what the system already knows (shown, never asked again).
import { Card, Space } from 'antd-mobile';
import { useMutation, useQuery } from 'urql';

import { isLocale, type Locale } from '../../i18n/i18n';
import { useLocale } from '../../i18n/locale';
import { useMessages } from '../../i18n/messages';
import { ChoiceGroup } from '../../ui/ChoiceGroup/ChoiceGroup';
import { submitResult } from '../../ui/FormErrors/result';
import { withoutData } from '../../ui/QueryError/withoutData';
import { type ChosenStore, StoreSwitch } from '../../ui/StoreSwitch/StoreSwitch';
import { CustomFieldsForm } from '../components/CustomFieldsForm/CustomFieldsForm';
import { NotificationSettings } from '../components/NotificationSettings/NotificationSettings';
import { StoreFacts } from '../components/StoreFacts/StoreFacts';
import { SettingsPageQuery, StoreSetCustomFieldsMutation, StoreSetPreferencesMutation } from '../queries';
import { messages } from './messages';

const LANGUAGES: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

export function SettingsPage() {
  const t = useMessages(messages);
  const [locale, chooseLocale] = useLocale();
  return (
    <Space direction="vertical" block>
      <h1 style={{ margin: '4px 4px 0', fontSize: 22 }}>{t('title')}</h1>
      <StoreSwitch>{(store) => <StoreSettings store={store} />}</StoreSwitch>
      <Card>
        <ChoiceGroup
          name="language"
          legend={t('language')}
          choices={LANGUAGES}
          value={locale}
          onChange={(next) => {
            if (isLocale(next)) chooseLocale(next);
          }}
        />
        <p style={{ margin: 0, color: '#595959', fontSize: 13 }}>{t('languageNote')}</p>
      </Card>
    </Space>
  );
}

function StoreSettings({ store: chosen }: { store: ChosenStore }) {
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: SettingsPageQuery,
    variables: { storeId: chosen.id },
  });
  const [, setPreferences] = useMutation(StoreSetPreferencesMutation);
  const [, setCustomFields] = useMutation(StoreSetCustomFieldsMutation);
  if (!data) return withoutData({ fetching, error }, reexecute);
  const storeId = data.store.id;
  return (
    <Space direction="vertical" block>
      <NotificationSettings
        key={`notifications-${storeId}`}
        store={data.store}
        onSave={async (values) => {
          const result = await setPreferences({ input: { storeId, ...values } });
          return submitResult(result.data?.storeSetPreferences, result.error);
        }}
      />
      <CustomFieldsForm
        key={`custom-${storeId}`}
        store={data.store}
        onSave={async (values) => {
          const result = await setCustomFields({ input: { storeId, values } });
          return submitResult(result.data?.storeSetCustomFields, result.error);
        }}
      />
      <StoreFacts store={data.store} />
    </Space>
  );
}
