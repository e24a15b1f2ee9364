import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { formatOnssNumber, validateOnssNumber } from '../../../src/identifiers/onss-number.js';
import { expectProblemWithoutEcho, singleDigitChanges } from './no-echo.js';

/** The check digits by the glossary's rule, computed here with BigInt, independently of mod97(). */
function withCheck(number: bigint, width: number): string {
  const check = 96n - ((number * 100n) % 97n);
  return `${String(number).padStart(width - 2, '0')}${String(check === 0n ? 97n : check).padStart(2, '0')}`;
}

describe('validateOnssNumber', () => {
  test.each([
    // The Belgian State's number, as the ONSS instructions publish it.
    ['0009354-67', '000935467'],
    ['000935467', '000935467'],
    ['9354-67', '000935467'],
    ['0000935467', '000935467'],
    ['  0009354 67 ', '000935467'],
    // The ends of the ranges the ONSS glossary gives (zone 00011 definitive, 00948 provisional).
    ['100006', '000100006'],
    ['199999934', '199999934'],
    ['5000000120', '5000000120'],
    ['5999999989', '5999999989'],
  ])('accepts %j', (text, value) => {
    expect(validateOnssNumber(text)).toEqual({ ok: true, value });
  });

  test('the examples check out by hand: 935400 mod 97 = 29 and 96 - 29 = 67', () => {
    expect(935400 % 97).toBe(29);
    expect(withCheck(9354n, 9)).toBe('000935467');
  });

  test.each([
    ['', /empty/],
    ['0009354-6A', /only digits/],
    ['50000001200', /at most 10 digits, this one has 11/],
    ['4000000120', /provisional one and starts with 5/],
    ['299999934', /starts with 0 or 1/],
    ['000099978', /below the first one/],
    ['0009354-68', /check digits/],
    ['0009354-76', /check digits/],
  ])('refuses %j', (text, problem) => {
    expect(expectProblemWithoutEcho(validateOnssNumber(text), text)).toMatch(problem);
  });

  test('a check of 0 is written 97: both forms leave 96, 98 and 99 never do', () => {
    // 1254824 x 100 mod 97 = 96, so its check is 96 - 96 = 0.
    expect((1254824n * 100n) % 97n).toBe(96n);
    expect(validateOnssNumber('1254824-97')).toEqual({ ok: true, value: '125482497' });
    expect(validateOnssNumber('1254824-00')).toEqual({ ok: true, value: '125482400' });
    expect(validateOnssNumber('1254824-98').ok).toBe(false);
  });

  test('any number of either range with its check is accepted; any single wrong digit is refused', () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 1000n, max: 1999999n }).map((n) => withCheck(n, 9)), fc.bigInt({ min: 50000001n, max: 59999999n }).map((n) => withCheck(n, 10))), (number) => {
        expect(validateOnssNumber(number)).toEqual({ ok: true, value: number });
        expect(validateOnssNumber(formatOnssNumber(number))).toEqual({ ok: true, value: number });
        expect(singleDigitChanges(number).filter(({ changed }) => validateOnssNumber(changed).ok)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

test('formatOnssNumber writes the number, a dash and the check', () => {
  expect(formatOnssNumber('000935467')).toBe('0009354-67');
  expect(formatOnssNumber('5000000120')).toBe('50000001-20');
});
