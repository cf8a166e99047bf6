// The console's top bar: log in (the same session as the portal), who is logged in, log out.
import { type SubmitEvent, useState } from 'react';

import { AuthError } from '../../../auth/authApi';
import type { Session } from '../../../auth/session';
import { LanguageSwitch } from '../../../i18n/components/LanguageSwitch/LanguageSwitch';
import { type Translate, useMessages } from '../../../i18n/messages';
import styles from './ConsoleBar.module.css';
import { messages } from './messages';

export interface ConsoleBarProps {
  session: Session;
  signedIn: boolean;
  /** E-mail and role of whoever is logged in, once known. */
  who: { email: string; role: string } | null;
  portalUrl: string;
}

export function ConsoleBar({ session, signedIn, who, portalUrl }: ConsoleBarProps) {
  const t = useMessages(messages);
  const [problem, setProblem] = useState('');

  async function logIn(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const field = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    setProblem('');
    try {
      await session.login({
        tenant: field('tenant').trim(),
        email: field('email').trim(),
        password: field('password'),
      });
      form.reset();
    } catch (error) {
      setProblem(explain(error, t));
    }
  }

  return (
    <form className={styles.bar} aria-label={t('form')} onSubmit={(event) => void logIn(event)}>
      <strong>{t('brand')}</strong>
      {!signedIn && (
        <>
          <label>
            <span className={styles.hidden}>{t('tenant')}</span>
            <input name="tenant" placeholder={t('tenant')} autoComplete="organization" required />
          </label>
          <label>
            <span className={styles.hidden}>{t('email')}</span>
            <input name="email" type="email" placeholder={t('email')} autoComplete="username" required />
          </label>
          <label>
            <span className={styles.hidden}>{t('password')}</span>
            <input
              name="password"
              type="password"
              placeholder={t('password')}
              autoComplete="current-password"
              required
            />
          </label>
          <button type="submit">{t('signIn')}</button>
        </>
      )}
      {signedIn && (
        <button type="button" onClick={() => void session.logout()}>
          {t('signOut')}
        </button>
      )}
      <span className={styles.error} role="alert">
        {problem}
      </span>
      <span className={styles.who} role="status">
        {signedIn && who ? t('signedInAs', who) : signedIn ? '' : t('notSignedIn')}
      </span>
      <a className={styles.portal} href={portalUrl}>
        {t('portal')}
      </a>
      <LanguageSwitch />
    </form>
  );
}

function explain(error: unknown, t: Translate<typeof messages>): string {
  if (error instanceof AuthError && error.reason === 'credentials') return t('refused');
  if (error instanceof AuthError && error.reason === 'throttled') {
    return t('throttled', { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) });
  }
  return t('failed', { message: error instanceof Error ? error.message : String(error) });
}
