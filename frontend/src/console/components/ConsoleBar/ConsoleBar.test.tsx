import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { AuthError } from '../../../auth/authApi';
import { Session } from '../../../auth/session';
import { fakeAuthApi } from '../../../test/fakeAuthApi';
import { ConsoleBar } from './ConsoleBar';

describe('ConsoleBar', () => {
  it('logs in with the form', async () => {
    const api = fakeAuthApi();
    const session = new Session(api, { lock: (t) => t(), channel: null });
    render(<ConsoleBar session={session} signedIn={false} who={null} portalUrl="/" />);
    expect(screen.getByRole('status')).toHaveTextContent('Not logged in');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Tenant'), 'taozi');
    await user.type(screen.getByLabelText('E-mail'), 'm1@taozi.example');
    await user.type(screen.getByLabelText('Password'), 'demo-password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(api.login).toHaveBeenCalledWith({
      tenant: 'taozi',
      email: 'm1@taozi.example',
      password: 'demo-password',
    });
    expect(session.getState().status).toBe('signedIn');
  });

  it('says why a login was refused', async () => {
    const session = new Session(fakeAuthApi({ login: new AuthError('credentials', 'no') }), {
      channel: null,
    });
    render(<ConsoleBar session={session} signedIn={false} who={null} portalUrl="/" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Tenant'), 'taozi');
    await user.type(screen.getByLabelText('E-mail'), 'm1@taozi.example');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Unknown tenant, e-mail or password.');
  });

  it('shows who is logged in and logs out', async () => {
    const api = fakeAuthApi();
    const session = new Session(api, { lock: (t) => t(), channel: null });
    render(
      <ConsoleBar
        session={session}
        signedIn
        who={{ email: 'm1@taozi.example', role: 'MERCHANDISER' }}
        portalUrl="/"
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Logged in as m1@taozi.example (MERCHANDISER)');
    expect(screen.queryByLabelText('Password')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(api.logout).toHaveBeenCalledOnce();
  });
});
