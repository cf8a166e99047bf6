import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { i18n } from '../../../i18n/i18n';
import { AuthError } from '../../authApi';
import { LoginForm } from './LoginForm';

async function fillIn(tenant: string, email: string, password: string) {
  const user = userEvent.setup();
  if (tenant) await user.type(screen.getByLabelText('Company code'), tenant);
  if (email) await user.type(screen.getByLabelText('E-mail'), email);
  if (password) await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginForm', () => {
  it('signs in with what was typed, trimmed', async () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    render(<LoginForm onSubmit={onSubmit} />);
    await fillIn(' taozi ', 's0001@taozi.example ', 'demo-password');
    expect(onSubmit).toHaveBeenCalledWith({
      tenant: 'taozi',
      email: 's0001@taozi.example',
      password: 'demo-password',
    });
  });

  it('names each missing field beside it and sends nothing', async () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    render(<LoginForm onSubmit={onSubmit} />);
    await fillIn('taozi', '', '');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('E-mail')).toHaveAccessibleDescription('Please fill in E-mail');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Please fill in Password');
    expect(screen.getByLabelText('Company code')).toHaveAttribute('aria-invalid', 'false');
  });

  it('starts from the company code remembered on this device', () => {
    render(<LoginForm initialTenant="taozi" onSubmit={vi.fn()} />);
    expect(screen.getByLabelText('Company code')).toHaveValue('taozi');
  });

  it.each([
    [
      new AuthError('credentials', 'unknown tenant, e-mail or password'),
      'Unknown company code, e-mail or password.',
    ],
    [new AuthError('throttled', 'too many', 600), 'Too many failed attempts. Try again in 10 min.'],
    [new AuthError('network', 'offline'), 'No connection to the server. Check your network and try again.'],
    [new Error('boom'), 'The server could not sign you in just now. Try again shortly.'],
  ])('says why a sign-in was refused (%s)', async (error, said) => {
    render(<LoginForm onSubmit={() => Promise.reject(error)} />);
    await fillIn('taozi', 's0001@taozi.example', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent(said);
  });

  it('speaks Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    render(<LoginForm onSubmit={vi.fn()} />);
    expect(screen.getByLabelText('企业代码')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '登录' })).toBeInTheDocument();
  });
});
