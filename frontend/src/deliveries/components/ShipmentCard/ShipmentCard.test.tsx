import { cleanup, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';

import { makeFragmentData } from '../../../graphql/generated';
import { ShipmentCardFragment } from './fragments';
import { ShipmentCard } from './ShipmentCard';

const SHIPMENT = {
  id: 'U2hpcG1lbnQ6MQ==',
  carrier: 'sf',
  trackingNumber: 'SF1234567890',
  parcels: 2,
  status: 'DELIVERED' as const,
  shippedAt: '2026-12-01T02:00:00Z',
  estimatedDelivery: '2026-12-03',
  deliveredAt: '2026-12-04T06:30:00Z',
  late: true,
  exceptionReason: null,
  carrierDetails: { name: 'SF Express', nameZh: '顺丰速运' },
  proofOfDelivery: { signedBy: '李强', signedAt: '2026-12-04T06:30:00Z', photoRef: 'SF-POD-1' },
  order: { id: 'T3JkZXI6MQ==', number: 'PO-00001', status: 'DELIVERED' as const },
  trackingEvents: [
    {
      id: 'e1',
      status: 'PICKED_UP' as const,
      occurredAt: '2026-12-01T02:00:00Z',
      location: '济南',
      description: null,
    },
    {
      id: 'e3',
      status: 'DELIVERED' as const,
      occurredAt: '2026-12-04T06:30:00Z',
      location: '泉城路',
      description: '已签收',
    },
    {
      id: 'e2',
      status: 'IN_TRANSIT' as const,
      occurredAt: '2026-12-02T02:00:00Z',
      location: null,
      description: null,
    },
  ],
};

function show(rating: number | null, shipment = SHIPMENT) {
  const router = createMemoryRouter([
    {
      path: '*',
      element: <ShipmentCard shipment={makeFragmentData(shipment, ShipmentCardFragment)} rating={rating} />,
    },
  ]);
  render(<RouterProvider router={router} />);
}

describe('ShipmentCard', () => {
  it('shows the timeline newest first, the late flag and who signed', () => {
    show(null);
    const card = screen.getByRole('region', { name: 'Order PO-00001' });
    expect(within(card).getByText('Late')).toBeInTheDocument();
    expect(within(card).getByText('SF Express')).toBeInTheDocument();
    expect(within(card).getByText(/^Signed by 李强/)).toBeInTheDocument();
    const steps = [...card.querySelectorAll('.adm-step-title')];
    expect(steps.map((step) => step.textContent)).toEqual([
      'Delivered · 泉城路',
      'In transit',
      'Picked up · 济南',
    ]);
  });

  it('offers the rating once delivered, and shows it once given', () => {
    show(null);
    expect(screen.getByRole('link', { name: 'Rate this delivery' })).toHaveAttribute(
      'href',
      '/deliveries/PO-00001/survey',
    );
    cleanup();
    show(4);
    expect(screen.queryByRole('link', { name: 'Rate this delivery' })).toBeNull();
    expect(screen.getByText('You rated it 4 out of 5')).toBeInTheDocument();
  });

  it('shows the expected day, not a rating, while on the road', () => {
    show(null, {
      ...SHIPMENT,
      status: 'IN_TRANSIT',
      late: false,
      deliveredAt: null,
      proofOfDelivery: null,
      order: { ...SHIPMENT.order, status: 'SHIPPED' as const },
    } as unknown as typeof SHIPMENT);
    expect(screen.getByText('Expected')).toBeInTheDocument();
    expect(screen.queryByText('Late')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
