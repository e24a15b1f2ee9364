import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { daysBetween } from '../../src/calendar/dates.js';
import { monthsOf, parseMonth, parsePeriod, parseQuarter, parseYear, periodBetween } from '../../src/calendar/periods.js';

describe('periods', () => {
  test('a month runs from its first to its last day, February of a leap year included', () => {
    expect(parseMonth('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30', label: '2026-11' });
    expect(parseMonth('2028-02')?.to).toBe('2028-02-29');
    expect(parseMonth('2026-02')?.to).toBe('2026-02-28');
  });

  test('a quarter covers three months', () => {
    expect(parseQuarter('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026-Q4' });
    expect(parseQuarter('2026q1')).toEqual({ from: '2026-01-01', to: '2026-03-31', label: '2026-Q1' });
    expect(parseQuarter('2026-Q2')?.to).toBe('2026-06-30');
  });

  test('text that is not a period is refused rather than guessed', () => {
    for (const text of ['2026-13', '2026-00', '2026-1', '26-11', '2026-Q5', '2026-Q0', '202611', 'november', '', '2026-11-01']) {
      expect(parsePeriod(text)).toBeUndefined();
    }
    expect(parseYear('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31', label: '2026' });
  });

  test('--from after --to is no period', () => {
    expect(periodBetween('2026-02-01', '2026-01-31')).toBeUndefined();
    expect(periodBetween('2026-01-31', '2026-01-31')?.label).toBe('2026-01-31..2026-01-31');
  });

  test('the four quarters of a year tile it: no day missing, none counted twice', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2998 }), (year) => {
        const quarters = [1, 2, 3, 4].map((q) => parseQuarter(`${year}-Q${q}`));
        const days = quarters.reduce((sum, q) => sum + daysBetween(q!.from, q!.to) + 1, 0);
        const yearPeriod = parseYear(String(year))!;
        expect(days).toBe(daysBetween(yearPeriod.from, yearPeriod.to) + 1);
        expect(quarters[0]!.from).toBe(yearPeriod.from);
        expect(quarters[3]!.to).toBe(yearPeriod.to);
      }),
    );
  });

  test('monthsOf lists every month a period touches, across a new year', () => {
    expect(monthsOf({ from: '2026-11-15', to: '2027-02-01', label: '' })).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsOf(parseYear('2026')!)).toHaveLength(12);
  });
});
