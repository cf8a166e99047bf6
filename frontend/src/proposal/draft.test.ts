import { describe, expect, it } from 'vitest';

import { standingOf, stepped, takeable } from './draft';

describe('the proposal draft', () => {
  it('steps by whole packs, never below nothing', () => {
    expect(stepped(6, 6, 1)).toBe(12);
    expect(stepped(6, 6, -1)).toBe(0);
    expect(stepped(0, 6, -1)).toBe(0);
    expect(stepped(7, 6, 1)).toBe(12); // an odd quantity snaps to the packs around it
    expect(stepped(7, 6, -1)).toBe(6);
    expect(stepped(3, 1, 1)).toBe(4);
  });

  it('takes what is available in whole packs, never more than wanted', () => {
    expect(takeable(12, 10, 6)).toBe(6);
    expect(takeable(12, 40, 6)).toBe(12);
    expect(takeable(5, 3, 1)).toBe(3);
    expect(takeable(5, -2, 1)).toBe(0);
  });

  it('judges the limits as the server does: a cut is never over', () => {
    const limits = { budgetCents: 100_000, savedCostCents: 120_000, room: 10, savedUnits: 14 };
    expect(standingOf({ units: 12, costCents: 110_000 }, limits)).toEqual({
      overBudget: false,
      overCapacity: false,
      leftCents: -10_000,
      roomLeft: -2,
    });
    expect(standingOf({ units: 15, costCents: 130_000 }, limits)).toMatchObject({
      overBudget: true,
      overCapacity: true,
    });
  });
});
