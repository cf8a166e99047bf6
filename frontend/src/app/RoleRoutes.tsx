// Pages that belong to one kind of person: others are sent to where they belong.
import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import { Navigate } from 'react-router';

import { isFranchisee } from '../auth/roles';
import { useSessionState } from '../auth/sessionContext';
import { landingUrl } from './landing';

// Each page is its own chunk: the first page loads only what it shows.
const HomePage = lazy(() => import('../home/views/HomePage').then((m) => ({ default: m.HomePage })));
const StaffPage = lazy(() => import('../staff/views/StaffPage').then((m) => ({ default: m.StaffPage })));
export const OpenProposalPage = lazy(() =>
  import('../proposal/views/OpenProposalPage').then((m) => ({ default: m.OpenProposalPage })),
);
export const ProposalPage = lazy(() =>
  import('../proposal/views/ProposalPage').then((m) => ({ default: m.ProposalPage })),
);
export const OrdersPage = lazy(() =>
  import('../orders/views/OrdersPage').then((m) => ({ default: m.OrdersPage })),
);
export const OrderPage = lazy(() =>
  import('../orders/views/OrderPage').then((m) => ({ default: m.OrderPage })),
);

/** The franchisee's home; staff have no portal home and go to their tools. */
export function HomeRoute() {
  const state = useSessionState();
  if (state.status === 'signedIn' && !isFranchisee(state.role)) {
    return <Navigate to={landingUrl(state.role)} replace />;
  }
  return <HomePage />;
}

/** Where staff find their tools; a franchisee goes home. */
export function StaffRoute() {
  const state = useSessionState();
  if (state.status === 'signedIn' && isFranchisee(state.role)) {
    return <Navigate to={landingUrl(state.role)} replace />;
  }
  return <StaffPage />;
}

/** A page of the franchisee's portal (staff are sent to their tools). */
export function FranchiseeRoute({ page: Page }: { page: LazyExoticComponent<ComponentType> }) {
  const state = useSessionState();
  if (state.status === 'signedIn' && !isFranchisee(state.role)) {
    return <Navigate to={landingUrl(state.role)} replace />;
  }
  return <Page />;
}
