import { render as renderDom, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';

import { makeFragmentData } from '../../../graphql/generated';
import { i18n } from '../../../i18n/i18n';
import { StoreCardFragment } from './fragments';
import { StoreCard } from './StoreCard';

const STORE = {
  code: 'S0001',
  name: '桃子 济南泉城路店',
  province: '山东',
  city: '济南',
  budget: '25000.00',
  merchandiser: { id: 'VXNlcjox', name: '王芳', phone: '13800000001' },
};

const render = (element: ReactElement) => renderDom(<MemoryRouter>{element}</MemoryRouter>);

describe('StoreCard', () => {
  it('shows the store, its budget in the tenant’s currency and its merchandiser', () => {
    render(<StoreCard store={makeFragmentData(STORE, StoreCardFragment)} currency="CNY" />);
    expect(screen.getByRole('heading', { name: '桃子 济南泉城路店' })).toBeInTheDocument();
    expect(screen.getByText('S0001')).toBeInTheDocument();
    expect(screen.getByText('山东 · 济南')).toBeInTheDocument();
    expect(screen.getByText('CN¥25,000.00')).toBeInTheDocument();
    expect(screen.getByText('王芳')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Call 王芳 on 13800000001' })).toHaveAttribute(
      'href',
      'tel:13800000001',
    );
    expect(screen.getByRole('link', { name: 'Send 王芳 a message' })).toHaveAttribute('href', '/messages');
  });

  it('writes money the Chinese way in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    render(<StoreCard store={makeFragmentData(STORE, StoreCardFragment)} currency="CNY" />);
    expect(screen.getByText('¥25,000.00')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '致电王芳：13800000001' })).toBeInTheDocument();
  });

  it('says when no merchandiser is assigned yet', () => {
    const store = makeFragmentData({ ...STORE, merchandiser: null }, StoreCardFragment);
    render(<StoreCard store={store} currency="CNY" />);
    expect(screen.getByText('Not assigned yet')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
