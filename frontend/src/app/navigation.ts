// The shell's navigation: the pages that exist for this role, nothing promised.
import { isFranchisee } from '../auth/roles';
import { homeUrl } from '../home/urls';
import { staffUrl } from '../staff/urls';

export type NavigationKey = 'home' | 'staffTools';

export interface NavigationItem {
  key: NavigationKey;
  to: string;
}

export function navigation(role: string): NavigationItem[] {
  if (isFranchisee(role)) return [{ key: 'home', to: homeUrl() }];
  return [{ key: 'staffTools', to: staffUrl() }];
}
