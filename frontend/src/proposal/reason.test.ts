import { describe, expect, it } from 'vitest';

import { reasonText } from './reason';

const COAT = {
  kind: 'DEMAND',
  mean: 6,
  horizonDays: 28,
  onHand: 2,
  soldRecently: 14,
  soldDays: 28,
  bound: 'budget',
  packSize: 1,
  minStyleUnits: 3,
  season: { category: 'coats', peakMonth: 12 },
};

describe('reasonText', () => {
  it('words the engine’s figures plainly in English', () => {
    expect(reasonText(COAT, 'en')).toBe(
      'Sold 14 in the last 4 weeks, 2 left. Expected to sell about 6 in the next 4 weeks. ' +
        'Not more: the budget is spent. Coats peak in your region in December.',
    );
  });

  it('words them in Chinese, without spaces between sentences', () => {
    expect(reasonText(COAT, 'zh-CN')).toBe(
      '近4周卖出14件，还剩2件。预计未来4周能卖约6件。没有多配：预算已用完。大衣在您所在区域十二月最旺。',
    );
  });

  it('counts days when the span is not whole weeks, and rounds the forecast to a tenth', () => {
    const text = reasonText(
      { ...COAT, soldDays: 10, horizonDays: 10, mean: 3.456, season: null, bound: null },
      'en',
    );
    expect(text).toBe('Sold 14 in the last 10 days, 2 left. Expected to sell about 3.5 in the next 10 days.');
  });

  it('says why the last unit is there for packs, displays, rounding and the control group', () => {
    const bare = { onHand: null, soldRecently: null, mean: null, bound: null, season: null };
    expect(reasonText({ ...COAT, ...bare, kind: 'PACK', packSize: 6 }, 'en')).toBe('Comes in packs of 6.');
    expect(reasonText({ ...COAT, ...bare, kind: 'PRESENTATION' }, 'zh-CN')).toBe(
      '为凑齐该款的整套陈列（至少3件）。',
    );
    expect(reasonText({ ...COAT, ...bare, kind: 'ROUNDING' }, 'en')).toBe(
      'Rounded up to a whole piece when the stock was shared out.',
    );
    expect(reasonText({ ...COAT, ...bare, kind: 'HOLDOUT' }, 'en')).toBe(
      'Shared out in proportion to your budget this time.',
    );
  });

  it('leaves out a sentence whose figures are missing, and never shows an empty reason', () => {
    expect(reasonText({ onHand: 5 }, 'en')).toBe('5 left in the store.');
    expect(reasonText({}, 'en')).toBe('Picked by your merchandiser.');
    expect(reasonText({}, 'zh-CN', true)).toBe('您自己添加的。');
    expect(reasonText({ season: { category: 'capes', peakMonth: 13 } }, 'en')).toBe(
      'Picked by your merchandiser.',
    );
    expect(reasonText({ season: { category: 'capes', peakMonth: 3 } }, 'en')).toBe(
      'capes peak in your region in March.',
    );
  });
});
