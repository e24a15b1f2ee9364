import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { type AmountStyle, combineCreditDebit, parseBankAmount } from '../../../src/bank/csv/bank-amount.js';
import { parseBankDate, readAccountNumber, readStructuredReference, structuredReferenceInText } from '../../../src/bank/csv/bank-fields.js';

function cents(text: string, style: AmountStyle): number | string {
  const reading = parseBankAmount(text, style);
  return reading.ok ? reading.cents : reading.problem;
}

/** An amount as a bank writes it, built independently of the parser. */
function written(value: number, decimal: ',' | '.', grouped: boolean): string {
  const abs = Math.abs(value);
  const units = String(Math.trunc(abs / 100));
  const fraction = String(abs % 100).padStart(2, '0');
  const group = decimal === ',' ? '.' : ',';
  const shownUnits = grouped ? units.replace(/\B(?=(\d{3})+(?!\d))/g, group) : units;
  return `${value < 0 ? '-' : ''}${shownUnits}${decimal}${fraction}`;
}

describe('parseBankAmount, decimal comma (KBC, Belfius, ING, Argenta)', () => {
  test.each([
    ['1.210,50', 121050],
    ['1210,50', 121050],
    ['-1.234,56', -123456],
    ['-1234,56', -123456],
    ['+605,5', 60550],
    ['605', 60500],
    ['1.210', 121000],
    ['12.345.678,90', 1234567890],
    ['0,01', 1],
    ['-0,00', 0],
    ['  -9,66  ', -966],
  ])('reads %p as %p cents', (text, expected) => {
    expect(cents(text, 'decimal-comma')).toBe(expected);
  });

  test('refuses a decimal point where the bank writes a decimal comma, saying so', () => {
    expect(cents('1,210.50', 'decimal-comma')).toBe('"1,210.50" uses "." as the decimal separator, but this file\'s amounts are written like 1.234,56 (decimal comma)');
    expect(cents('1210.50', 'decimal-comma')).toMatch(/uses "\." as the decimal separator/);
  });

  test.each([
    ['12,345', /has 3 decimals: an amount has at most two/],
    ['1.210,505', /has 3 decimals/],
    ['1O5,00', /not an amount: it holds a letter/],
    ['12,3a', /holds a letter/],
    ['1 210,50', /holds a space/],
    ['1.210,50 EUR', /not an amount/],
    ['', /empty/],
    ['12,', /no digits after the decimal separator/],
    [',50', /no digits before the decimal separator/],
    ['1,2,3', /more than one decimal separator/],
    ['12.10.5,00', /thousands separator "\." in the wrong place/],
    ['--5,00', /not an amount/],
    ['1e3', /holds a letter/],
    ['99999999999999,00', /too large/],
  ])('refuses %p', (text, problem) => {
    expect(cents(text, 'decimal-comma')).toMatch(problem);
  });
});

describe('parseBankAmount, decimal point and either (BNP Paribas Fortis)', () => {
  test('decimal point: "," groups thousands, three decimals refused', () => {
    expect(cents('1,210.50', 'decimal-point')).toBe(121050);
    expect(cents('-35.2', 'decimal-point')).toBe(-3520);
    expect(cents('12.345', 'decimal-point')).toMatch(/has 3 decimals/);
    expect(cents('1.210,50', 'decimal-point')).toMatch(/uses "," as the decimal separator/);
  });

  test('either: the last separator before one or two digits is the decimal one', () => {
    expect(cents('1.210,50', 'either')).toBe(121050);
    expect(cents('1,210.50', 'either')).toBe(121050);
    expect(cents('1210,5', 'either')).toBe(121050);
    expect(cents('1210.50', 'either')).toBe(121050);
    expect(cents('1.234.567', 'either')).toBe(123456700);
    expect(cents('1210', 'either')).toBe(121000);
  });

  test('either: a lone separator before three digits is ambiguous and refused', () => {
    expect(cents('1.210', 'either')).toMatch(/could be thousands or three decimals/);
    expect(cents('1,210', 'either')).toMatch(/could be thousands or three decimals/);
    expect(cents('1.210,505', 'either')).toMatch(/has 3 decimals/);
  });
});

describe('a cell quoted in a message', () => {
  test('an IBAN or a NISS read where an amount or a date should be is masked but for its last digits, and a huge cell is cut', () => {
    const iban = parseBankAmount('BE68 5390 0754 7034', 'decimal-comma');
    expect(iban.ok).toBe(false);
    if (!iban.ok) {
      expect(iban.problem).toMatch(/^"BE\*\* \*\*\*\* \*\*\*\* 7034" is not an amount/);
      expect(iban.problem).not.toContain('5390');
    }
    const niss = parseBankDate('85073003328', ['dd/mm/yyyy']);
    expect(niss.ok).toBe(false);
    if (!niss.ok) expect(niss.problem).toBe('"*******3328" is not a date written as dd/mm/yyyy');
    const huge = parseBankAmount(`${'9'.repeat(20)}x${'9'.repeat(200)}`, 'decimal-comma');
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.problem).toMatch(/^"9{20}x9{16}\.\.\." /);
  });
});

