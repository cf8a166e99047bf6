// Where a person lands after sign-in: a franchisee on their portal, staff on their tools.
import { isFranchisee } from '../auth/roles';
import { homeUrl } from '../home/urls';
import { staffUrl } from '../staff/urls';

export function landingUrl(role: string): string {
  return isFranchisee(role) ? homeUrl() : staffUrl();
}
