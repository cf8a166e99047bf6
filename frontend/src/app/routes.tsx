// The portal's routes: sign-in, then the pages each role has.
import type { RouteObject } from 'react-router';

import { RequireSession } from '../auth/RequireSession';
import { loginPath } from '../auth/urls';
import { LoginPage } from '../auth/views/LoginPage';
import { homePath } from '../home/urls';
import { orderPath, ordersPath } from '../orders/urls';
import { proposalByIdPath, proposalPath } from '../proposal/urls';
import { staffPath } from '../staff/urls';
import { Pending } from '../ui/Pending/Pending';
import { AppLayout } from './AppLayout';
import { NotFound } from './components/NotFound/NotFound';
import { landingUrl } from './landing';
import {
  FranchiseeRoute,
  HomeRoute,
  OpenProposalPage,
  OrderPage,
  OrdersPage,
  ProposalPage,
  StaffRoute,
} from './RoleRoutes';

export const routes: RouteObject[] = [
  { path: loginPath, element: <LoginPage landing={landingUrl} /> },
  {
    element: (
      <RequireSession pending={<Pending />}>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { path: homePath, element: <HomeRoute /> },
      { path: proposalPath, element: <FranchiseeRoute page={OpenProposalPage} /> },
      { path: proposalByIdPath, element: <FranchiseeRoute page={ProposalPage} /> },
      { path: ordersPath, element: <FranchiseeRoute page={OrdersPage} /> },
      { path: orderPath, element: <FranchiseeRoute page={OrderPage} /> },
      { path: staffPath, element: <StaffRoute /> },
      { path: '*', element: <NotFound home={homePath} /> },
    ],
  },
];
