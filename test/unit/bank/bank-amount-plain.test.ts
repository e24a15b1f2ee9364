import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { type AmountStyle, parseBankAmount } from '../../../src/bank/csv/bank-amount.js';

/**
 * parseBankAmount reads the plain amounts of nearly every line ("-1234,56") on a short path.
 * It must give what the general reading gives. A leading space sends the same text through the
 * general reading (the short path takes untrimmed text only), which is the oracle here.
 */
const STYLES: readonly AmountStyle[] = ['decimal-comma', 'decimal-point', 'either'];

describe('parseBankAmount: the short path agrees with the general reading', () => {
  test('any amount with up to 15 digits, a sign, either separator and 0 to 3 decimals', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '-', '+'),
        fc.stringMatching(/^\d{1,15}$/),
        fc.constantFrom(',', '.', ''),
        fc.stringMatching(/^\d{0,3}$/),
        fc.constantFrom(...STYLES),
        (sign, units, separator, decimals, style) => {
          const text = `${sign}${units}${separator}${decimals}`;
          expect(parseBankAmount(text, style)).toEqual(parseBankAmount(` ${text}`, style));
        },
      ),
      { numRuns: 5000 },
    );
  });

  test('exact cents at the edges, and never a negative zero', () => {
    expect(parseBankAmount('9999999999999,99', 'decimal-comma')).toEqual({ ok: true, cents: 999_999_999_999_999 });
    expect(parseBankAmount('-0000000000001.05', 'decimal-point')).toEqual({ ok: true, cents: -105 });
    const zero = parseBankAmount('-0,00', 'either');
    expect(zero.ok && Object.is(zero.cents, 0)).toBe(true);
    expect(parseBankAmount('12,345', 'decimal-comma').ok).toBe(false);
  });
});
