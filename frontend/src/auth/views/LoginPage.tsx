// The sign-in page. Once signed in, back to the page that asked for it, or to the landing page.
import { Navigate, useLocation, useSearchParams } from 'react-router';

import { LanguageSwitch } from '../../i18n/components/LanguageSwitch/LanguageSwitch';
import { useMessages } from '../../i18n/messages';
import { LoginForm } from '../components/LoginForm/LoginForm';
import { rememberedTenant, rememberTenant } from '../rememberedTenant';
import { useSession, useSessionState } from '../sessionContext';
import { safeNext } from '../urls';
import styles from './LoginPage.module.css';
import { messages } from './messages';

export interface LoginPageProps {
  /** Where a role lands when no page asked for the sign-in. */
  landing: (role: string) => string;
}

export function LoginPage({ landing }: LoginPageProps) {
  const t = useMessages(messages);
  const session = useSession();
  const state = useSessionState();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const expired = (location.state as { expired?: boolean } | null)?.expired === true;

  if (state.status === 'signedIn') return <Navigate to={next ?? landing(state.role)} replace />;

  return (
    <main className={styles.page}>
      <div className={styles.top}>
        <LanguageSwitch />
      </div>
      <div className={styles.heading}>
        <h1>{t('title')}</h1>
        <p>{t('subtitle')}</p>
      </div>
      {expired && (
        <p role="status" className={styles.notice}>
          {t('expired')}
        </p>
      )}
      <LoginForm
        initialTenant={rememberedTenant()}
        onSubmit={async (credentials) => {
          // Signed in, this page re-renders and the redirect above takes the person on.
          await session.login(credentials);
          rememberTenant(credentials.tenant);
        }}
      />
    </main>
  );
}
