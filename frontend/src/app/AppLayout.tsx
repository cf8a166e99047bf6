// The signed-in layout: who is here (from the API), the tenant's language, the shell.
import { Suspense, useEffect } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { useQuery } from 'urql';

import { useSession, useSessionState } from '../auth/sessionContext';
import { loginUrl } from '../auth/urls';
import { adoptTenantLocale } from '../i18n/locale';
import { Pending } from '../ui/Pending/Pending';
import { AppShell } from './components/AppShell/AppShell';
import { navigation } from './navigation';
import { AppLayoutQuery } from './queries';

export function AppLayout() {
  const session = useSession();
  const state = useSessionState();
  const navigate = useNavigate();
  const [{ data }] = useQuery({ query: AppLayoutQuery });
  const tenantLocale = data?.me.tenant?.locale;
  useEffect(() => {
    if (tenantLocale) adoptTenantLocale(tenantLocale);
  }, [tenantLocale]);

  const role = state.status === 'signedIn' ? state.role : '';
  return (
    <AppShell
      tenantName={data?.me.tenant?.name ?? null}
      userName={data?.me.user?.name ?? null}
      items={navigation(role)}
      onSignOut={() => {
        void session.logout().finally(() => {
          void navigate(loginUrl(), { replace: true });
        });
      }}
    >
      <Suspense fallback={<Pending />}>
        <Outlet />
      </Suspense>
    </AppShell>
  );
}
