import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { displayCents, formatCents, parseCents, sumCents } from '../../../src/money/cents.js';

describe('parseCents', () => {
  test.each([
    ['1210', 121000],
    ['1210.5', 121050],
    ['1210,50', 121050],
    ['0.01', 1],
    ['-3.20', -320],
    [' 915.00 ', 91500],
  ])('reads %p as %p cents', (text, cents) => {
    expect(parseCents(text)).toBe(cents);
  });

  test.each(['1.234', '12,345', '1.210,00', '1,210.00', 'abc', '12e3', '', '1.', '.5', '--1', '1 210'])('refuses %p', (text) => {
    expect(parseCents(text)).toBeUndefined();
  });

  test('format then parse gives back the same cents, for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(parseCents(formatCents(cents))).toBe(cents);
      }),
    );
  });
});

describe('formatCents and displayCents', () => {
  test('two decimals, a sign only when negative', () => {
    expect(formatCents(121000)).toBe('1210.00');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(-320)).toBe('-3.20');
    expect(formatCents(0)).toBe('0.00');
  });

  test('groups thousands for people', () => {
    expect(displayCents(121000)).toBe('1,210.00');
    expect(displayCents(13600000000)).toBe('136,000,000.00');
    expect(displayCents(-99)).toBe('-0.99');
  });

  test('refuses a fraction of a cent', () => {
    expect(() => formatCents(0.5)).toThrow('not a whole number of cents');
  });
});

test('sumCents adds exactly', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 })), (values) => {
      expect(sumCents(values)).toBe(values.reduce((a, b) => a + b, 0));
    }),
  );
});
