// The shell's navigation: the pages that exist for this role, nothing promised. One line per
// page: its key (its label in AppShell's messages), where it is, its icon.
import {
  AppOutline,
  ExclamationCircleOutline,
  FileOutline,
  MessageOutline,
  SetOutline,
  TruckOutline,
  UnorderedListOutline,
  UserOutline,
} from 'antd-mobile-icons';
import type { ComponentType } from 'react';

import { isFranchisee } from '../auth/roles';
import { complaintsUrl } from '../complaints/urls';
import { deliveriesUrl } from '../deliveries/urls';
import { homeUrl } from '../home/urls';
import { messagesUrl } from '../messages/urls';
import { ordersUrl } from '../orders/urls';
import { proposalUrl } from '../proposal/urls';
import { settingsUrl } from '../settings/urls';
import { staffUrl } from '../staff/urls';

export type NavigationKey =
  'home' | 'proposal' | 'orders' | 'deliveries' | 'messages' | 'complaints' | 'settings' | 'staffTools';

export interface NavigationItem {
  key: NavigationKey;
  to: string;
  icon: ComponentType;
}

const FRANCHISEE: NavigationItem[] = [
  { key: 'home', to: homeUrl(), icon: AppOutline },
  { key: 'proposal', to: proposalUrl(), icon: FileOutline },
  { key: 'orders', to: ordersUrl(), icon: UnorderedListOutline },
  { key: 'deliveries', to: deliveriesUrl(), icon: TruckOutline },
  { key: 'messages', to: messagesUrl(), icon: MessageOutline },
  { key: 'complaints', to: complaintsUrl(), icon: ExclamationCircleOutline },
  { key: 'settings', to: settingsUrl(), icon: SetOutline },
];

const STAFF: NavigationItem[] = [{ key: 'staffTools', to: staffUrl(), icon: UserOutline }];

export function navigation(role: string): NavigationItem[] {
  return isFranchisee(role) ? FRANCHISEE : STAFF;
}
