import { describe, expect, test } from '@jest/globals';
import { addDays, daysBetween, isoWeek, parseIsoDate } from '../../src/calendar/dates.js';

describe('parseIsoDate', () => {
  test.each(['2026-11-27', '2024-02-29', '2000-02-29'])('accepts the real date %p', (text) => {
    expect(parseIsoDate(text)).toBe(text);
  });
  test.each(['2026-02-29', '2026-13-01', '2026-04-31', '27/11/2026', '2026-1-5', '', '1899-12-31', '2026-11-27T10:00'])('refuses %p', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });
});

describe('isoWeek', () => {
  test.each([
    ['2026-11-27', '2026-W48'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
  ])('%p is in %p', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});

test('addDays crosses months and leap days', () => {
  expect(addDays('2026-11-27', 30)).toBe('2026-12-27');
  expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
});

test('daysBetween counts calendar days, across a leap day and backwards', () => {
  expect(daysBetween('2026-12-09', '2026-12-20')).toBe(11);
  expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  expect(daysBetween('2026-12-20', '2026-12-09')).toBe(-11);
});
