import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { Session } from '../../auth/session';
import { fakeAuthApi, FRANCHISEE_GRANT } from '../../test/fakeAuthApi';
import { clientAnswering } from '../../test/graphqlClient';
import { renderApp } from '../../test/renderApp';

const ORDER_ID = 'T3JkZXI6MQ==';

const product = (id: string, name: string, category: string) => ({
  id,
  code: `P-${id}`,
  name,
  nameEn: null,
  category,
  unitCost: '100.00',
  retailPrice: '299.00',
});

const COAT = product('UHJvZHVjdDox', '羊毛大衣', 'coats');
const TEE = product('UHJvZHVjdDoy', '纯棉T恤', 't_shirts');

const line = (
  id: string,
  qty: number,
  sku: Record<string, unknown>,
  reason: Record<string, unknown> = {},
) => ({
  id,
  qty,
  recommendedQty: qty,
  removed: false,
  available: 50,
  unitCost: '100.00',
  reason: {
    kind: null,
    mean: null,
    horizonDays: null,
    onHand: null,
    soldRecently: null,
    soldDays: null,
    bound: null,
    packSize: null,
    minStyleUnits: null,
    season: null,
    ...reason,
  },
  sku,
});

const ORDER = {
  id: ORDER_ID,
  number: 'PO-0001',
  status: 'VIEWED',
  note: null,
  expiresAt: '2099-01-01T00:00:00+00:00',
  storeId: 'U3RvcmU6MQ==',
  totalUnits: 9,
  totalCost: '900.00',
  actions: ['ADJUST', 'CONFIRM', 'REJECT'],
  budget: { budget: '1000.00', spent: '900.00', left: '100.00' },
  capacity: { displayCapacity: 100, held: 80, room: 20, units: 9 },
  lines: [
    line(
      'T3JkZXJMaW5lOjE=',
      4,
      { id: 'U2t1OjE=', code: 'C-BLK-M', colour: 'black', size: 'M', packSize: 1, product: COAT },
      {
        soldRecently: 14,
        soldDays: 28,
        onHand: 2,
        season: { category: 'coats', peakMonth: 12 },
      },
    ),
    line('T3JkZXJMaW5lOjI=', 5, {
      id: 'U2t1OjI=',
      code: 'T-WHT-L',
      colour: 'white',
      size: 'L',
      packSize: 1,
      product: TEE,
    }),
  ],
};

function setUp(adjust: unknown = { data: { orderAdjust: { order: null, userErrors: [] } } }) {
  const session = new Session(fakeAuthApi({ refresh: FRANCHISEE_GRANT }), {
    lock: (t) => t(),
    channel: null,
  });
  const answered = clientAnswering((operation) => {
    if (operation === 'ProposalPage') return { data: { me: { tenant: { currency: 'CNY' } }, order: ORDER } };
    if (operation === 'ProposalAdjust') return adjust;
    return {
      data: {
        me: {
          role: 'FRANCHISEE',
          user: { id: 'VXNlcjoy', name: '李强' },
          tenant: { name: '桃子服饰', locale: 'en' },
        },
      },
    };
  });
  renderApp({ session, client: answered.client, path: `/proposal/${ORDER_ID}` });
  return answered;
}

describe('ProposalPage', () => {
  it('groups the lines by category and style, with the reason in words', async () => {
    setUp();
    expect(await screen.findByRole('heading', { name: 'Proposal PO-0001' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Coats' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'T-shirts' })).toBeInTheDocument();
    const coat = screen.getByRole('article', { name: '羊毛大衣' });
    expect(coat).toHaveTextContent(
      'Sold 14 in the last 4 weeks, 2 left. Coats peak in your region in December.',
    );
    expect(coat).toHaveTextContent('Black · M');
    expect(screen.getByText('CN¥900.00 of CN¥1,000.00')).toBeInTheDocument();
  });

  it('warns before the server refuses going over the budget, keeps the edit, and shows the refusal', async () => {
    const { requests } = setUp({
      data: {
        orderAdjust: {
          order: null,
          userErrors: [
            {
              field: 'input.lines',
              code: 'OVER_BUDGET',
              message: 'the order would cost 1100.00, over the budget of 1000.00 (100.00 left)',
            },
          ],
        },
      },
    });
    const user = userEvent.setup();
    const more = await screen.findByRole('button', { name: 'One pack more of 羊毛大衣 Black M' });
    await user.click(more);
    expect(screen.queryByText(/Over the budget/)).toBeNull();
    await user.click(more);
    expect(screen.getByText(/Over the budget by CN¥100.00/)).toBeInTheDocument();
    expect(JSON.parse(window.localStorage.getItem(`peihuo.proposalDraft.${ORDER_ID}`) ?? '{}')).toMatchObject(
      {
        edits: { 'U2t1OjE=': { qty: 6 } },
      },
    );
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/over the budget of 1000.00/)).toBeInTheDocument();
    const sent = requests.find((r) => r.body.operationName === 'ProposalAdjust');
    expect(JSON.parse(JSON.stringify(sent?.body))).toMatchObject({
      variables: { input: { id: ORDER_ID, lines: [{ skuId: 'U2t1OjE=', qty: 6 }] } },
    });
    await user.click(screen.getByRole('button', { name: 'One pack fewer of 羊毛大衣 Black M' }));
    await user.click(screen.getByRole('button', { name: 'One pack fewer of 羊毛大衣 Black M' }));
    expect(screen.queryByText(/Over the budget/)).toBeNull();
    expect(window.localStorage.getItem(`peihuo.proposalDraft.${ORDER_ID}`)).toBeNull();
  });

  it('offers back the changes a reload would have lost', async () => {
    window.localStorage.setItem(
      `peihuo.proposalDraft.${ORDER_ID}`,
      JSON.stringify({
        orderId: ORDER_ID,
        savedAt: '2026-12-07T10:00:00Z',
        edits: { 'U2t1OjI=': { qty: 0 } },
      }),
    );
    setUp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Restore them' }));
    const tee = screen.getByRole('article', { name: '纯棉T恤' });
    expect(within(tee).getByText('Was 5')).toBeInTheDocument();
    expect(screen.getByText('CN¥400.00 of CN¥1,000.00')).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.getByText('Changes not saved yet (kept on this device).')).toBeInTheDocument();
    });
  });
});
