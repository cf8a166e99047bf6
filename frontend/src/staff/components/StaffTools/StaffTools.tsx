// Tells a staff member where their tools are: the console, the command line, integrations.
import { Card, Space } from 'antd-mobile';

import { type FragmentType, readFragment } from '../../../graphql/generated';
import { useMessages } from '../../../i18n/messages';
import { StaffToolsFragment } from './fragments';
import { messages } from './messages';
import styles from './StaffTools.module.css';

const ROLE_KEYS = {
  MERCHANDISER: 'role_MERCHANDISER',
  REGIONAL_MANAGER: 'role_REGIONAL_MANAGER',
  HQ_ADMIN: 'role_HQ_ADMIN',
  PLATFORM_ADMIN: 'role_PLATFORM_ADMIN',
} as const;

export function StaffTools({
  viewer: ref,
  consoleUrl,
}: {
  viewer: FragmentType<typeof StaffToolsFragment>;
  consoleUrl: string;
}) {
  const t = useMessages(messages);
  const viewer = readFragment(StaffToolsFragment, ref);
  const roleKey = viewer.role in ROLE_KEYS ? ROLE_KEYS[viewer.role as keyof typeof ROLE_KEYS] : 'role_OTHER';
  return (
    <Space direction="vertical" block>
      <h1 style={{ margin: '4px 4px 0', fontSize: 22 }}>{t('title')}</h1>
      <p style={{ margin: '0 4px' }}>{t('intro', { role: t(roleKey), tenant: viewer.tenant?.name ?? '' })}</p>
      <Card title={<h2 style={{ margin: 0, fontSize: 17 }}>{t('consoleTitle')}</h2>}>
        <p>{t('consoleBody')}</p>
        {/* A plain link, not a route: the console is its own bundle, served at the API's address. */}
        <a href={consoleUrl} className={styles.open}>
          {t('consoleOpen')}
        </a>
      </Card>
      <Card title={<h2 style={{ margin: 0, fontSize: 17 }}>{t('cliTitle')}</h2>}>
        <p>{t('cliBody')}</p>
      </Card>
      <Card title={<h2 style={{ margin: 0, fontSize: 17 }}>{t('integrationsTitle')}</h2>}>
        <p>{t('integrationsBody')}</p>
      </Card>
    </Space>
  );
}
