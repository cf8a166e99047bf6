// Company code, e-mail and password; says which field is missing and why a sign-in was refused.
import { Button } from 'antd-mobile';
import { type ComponentProps, type SubmitEvent, useId, useState } from 'react';

import { type Translate, useMessages } from '../../../i18n/messages';
import { AuthError, type Credentials } from '../../authApi';
import styles from './LoginForm.module.css';
import { messages } from './messages';

export interface LoginFormProps {
  initialTenant?: string;
  /** Signs in; rejects with an AuthError when refused. */
  onSubmit: (credentials: Credentials) => Promise<void>;
}

type Field = keyof Credentials;
const FIELDS: readonly Field[] = ['tenant', 'email', 'password'];

export function LoginForm({ initialTenant = '', onSubmit }: LoginFormProps) {
  const t = useMessages(messages);
  const id = useId();
  const [missing, setMissing] = useState<ReadonlySet<Field>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const read = (field: Field) => {
      const value = data.get(field);
      return typeof value === 'string' ? value : '';
    };
    const credentials = {
      tenant: read('tenant').trim(),
      email: read('email').trim(),
      password: read('password'),
    };
    const empty = new Set(FIELDS.filter((field) => credentials[field] === ''));
    setMissing(empty);
    setProblem(null);
    if (empty.size > 0) return;
    setBusy(true);
    try {
      await onSubmit(credentials);
    } catch (error) {
      setProblem(explain(error, t));
    } finally {
      setBusy(false);
    }
  }

  const field = (name: Field, input: Omit<ComponentProps<'input'>, 'id' | 'name'>) => {
    const errorId = `${id}-${name}-error`;
    const invalid = missing.has(name);
    return (
      <div className={styles.field}>
        <label htmlFor={`${id}-${name}`}>{t(name)}</label>
        <input
          id={`${id}-${name}`}
          name={name}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          {...input}
        />
        {name === 'tenant' && <p className={styles.hint}>{t('tenantHint')}</p>}
        {invalid && (
          <p id={errorId} className={styles.fieldError}>
            {t('required', { field: t(name) })}
          </p>
        )}
      </div>
    );
  };

  return (
    <form className={styles.form} noValidate onSubmit={(event) => void submit(event)}>
      {field('tenant', { defaultValue: initialTenant, autoComplete: 'organization', autoCapitalize: 'off' })}
      {field('email', { type: 'email', autoComplete: 'username', autoCapitalize: 'off', inputMode: 'email' })}
      {field('password', { type: 'password', autoComplete: 'current-password' })}
      {problem && (
        <p role="alert" className={styles.alert}>
          {problem}
        </p>
      )}
      <Button block type="submit" color="primary" size="large" loading={busy} loadingText={t('submitting')}>
        {t('submit')}
      </Button>
    </form>
  );
}

function explain(error: unknown, t: Translate<typeof messages>): string {
  if (!(error instanceof AuthError)) return t('server');
  switch (error.reason) {
    case 'credentials':
      return t('refused');
    case 'throttled':
      return t('throttled', { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) });
    case 'invalid':
      return t('invalid');
    case 'network':
      return t('network');
    case 'server':
      return t('server');
  }
}
