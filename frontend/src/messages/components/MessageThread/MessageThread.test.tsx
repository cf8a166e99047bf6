import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { makeFragmentData } from '../../../graphql/generated';
import { MessageThreadFragment } from './fragments';
import { MessageThread } from './MessageThread';

const STORE = 'U3RvcmU6MQ==';
const message = (id: string, body: string, mine: boolean, createdAt: string) =>
  makeFragmentData(
    {
      id,
      body,
      createdAt,
      mine,
      authorRole: mine ? ('FRANCHISEE' as const) : ('MERCHANDISER' as const),
      author: { id: mine ? 'u2' : 'u1', name: mine ? '李强' : '王芳' },
    },
    MessageThreadFragment,
  );

beforeAll(() => {
  Element.prototype.scrollIntoView = vi.fn();
});

describe('MessageThread', () => {
  it('lists the conversation oldest first, naming who wrote', () => {
    const newestFirst = [
      message('m2', '明天到', false, '2026-12-07T02:00:00Z'),
      message('m1', '几点到货？', true, '2026-12-07T01:00:00Z'),
    ];
    render(<MessageThread storeId={STORE} messages={newestFirst} onSend={vi.fn()} />);
    const items = within(screen.getByRole('log')).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('p')?.textContent)).toEqual(['几点到货？', '明天到']);
    expect(items[0]).toHaveTextContent(/^You ·/);
    expect(items[1]).toHaveTextContent(/^王芳 ·/);
  });

  it('keeps the text when the network drops, and clears it once sent', async () => {
    const user = userEvent.setup();
    const onSend = vi
      .fn()
      .mockResolvedValueOnce({
        userErrors: [],
        failure: new CombinedError({ networkError: new Error('offline') }),
      })
      .mockResolvedValueOnce({ userErrors: [], failure: null });
    render(<MessageThread storeId={STORE} messages={[]} onSend={onSend} />);
    await user.type(screen.getByLabelText('Your message'), '收到');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No connection: nothing was lost.');
    expect(screen.getByLabelText('Your message')).toHaveValue('收到');
    expect(window.localStorage.getItem(`peihuo.draft.message.${STORE}`)).toContain('收到');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenLastCalledWith('收到');
    expect(await screen.findByLabelText('Your message')).toHaveValue('');
    expect(window.localStorage.getItem(`peihuo.draft.message.${STORE}`)).toBeNull();
  });
});
