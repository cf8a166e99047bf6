import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { SurveyForm } from './SurveyForm';

const ORDER = 'T3JkZXI6MQ==';

async function rate(user: ReturnType<typeof userEvent.setup>, scores: number[]) {
  const names = ['Overall', 'The goods picked for you', 'On time', 'Quality of the goods', 'Value for money'];
  for (const [i, name] of names.entries()) {
    await user.click(
      within(screen.getByRole('group', { name })).getByRole('radio', { name: `${scores[i]} of 5` }),
    );
  }
}

describe('SurveyForm', () => {
  it('asks for every factor before sending', async () => {
    const user = userEvent.setup();
    const submit = vi.fn();
    render(<SurveyForm orderId={ORDER} survey={null} onSubmit={submit} />);
    await user.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose 1 to 5 stars for each.');
    expect(submit).not.toHaveBeenCalled();
  });

  it('sends the scores and comment, and shows the API’s errors beside their field', async () => {
    const user = userEvent.setup();
    const submit = vi.fn(() =>
      Promise.resolve({
        userErrors: [{ field: 'input.comment', message: 'at most 2000 characters' }],
        failure: null,
      }),
    );
    render(<SurveyForm orderId={ORDER} survey={null} onSubmit={submit} />);
    await rate(user, [4, 5, 3, 4, 2]);
    await user.type(screen.getByLabelText('Anything to add? (optional)'), 'ok');
    await user.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(submit).toHaveBeenCalledWith({
      overall: 4,
      pickAccuracy: 5,
      timeliness: 3,
      goodsQuality: 4,
      valueForMoney: 2,
      comment: 'ok',
    });
    expect(await screen.findByText('at most 2000 characters')).toBeInTheDocument();
  });

  it('keeps the answer on the device until it is taken', async () => {
    const user = userEvent.setup();
    const submit = vi.fn(() => Promise.resolve({ userErrors: [], failure: null }));
    const { unmount } = render(<SurveyForm orderId={ORDER} survey={null} onSubmit={submit} />);
    await rate(user, [3, 3, 3, 3, 3]);
    unmount();
    render(<SurveyForm orderId={ORDER} survey={null} onSubmit={submit} />);
    expect(
      within(screen.getByRole('group', { name: 'Overall' })).getByRole('radio', { name: '3 of 5' }),
    ).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(window.localStorage.getItem(`peihuo.draft.survey.${ORDER}`)).toBeNull();
  });
});
