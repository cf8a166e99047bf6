// The shell's navigation: the pages that exist for this role, nothing promised. One line per
// page: its key (its label in AppShell's messages), where it is, its icon.
import { AppOutline, FileOutline, UnorderedListOutline, UserOutline } from 'antd-mobile-icons';
import type { ComponentType } from 'react';

import { isFranchisee } from '../auth/roles';
import { homeUrl } from '../home/urls';
import { ordersUrl } from '../orders/urls';
import { proposalUrl } from '../proposal/urls';
import { staffUrl } from '../staff/urls';

export type NavigationKey = 'home' | 'proposal' | 'orders' | 'staffTools';

export interface NavigationItem {
  key: NavigationKey;
  to: string;
  icon: ComponentType;
}

const FRANCHISEE: NavigationItem[] = [
  { key: 'home', to: homeUrl(), icon: AppOutline },
  { key: 'proposal', to: proposalUrl(), icon: FileOutline },
  { key: 'orders', to: ordersUrl(), icon: UnorderedListOutline },
];

const STAFF: NavigationItem[] = [{ key: 'staffTools', to: staffUrl(), icon: UserOutline }];

export function navigation(role: string): NavigationItem[] {
  return isFranchisee(role) ? FRANCHISEE : STAFF;
}
