import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { validBelgianIban } from '../../../src/bank/csv/belgian-iban.js';
import { readAccountNumber } from '../../../src/bank/csv/bank-fields.js';

/**
 * The bank reader reads Belgian IBANs on a short path before readAccountNumber. Whatever the
 * text, the short path must either step aside (undefined) or give exactly readAccountNumber's
 * value: it may never accept what the general check refuses.
 */
const digits = (length: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^\\d{${length}}$`));

/** A valid Belgian IBAN built from ten digits, independently of both readers. */
function belgian(ten: string): string {
  const national = Number(BigInt(ten) % 97n) || 97;
  const bban = `${ten}${String(national).padStart(2, '0')}`;
  const check = 98n - (BigInt(`${bban}111400`) % 97n);
  return `BE${String(check).padStart(2, '0')}${bban}`;
}

const grouped = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');

describe('validBelgianIban agrees with readAccountNumber', () => {
  test('valid Belgian IBANs, printed in groups or not, are read on the short path to the same value', () => {
    fc.assert(
      fc.property(digits(10), fc.boolean(), (ten, spaced) => {
        const iban = belgian(ten);
        const text = spaced ? grouped(iban) : iban;
        expect(validBelgianIban(text)).toBe(iban);
        expect(readAccountNumber(text)).toEqual({ ok: true, value: iban });
      }),
      { numRuns: 3000 },
    );
  });

  test('any Belgian-looking text: the short path steps aside or agrees', () => {
    const text = fc.tuple(fc.constantFrom('BE', 'be', 'BF', 'NL'), digits(2), digits(4), fc.constantFrom(' ', '', '  '), digits(4), digits(4), fc.constantFrom('', ' ', 'X'));
    fc.assert(
      fc.property(text, ([country, check, a, gap, b, c, tail]) => {
        const candidate = `${country}${check}${gap}${a}${gap}${b}${gap}${c}${tail}`;
        const fast = validBelgianIban(candidate);
        if (fast !== undefined) expect(readAccountNumber(candidate)).toEqual({ ok: true, value: fast });
      }),
      { numRuns: 10_000 },
    );
  });

  test('one digit changed in a valid IBAN: never accepted on the short path', () => {
    fc.assert(
      fc.property(digits(10), fc.integer({ min: 2, max: 15 }), fc.integer({ min: 1, max: 9 }), (ten, position, delta) => {
        const iban = belgian(ten);
        const changed = `${iban.slice(0, position)}${(Number(iban[position]) + delta) % 10}${iban.slice(position + 1)}`;
        const fast = validBelgianIban(changed);
        expect(fast === undefined || readAccountNumber(changed).ok).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
