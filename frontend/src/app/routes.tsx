// The portal's routes: sign-in, then the pages each role has.
import type { RouteObject } from 'react-router';

import { RequireSession } from '../auth/RequireSession';
import { loginPath } from '../auth/urls';
import { LoginPage } from '../auth/views/LoginPage';
import { ComplaintsRoute, NewComplaintRoute } from '../complaints/routes';
import { complaintsPath, newComplaintPath } from '../complaints/urls';
import { DeliveriesRoute, SurveyRoute } from '../deliveries/routes';
import { deliveriesPath, surveyPath } from '../deliveries/urls';
import { homePath } from '../home/urls';
import { MessagesRoute } from '../messages/routes';
import { messagesPath } from '../messages/urls';
import { orderPath, ordersPath } from '../orders/urls';
import { proposalByIdPath, proposalPath } from '../proposal/urls';
import { SettingsRoute } from '../settings/routes';
import { settingsPath } from '../settings/urls';
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
      { path: deliveriesPath, element: <DeliveriesRoute /> },
      { path: surveyPath, element: <SurveyRoute /> },
      { path: messagesPath, element: <MessagesRoute /> },
      { path: complaintsPath, element: <ComplaintsRoute /> },
      { path: newComplaintPath, element: <NewComplaintRoute /> },
      { path: settingsPath, element: <SettingsRoute /> },
      { path: '*', element: <NotFound home={homePath} /> },
    ],
  },
];
