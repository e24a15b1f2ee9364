import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { formatIban, ibanCountry, ibanLength, maskIban, validateIban } from '../../../src/identifiers/iban.js';
import { mod97, mod97NotZero, twoDigits } from '../../../src/identifiers/mod97.js';
import { expectProblemWithoutEcho, singleDigitChanges } from './no-echo.js';

/** A Belgian IBAN built the way banks do: national check on the account, then ISO 13616 check digits. */
function belgianIban(tenDigits: string): string {
  const bban = tenDigits + twoDigits(mod97NotZero(tenDigits));
  // "BE00" moved to the end, B = 11 and E = 14; the check digits make the remainder 1.
  return `BE${twoDigits(98 - mod97(`${bban}111400`))}${bban}`;
}

const tenDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }).map((a) => a.join(''));

describe('validateIban', () => {
  test.each([
    ['BE68539007547034', 'BE68539007547034'],
    ['BE71096123456769', 'BE71096123456769'],
    ['be68 5390 0754 7034', 'BE68539007547034'],
    ['  BE71 0961 2345 6769 ', 'BE71096123456769'],
    ['NL91ABNA0417164300', 'NL91ABNA0417164300'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606'],
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['GB29NWBK60161331926819', 'GB29NWBK60161331926819'],
    ['NO9386011117947', 'NO9386011117947'],
    ['LC55HEMM000100010012001200023015', 'LC55HEMM000100010012001200023015'],
  ])('accepts %s', (text, value) => {
    expect(validateIban(text)).toEqual({ ok: true, value });
  });

  test.each([
    ['', /empty/],
    ['BE68-5390-0754-7034', /only letters and digits/],
    ['1268539007547034', /two-letter country code/],
    ['ZZ68539007547034', /no iban exists for the country code ZZ/],
    ['BE6853900754703', /a BE iban has 16 characters, this one has 15/],
    ['BE685390075470344', /this one has 17/],
    ['BEX8539007547034', /after the country code must be digits/],
    ['BE6853900754703A', /BE layout/],
    ['NL91ABNA0417164301', /check digits do not match/],
    ['BE69539007547034', /check digits do not match/],
    ['GB00HLFX11016111455365', /never issued/],
  ])('refuses %j', (text, problem) => {
    const result = validateIban(text);
    expect(expectProblemWithoutEcho(result, text)).toMatch(problem);
  });

  test('applies the Belgian national check even when ISO 13616 passes', () => {
    // The account 539-0075470-35 has the wrong national check; the IBAN check digits are recomputed
    // so that only the national check can catch it.
    const bban = '539007547035';
    const iban = `BE${twoDigits(98 - mod97(`${bban}111400`))}${bban}`;
    expect(mod97(`${bban}1114${iban.slice(2, 4)}`)).toBe(1);
    expect(expectProblemWithoutEcho(validateIban(iban), iban)).toMatch(/belgian account number check/);
  });

  test('a national check of 0 is written 97', () => {
    const iban = belgianIban('0000000097');
    expect(iban.slice(-2)).toBe('97');
    expect(validateIban(iban).ok).toBe(true);
  });

  test('a generated Belgian IBAN always validates, also once formatted or in lower case', () => {
    fc.assert(
      fc.property(tenDigits, (digits) => {
        const iban = belgianIban(digits);
        expect(validateIban(iban)).toEqual({ ok: true, value: iban });
        expect(validateIban(formatIban(iban))).toEqual({ ok: true, value: iban });
        expect(validateIban(formatIban(iban).toLowerCase())).toEqual({ ok: true, value: iban });
      }),
    );
  });

  test('changing any one digit of a Belgian IBAN always invalidates it, without echoing it', () => {
    fc.assert(
      fc.property(tenDigits, (digits) => {
        const iban = belgianIban(digits);
        for (const { changed } of singleDigitChanges(iban.slice(2))) {
          const mutated = `BE${changed}`;
          expectProblemWithoutEcho(validateIban(mutated), mutated);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('the IBAN registry table', () => {
  test.each([
    ['BE', 16], ['NL', 18], ['FR', 27], ['DE', 22], ['LU', 20], ['NO', 15], ['LC', 32], ['RU', 33], ['be', 16],
  ])('%s IBANs have %i characters', (country, length) => {
    expect(ibanLength(country)).toBe(length);
  });

  test('has no entry for countries outside the registry', () => {
    expect(ibanLength('US')).toBeUndefined();
    expect(ibanLength('AX')).toBeUndefined();
  });
});

describe('formatIban, maskIban, ibanCountry', () => {
  test('formats in groups of four', () => {
    expect(formatIban('BE68539007547034')).toBe('BE68 5390 0754 7034');
    expect(formatIban('fr1420041010050500013m02606')).toBe('FR14 2004 1010 0505 0001 3M02 606');
  });

  test('masks all but the country code and the last four, keeping the groups', () => {
    expect(maskIban('BE68539007547034')).toBe('BE** **** **** 7034');
    expect(maskIban('BE68 5390 0754 7034')).toBe('BE** **** **** 7034');
    expect(maskIban('FR1420041010050500013M02606')).toBe('FR** **** **** **** **** ***2 606');
    expect(maskIban('BE68')).toBe('****');
  });

  test('reads the country code', () => {
    expect(ibanCountry('be68 5390 0754 7034')).toBe('BE');
  });
});
