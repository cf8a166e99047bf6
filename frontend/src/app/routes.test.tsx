import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { Session } from '../auth/session';
import { fakeAuthApi, FRANCHISEE_GRANT } from '../test/fakeAuthApi';
import { clientAnswering } from '../test/graphqlClient';
import { renderApp } from '../test/renderApp';

const STAFF_GRANT = { accessToken: 'staff-token', expiresIn: 900, role: 'merchandiser' };

const VIEWER = {
  role: 'MERCHANDISER',
  user: { id: 'VXNlcjox', name: '王芳', email: 'm1@taozi.example' },
  tenant: { name: '桃子服饰', locale: 'en', currency: 'CNY' },
};

const STORE = {
  id: 'U3RvcmU6MQ==',
  code: 'S0001',
  name: '桃子 济南泉城路店',
  province: '山东',
  city: '济南',
  budget: '25000.00',
  merchandiser: { id: 'VXNlcjox', name: '王芳', phone: '13800000001' },
};

const api = (answers: Parameters<typeof fakeAuthApi>[0]) =>
  new Session(fakeAuthApi(answers), { lock: (t) => t(), channel: null });

const answers = () =>
  clientAnswering((operation) =>
    operation === 'HomePage'
      ? {
          data: {
            me: { ...VIEWER, role: 'FRANCHISEE', user: { id: 'VXNlcjoy', name: '李强' } },
            stores: { edges: [{ node: STORE }] },
            openProposals: { totalCount: 0, edges: [] },
            shipments: { edges: [] },
            openComplaints: { totalCount: 1 },
            complaintsInHand: { totalCount: 1 },
            unreadMessageCount: 3,
          },
        }
      : { data: { me: VIEWER } },
  );

async function signIn(email: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Company code'), 'taozi');
  await user.type(screen.getByLabelText('E-mail'), email);
  await user.type(screen.getByLabelText('Password'), 'demo-password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('routes', () => {
  it('send a signed-out visitor to sign in and back to the page they asked for', async () => {
    const session = api({ refresh: null, login: STAFF_GRANT });
    const { client } = answers();
    const router = renderApp({ session, client, path: '/staff?from=mail' });
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/login');
    });
    expect(router.state.location.search).toBe('?next=%2Fstaff%3Ffrom%3Dmail');
    await signIn('m1@taozi.example');
    expect(await screen.findByRole('heading', { name: 'Your tools' })).toBeInTheDocument();
    expect(router.state.location.pathname + router.state.location.search).toBe('/staff?from=mail');
  });

  it('land a franchisee on their home, with their store', async () => {
    const session = api({ refresh: null, login: FRANCHISEE_GRANT });
    const { client } = answers();
    const router = renderApp({ session, client, path: '/login' });
    await signIn('s0001@taozi.example');
    expect(await screen.findByRole('heading', { name: 'Hello, 李强' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(screen.getByRole('heading', { name: '桃子 济南泉城路店' })).toBeInTheDocument();
    expect(screen.getByText('CN¥25,000.00')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(screen.getByText('2 open')).toBeInTheDocument();
    expect(screen.getByText('3 unread')).toBeInTheDocument();
    expect(nav).toHaveTextContent('Home');
    expect(nav).not.toHaveTextContent('Your tools');
  });

  it('land staff on the page that says where their tools are', async () => {
    const session = api({ refresh: STAFF_GRANT });
    const { client } = answers();
    const router = renderApp({ session, client, path: '/' });
    expect(await screen.findByRole('heading', { name: 'Your tools' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/staff');
    expect(screen.getByRole('link', { name: 'Open the console' })).toHaveAttribute('href', '/graphql');
    expect(screen.getByText(/As a merchandiser at 桃子服饰/)).toBeInTheDocument();
  });

  it('keep a franchisee out of the staff page', async () => {
    const session = api({ refresh: FRANCHISEE_GRANT });
    const { client } = answers();
    const router = renderApp({ session, client, path: '/staff' });
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/');
    });
  });

  it('show an unknown address as such, inside the shell', async () => {
    const session = api({ refresh: FRANCHISEE_GRANT });
    const { client } = answers();
    renderApp({ session, client, path: '/no/such/page' });
    expect(await screen.findByRole('heading', { name: 'This page does not exist' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the start' })).toHaveAttribute('href', '/');
  });

  it('sign out back to the login page', async () => {
    const session = api({ refresh: STAFF_GRANT });
    const { client } = answers();
    const router = renderApp({ session, client, path: '/staff' });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/login');
    });
    expect(session.getState().status).toBe('signedOut');
  });
});
