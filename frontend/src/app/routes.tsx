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
import { SettingsRoute } from '../settings/routes';
import { settingsPath } from '../settings/urls';
import { staffPath } from '../staff/urls';
import { Pending } from '../ui/Pending/Pending';
import { AppLayout } from './AppLayout';
import { NotFound } from './components/NotFound/NotFound';
import { landingUrl } from './landing';
import { HomeRoute, StaffRoute } from './RoleRoutes';

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
