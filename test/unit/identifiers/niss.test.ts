import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mod97, twoDigits } from '../../../src/identifiers/mod97.js';
import { formatNiss, maskNiss, nissBirthDate, validateNiss } from '../../../src/identifiers/niss.js';
import { expectProblemWithoutEcho, singleDigitChanges } from './no-echo.js';

/** A fixed "today" keeps the future-birth-year rule from making these tests depend on the clock. */
const TODAY = new Date(2026, 5, 1);

/** The eleven digits of a NISS, with the check digits of the right century's variant. */
function niss(nineDigits: string, century: 1900 | 2000): string {
  const base = century === 2000 ? `2${nineDigits}` : nineDigits;
  return nineDigits + twoDigits(97 - mod97(base));
}

describe('validateNiss', () => {
  test.each([
    ['85.07.30-033.28', '85073003328'],
    ['85073003328', '85073003328'],
    [' 85 07 30 033 28 ', '85073003328'],
    ['93.05.18-223.61', '93051822361'],
    ['00.01.25-567.77', '00012556777'],
    ['12.02.29-001.06', '12022900106'],
    ['85.47.30-033.17', '85473003317'],
    ['85.27.30-033.71', '85273003371'],
    ['85.00.00-001.38', '85000000138'],
  ])('accepts %s', (text, value) => {
    expect(validateNiss(text, TODAY)).toEqual({ ok: true, value });
  });

  test('the check variants follow the formula, computed independently with BigInt', () => {
    expect(97n - (850730033n % 97n)).toBe(28n);
    expect(97n - (2000125567n % 97n)).toBe(77n);
  });

  test.each([
    ['', /empty/],
    ['85.07.30/033.28', /only digits/],
    ['8507300332', /11 digits, this one has 10/],
    ['850730033280', /this one has 12/],
    // The example in the brief, 85.07.30-033.61, has the wrong check digits (28 is right).
    ['85.07.30-033.61', /check digits do not match/],
    ['85.13.30-033.28', /month/],
    ['85.33.30-033.28', /month/],
    ['85.60.01-033.28', /month/],
    ['85.07.32-033.28', /day/],
  ])('refuses %j', (text, problem) => {
    expect(expectProblemWithoutEcho(validateNiss(text, TODAY), text)).toMatch(problem);
  });

  test('one typing error the check cannot see is caught by refusing births in the future', () => {
    // 1986 -> "80": the year's last digit lowered by 6 moves the number exactly onto the check
    // of the variant for people born from 2000 on (2000000000 mod 97 = 68), so it reads as 2080.
    const original = niss('860730033', 1900);
    const typo = `80${original.slice(2)}`;
    expect(validateNiss(original, TODAY).ok).toBe(true);
    expect(expectProblemWithoutEcho(validateNiss(typo, TODAY), typo)).toMatch(/future/);
    expect(validateNiss(typo, new Date(2090, 0, 1)).ok).toBe(true);
  });

  test('uses the clock when no date is given', () => {
    expect(validateNiss('85073003328').ok).toBe(true);
  });
});

describe('nissBirthDate', () => {
  test.each([
    ['85073003328', '1985-07-30'],
    ['85.07.30-033.28', '1985-07-30'],
    ['00012556777', '2000-01-25'],
    ['12022900106', '2012-02-29'],
    ['85473003317', '1985-07-30'],
    ['85273003371', '1985-07-30'],
  ])('reads %s as %s', (text, date) => {
    expect(nissBirthDate(text)).toBe(date);
  });

  test('is null when the month or day is unknown (00)', () => {
    expect(nissBirthDate('85000000138')).toBeNull();
    expect(nissBirthDate(niss('850700001', 1900))).toBeNull();
    expect(nissBirthDate(niss('854000001', 1900))).toBeNull();
  });

  test('is null when the check fails, so the century is unknown', () => {
    expect(nissBirthDate('85073003361')).toBeNull();
    expect(nissBirthDate('850730033')).toBeNull();
  });

  test('is null for a day the calendar does not have', () => {
    const thirtiethOfFebruary = niss('850230001', 1900);
    expect(validateNiss(thirtiethOfFebruary, TODAY).ok).toBe(true);
    expect(nissBirthDate(thirtiethOfFebruary)).toBeNull();
    expect(nissBirthDate(niss('130229001', 2000))).toBeNull();
  });
});

describe('formatNiss and maskNiss', () => {
  test('formats as YY.MM.DD-SSS.CC', () => {
    expect(formatNiss('85073003328')).toBe('85.07.30-033.28');
    expect(formatNiss('85 07 30 033 28')).toBe('85.07.30-033.28');
    expect(() => formatNiss('8507300332')).toThrow(RangeError);
  });

  test('shows only the last four digits', () => {
    expect(maskNiss('85073003328')).toBe('*******3328');
    expect(maskNiss('85.07.30-033.28')).toBe('*******3328');
    expect(maskNiss('123')).toBe('***********');
  });
});

/** A NISS of someone born by TODAY, bis or not, with any serial number. */
const generatedNiss = fc
  .record({
    year: fc.integer({ min: 1900, max: TODAY.getFullYear() }),
    month: fc.integer({ min: 0, max: 12 }),
    bis: fc.constantFrom(0, 20, 40),
    day: fc.integer({ min: 0, max: 31 }),
    serial: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ year, month, bis, day, serial }) => {
    const nine = twoDigits(year % 100) + twoDigits(month + bis) + twoDigits(day) + String(serial).padStart(3, '0');
    return niss(nine, year >= 2000 ? 2000 : 1900);
  });

describe('NISS properties', () => {
  test('a generated NISS always validates, also once formatted', () => {
    fc.assert(
      fc.property(generatedNiss, (value) => {
        expect(validateNiss(value, TODAY)).toEqual({ ok: true, value });
        expect(validateNiss(formatNiss(value), TODAY)).toEqual({ ok: true, value });
      }),
    );
  });

  test('changing one digit invalidates it, except the year digit off by 6 that swaps the century', () => {
    fc.assert(
      fc.property(generatedNiss, (value) => {
        for (const { position, from, to, changed } of singleDigitChanges(value)) {
          const result = validateNiss(changed, TODAY);
          if (result.ok) {
            // The blind spot of the NISS check: 6 x 10^7 = -2000000000 (mod 97). Only the last
            // digit of the year, moved by exactly 6, can land on the other century's check, and
            // then only to a year that is not in the future (e.g. 1926 <-> 2020).
            expect(position).toBe(1);
            expect(Math.abs(to - from)).toBe(6);
          } else {
            expectProblemWithoutEcho(result, changed);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
