import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../site/utils/format.ts';

describe('site/utils/format', () => {
  it('groups thousands with dots', () => {
    expect(formatNumber(7000)).toBe('7.000');
    expect(formatNumber(1234567)).toBe('1.234.567');
  });

  it('writes days as dd/mm/yyyy', () => {
    expect(formatDate('2024-03-15')).toBe('15/03/2024');
    expect(formatDate(new Date('2024-03-15T23:30:00Z'))).toBe('15/03/2024');
    expect(formatDate('not a day')).toBe('not a day');
  });

  it('writes moments in Vietnam time (UTC+7), whatever the machine’s time zone', () => {
    expect(formatDateTime(Date.UTC(2026, 2, 18, 3, 5))).toBe('10:05 18/03/2026');
    // 17:30 UTC is already the next day in Vietnam.
    expect(formatDateTime(Date.UTC(2026, 11, 31, 17, 30))).toBe('00:30 01/01/2027');
  });
});

describe('formatPercent', () => {
  it('writes a share as a Vietnamese percentage with one decimal at most', () => {
    expect(formatPercent(1, 19)).toBe('5,3%');
    expect(formatPercent(1, 2)).toBe('50%');
    // Progress under 1 % (issue 16): one decimal, and never "0%" when there is some.
    expect(formatPercent(4, 1000)).toBe('0,4%');
    expect(formatPercent(1, 5000)).toBe('dưới 0,1%');
    expect(formatPercent(0, 5000)).toBe('0%');
  });
});
