import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';

import { navigation } from '../../navigation';
import { AppShell } from './AppShell';

function renderShell(role: string, onSignOut = vi.fn()) {
  render(
    <MemoryRouter initialEntries={['/']}>
      <AppShell tenantName="桃子服饰" userName="李强" items={navigation(role)} onSignOut={onSignOut}>
        <p>page</p>
      </AppShell>
    </MemoryRouter>,
  );
  return onSignOut;
}

describe('AppShell', () => {
  it('shows a franchisee the pages they have, the current one marked', () => {
    renderShell('franchisee');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Home',
      'Proposal',
      'Orders',
      'Deliveries',
      'Messages',
      'Complaints',
      'Settings',
    ]);
    expect(links[0]).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText('Signed in as 李强')).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent('page');
  });

  it('shows staff where their tools are', () => {
    renderShell('merchandiser');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Your tools' })).toHaveAttribute('href', '/staff');
  });

  it('switches to Chinese and back', async () => {
    renderShell('franchisee');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '中文' }));
    expect(screen.getByRole('navigation', { name: '主导航' })).toHaveTextContent('首页');
    expect(screen.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.lang).toBe('zh-CN');
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('signs out', async () => {
    const onSignOut = renderShell('franchisee');
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(onSignOut).toHaveBeenCalledOnce();
  });
});
