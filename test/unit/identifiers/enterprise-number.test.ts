import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { belgianVatNumber, formatEnterpriseNumber, validateEnterpriseNumber } from '../../../src/identifiers/enterprise-number.js';
import { mod97, twoDigits } from '../../../src/identifiers/mod97.js';
import { expectProblemWithoutEcho, singleDigitChanges } from './no-echo.js';

describe('validateEnterpriseNumber', () => {
  test.each([
    ['BE0123456749', '0123456749'],
    ['BE 0123.456.749', '0123456749'],
    ['be 0123 456 749', '0123456749'],
    ['0123.456.749', '0123456749'],
    ['0123456749', '0123456749'],
    ['123456749', '0123456749'],
    ['BE 123.456.749', '0123456749'],
    ['0403.170.701', '0403170701'],
    ['1000.000.021', '1000000021'],
  ])('accepts %s', (text, value) => {
    expect(validateEnterpriseNumber(text)).toEqual({ ok: true, value });
  });

  test('the example checks out by hand: 97 - (01234567 mod 97) = 49', () => {
    expect(97 - (1234567 % 97)).toBe(49);
  });

  test.each([
    ['', /empty/],
    ['BE0123A56749', /only digits/],
    ['NL0123456749', /only digits/],
    ['01234567', /10 digits, this one has 8/],
    ['01234567490', /this one has 11/],
    ['2123456749', /starts with 0 or 1/],
    ['0123456748', /check digits do not match/],
    ['BE0123456794', /check digits do not match/],
  ])('refuses %j', (text, problem) => {
    expect(expectProblemWithoutEcho(validateEnterpriseNumber(text), text)).toMatch(problem);
  });
});

describe('formatEnterpriseNumber and belgianVatNumber', () => {
  test('format the ten digits', () => {
    expect(formatEnterpriseNumber('0123456749')).toBe('0123.456.749');
    expect(belgianVatNumber('0123456749')).toBe('BE0123456749');
    expect(belgianVatNumber('BE 0123.456.749')).toBe('BE0123456749');
  });

  test('refuse something that is not ten digits', () => {
    expect(() => formatEnterpriseNumber('123')).toThrow(RangeError);
    expect(() => belgianVatNumber('')).toThrow(RangeError);
  });
});

const generatedNumber = fc
  .record({
    first: fc.constantFrom('0', '1'),
    rest: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 }),
  })
  .map(({ first, rest }) => {
    const eight = first + rest.join('');
    return eight + twoDigits(97 - mod97(eight));
  });

describe('enterprise number properties', () => {
  test('a generated number always validates, in every written form', () => {
    fc.assert(
      fc.property(generatedNumber, (value) => {
        expect(validateEnterpriseNumber(value)).toEqual({ ok: true, value });
        expect(validateEnterpriseNumber(formatEnterpriseNumber(value))).toEqual({ ok: true, value });
        expect(validateEnterpriseNumber(belgianVatNumber(value))).toEqual({ ok: true, value });
      }),
    );
  });

  test('changing any one digit always invalidates it', () => {
    fc.assert(
      fc.property(generatedNumber, (value) => {
        for (const { changed } of singleDigitChanges(value)) {
          expectProblemWithoutEcho(validateEnterpriseNumber(changed), changed);
        }
      }),
      { numRuns: 25 },
    );
  });
});
