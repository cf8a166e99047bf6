import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { makeFragmentData } from '../../../graphql/generated';
import { CustomFieldsForm } from './CustomFieldsForm';
import { CustomFieldsFormFragment } from './fragments';

const field = (key: string, label: string, type: 'TEXT' | 'BOOLEAN', editable: boolean, value: unknown) => ({
  key,
  label,
  type,
  required: false,
  choices: [],
  helpText: null,
  franchiseeEditable: editable,
  value,
});

const STORE = makeFragmentData(
  {
    id: 'U3RvcmU6MQ==',
    customFields: [
      field('opening_hours', '营业时间', 'TEXT', true, '9:00-21:00'),
      field('parking', '有停车位', 'BOOLEAN', true, null),
      field('licence', '营业执照号', 'TEXT', false, 'L-1'),
    ],
  },
  CustomFieldsFormFragment,
);

describe('CustomFieldsForm', () => {
  it('offers only the fields HQ lets franchisees fill and sends what changed', async () => {
    const user = userEvent.setup();
    const save = vi.fn(() => Promise.resolve({ userErrors: [], failure: null }));
    render(<CustomFieldsForm store={STORE} onSave={save} />);
    expect(screen.queryByLabelText('营业执照号')).toBeNull();
    expect(screen.getByLabelText('营业时间')).toHaveValue('9:00-21:00');
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(save).toHaveBeenCalledWith({ parking: 'true' });
    expect(await screen.findByRole('status')).toHaveTextContent('Saved.');
  });

  it('shows the API’s error beside the field it names', async () => {
    const user = userEvent.setup();
    const save = vi.fn(() =>
      Promise.resolve({
        userErrors: [
          { field: 'input.values.opening_hours', message: '营业时间 holds at most 1000 characters' },
        ],
        failure: null,
      }),
    );
    render(<CustomFieldsForm store={STORE} onSave={save} />);
    await user.clear(screen.getByLabelText('营业时间'));
    await user.type(screen.getByLabelText('营业时间'), 'x');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('营业时间 holds at most 1000 characters')).toBeInTheDocument();
  });
});