describe('parseBankAmount properties', () => {
  const styles: [AmountStyle, ',' | '.'][] = [
    ['decimal-comma', ','],
    ['decimal-point', '.'],
    ['either', ','],
    ['either', '.'],
  ];

  test('every amount written in the style, grouped or not, reads back to the same cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), fc.boolean(), fc.constantFrom(...styles), (value, grouped, [style, decimal]) => {
        expect(parseBankAmount(written(value, decimal, grouped), style)).toEqual({ ok: true, cents: value === 0 ? 0 : value });
      }),
    );
  });

  test('whatever the text, the result is a refusal or a safe whole number of cents', () => {
    const character = fc.constantFrom('0', '1', '5', '9', ',', '.', '-', '+', ' ', 'O', 'e');
    fc.assert(
      fc.property(fc.string({ unit: character, maxLength: 24 }), fc.constantFrom<AmountStyle>('decimal-comma', 'decimal-point', 'either'), (text, style) => {
        const reading = parseBankAmount(text, style);
        if (reading.ok) {
          expect(Number.isSafeInteger(reading.cents)).toBe(true);
          expect(Object.is(reading.cents, -0)).toBe(false);
        } else {
          expect(reading.problem.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('three or more decimals are always refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 3, max: 6 }), fc.constantFrom<[AmountStyle, string]>(['decimal-comma', ','], ['decimal-point', '.']), (units, decimals, [style, decimal]) => {
        expect(parseBankAmount(`${units}${decimal}${'7'.repeat(decimals)}`, style).ok).toBe(false);
      }),
    );
  });
});

describe('combineCreditDebit (two amount columns)', () => {
  test('credit is money in, debit money out with or without its minus sign', () => {
    expect(combineCreditDebit(77508, undefined)).toEqual({ ok: true, cents: 77508 });
    expect(combineCreditDebit(undefined, -77508)).toEqual({ ok: true, cents: -77508 });
    expect(combineCreditDebit(undefined, 77508)).toEqual({ ok: true, cents: -77508 });
    expect(combineCreditDebit(0, 1250)).toEqual({ ok: true, cents: -1250 });
  });

  test('refuses both, neither, and a negative credit', () => {
    expect(combineCreditDebit(100, 200)).toEqual({ ok: false, problem: 'both the credit and the debit column hold an amount' });
    expect(combineCreditDebit(undefined, undefined).ok).toBe(false);
    expect(combineCreditDebit(-100, undefined).ok).toBe(false);
  });
});

describe('the other cells of a line', () => {
  test('dates in the bank\'s format only, and only days that exist', () => {
    expect(parseBankDate('05/01/2026', ['dd/mm/yyyy'])).toEqual({ ok: true, value: '2026-01-05' });
    expect(parseBankDate('5/1/2026', ['dd/mm/yyyy'])).toEqual({ ok: true, value: '2026-01-05' });
    expect(parseBankDate('14-01-2026', ['dd-mm-yyyy', 'yyyy-mm-dd'])).toEqual({ ok: true, value: '2026-01-14' });
    expect(parseBankDate('2026-01-14', ['dd-mm-yyyy', 'yyyy-mm-dd'])).toEqual({ ok: true, value: '2026-01-14' });
    expect(parseBankDate('29/02/2028', ['dd/mm/yyyy'])).toEqual({ ok: true, value: '2028-02-29' });
    expect(parseBankDate('29/02/2026', ['dd/mm/yyyy'])).toEqual({ ok: false, problem: '"29/02/2026" is not a calendar date' });
    expect(parseBankDate('14-01-2026', ['dd/mm/yyyy'])).toEqual({ ok: false, problem: '"14-01-2026" is not a date written as dd/mm/yyyy' });
    expect(parseBankDate('01/14/2026', ['dd/mm/yyyy']).ok).toBe(false);
    expect(parseBankDate('05/01/26', ['dd/mm/yyyy']).ok).toBe(false);
  });

  test('account numbers: IBANs in any grouping, old Belgian numbers, nothing for non-accounts', () => {
    expect(readAccountNumber('BE63 0015 5123 4508')).toEqual({ ok: true, value: 'BE63001551234508' });
    expect(readAccountNumber('fr14 2004 1010 0505 0001 3m02 606')).toEqual({ ok: true, value: 'FR1420041010050500013M02606' });
    expect(readAccountNumber('310-0987654-86')).toEqual({ ok: true, value: 'BE78310098765486' });
    expect(readAccountNumber('   ')).toEqual({ ok: true, value: null });
    expect(readAccountNumber('6703 39XX XXXX 1234 5')).toEqual({ ok: true, value: null });
    expect(readAccountNumber('390-1234567-89')).toEqual({ ok: false, problem: 'the belgian account number check (its last two digits) does not match' });
    const bad = readAccountNumber('BE63 0015 5123 4509');
    expect(bad.ok).toBe(false);
    // Problems never repeat the account number: it is personal data.
    expect(JSON.stringify(bad)).not.toContain('5123');
  });

  test('structured communications: twelve digits when given, valid or not', () => {
    expect(readStructuredReference('***202/6000/00192***           ')).toBe('202600000192');
    expect(readStructuredReference('+++202/6000/00193+++')).toBe('202600000193');
    expect(readStructuredReference('202600000192')).toBe('202600000192');
    expect(readStructuredReference('   ')).toBeNull();
    expect(readStructuredReference('+++202/6000/0019+++')).toBe('+++202/6000/0019+++');
    expect(structuredReferenceInText('MEDEDELING : +++202/6000/00192+++ UITGEVOERD OP 06-01')).toBe('202600000192');
    expect(structuredReferenceInText('Betaling 202600000495 bedankt')).toBeNull();
  });
});
