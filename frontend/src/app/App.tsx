// The portal: session, GraphQL client, component-library locale, routes.
import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { createBrowserRouter, RouterProvider } from 'react-router';

import type { Session } from '../auth/session';
import { SessionProvider } from '../auth/SessionProvider';
import { useLocale } from '../i18n/locale';
import { GraphQLScope } from './GraphQLScope';
import { routes } from './routes';

const router = createBrowserRouter(routes);

export function App({ session }: { session: Session }) {
  const [locale] = useLocale();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN}>
      <SessionProvider session={session}>
        <GraphQLScope session={session}>
          <RouterProvider router={router} />
        </GraphQLScope>
      </SessionProvider>
    </ConfigProvider>
  );
}
