import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ComplaintForm } from './ComplaintForm';

const ORDERS = [
  { id: 'o1', number: 'PO-00001', shipment: { id: 's1', trackingNumber: 'SF123' } },
  { id: 'o2', number: 'PO-00002', shipment: null },
];

describe('ComplaintForm', () => {
  it('says which required fields are missing, beside them', async () => {
    const user = userEvent.setup();
    const submit = vi.fn();
    render(<ComplaintForm storeId="s" orders={ORDERS} onSubmit={submit} />);
    await user.click(screen.getByRole('button', { name: 'Send complaint' }));
    expect(
      within(screen.getByRole('group', { name: 'What went wrong' })).getByText('Please fill this in.'),
    ).toBeInTheDocument();
    expect(submit).not.toHaveBeenCalled();
  });

  it('sends the complaint about an order and its parcel, and shows refusals beside the field', async () => {
    const user = userEvent.setup();
    const submit = vi.fn(() =>
      Promise.resolve({
        userErrors: [{ field: 'input.description', message: 'at most 4000 characters' }],
        failure: null,
      }),
    );
    render(<ComplaintForm storeId="s" orders={ORDERS} onSubmit={submit} />);
    await user.click(screen.getByRole('radio', { name: 'Damaged' }));
    await user.click(screen.getByRole('radio', { name: 'High' }));
    await user.type(screen.getByLabelText('Tell us what happened'), '外箱压坏');
    await user.selectOptions(screen.getByLabelText('Which order is it about (optional)'), 'o1');
    await user.click(screen.getByRole('button', { name: 'Send complaint' }));
    expect(submit).toHaveBeenCalledWith({
      category: 'DAMAGED',
      severity: 'HIGH',
      description: '外箱压坏',
      orderId: 'o1',
      shipmentId: 's1',
      photos: [],
    });
    expect(await screen.findByText('at most 4000 characters')).toBeInTheDocument();
    // Refused: the text is still kept on the device.
    expect(window.localStorage.getItem('peihuo.draft.complaint.s')).toContain('外箱压坏');
  });
});
