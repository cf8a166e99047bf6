import { describe, expect, it } from 'vitest';

import { formatters } from './format';

describe('formatters', () => {
  it('write money in yuan the way each language does', () => {
    expect(formatters('zh-CN').money('25000.5', 'CNY')).toBe('¥25,000.50');
    expect(formatters('en').money('25000.5', 'CNY')).toBe('CN¥25,000.50');
  });

  it('write a calendar date without moving it by time zone', () => {
    expect(formatters('zh-CN').date('2025-12-07')).toBe('2025年12月7日');
    expect(formatters('en').date('2025-12-07')).toBe('Dec 7, 2025');
  });

  it('write moments in the given time zone', () => {
    expect(formatters('en').dateTime('2025-12-07T16:30:00+00:00', 'Asia/Shanghai')).toBe(
      'Dec 8, 2025, 12:30 AM',
    );
  });

  it('group numbers', () => {
    expect(formatters('en').number(1234567)).toBe('1,234,567');
  });
});
