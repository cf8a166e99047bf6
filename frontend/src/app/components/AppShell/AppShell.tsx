// The signed-in frame: brand and tenant, the navigation this role has, language, sign-out.
// On a phone the navigation is a tab bar at the bottom of the screen; on a desktop, the header.
import { Button } from 'antd-mobile';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';

import { LanguageSwitch } from '../../../i18n/components/LanguageSwitch/LanguageSwitch';
import { useMessages } from '../../../i18n/messages';
import type { NavigationItem } from '../../navigation';
import styles from './AppShell.module.css';
import { messages } from './messages';

export interface AppShellProps {
  tenantName: string | null;
  userName: string | null;
  items: NavigationItem[];
  onSignOut: () => void;
  children: ReactNode;
}

export function AppShell({ tenantName, userName, items, onSignOut, children }: AppShellProps) {
  const t = useMessages(messages);
  return (
    <div className={styles.shell}>
      <a className={styles.skip} href="#main">
        {t('skipToContent')}
      </a>
      <header className={styles.header}>
        <div>
          <p className={styles.brand}>{t('brand')}</p>
          {tenantName && <span className={styles.tenant}>{tenantName}</span>}
        </div>
        <nav className={styles.nav} aria-label={t('navigation')}>
          <ul>
            {items.map(({ key, to, icon: Icon }) => (
              <li key={key}>
                <NavLink to={to} end={to === '/'}>
                  <span className={styles.icon} aria-hidden="true">
                    <Icon />
                  </span>
                  <span className={styles.label}>{t(key)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles.who}>
          {userName && <span>{t('signedInAs', { name: userName })}</span>}
          <LanguageSwitch />
          <Button size="mini" onClick={onSignOut}>
            {t('signOut')}
          </Button>
        </div>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
