import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  findStructuredCommunications,
  formatStructuredCommunication,
  structuredCommunicationFor,
  validateStructuredCommunication,
} from '../../../src/identifiers/structured-communication.js';
import { expectProblemWithoutEcho, singleDigitChanges } from './no-echo.js';

describe('validateStructuredCommunication', () => {
  test('the DOMAIN.md example checks out by hand: 1234567890 mod 97 = 2', () => {
    expect(1234567890 % 97).toBe(2);
  });

  test.each([
    ['+++123/4567/89002+++', '123456789002'],
    ['***123/4567/89002***', '123456789002'],
    ['  +++ 123 / 4567 / 89002 +++ ', '123456789002'],
    ['123456789002', '123456789002'],
    ['123/4567/89002', '123456789002'],
    ['123 4567 89002', '123456789002'],
    ['+++000/0000/00097+++', '000000000097'],
    ['+++000/0000/09797+++', '000000009797'],
  ])('accepts %j', (text, value) => {
    expect(validateStructuredCommunication(text)).toEqual({ ok: true, value });
  });

  test.each([
    ['', /empty/],
    ['+++123/4567/89002***', /only digits/],
    ['+++123/4567/8900A+++', /only digits/],
    ['123-4567-89002', /only digits/],
    ['+++123/4567/8900+++', /12 digits, this one has 11/],
    ['1234567890023', /this one has 13/],
    ['+++123/4567/89003+++', /check digits .* do not match/],
    ['+++000/0000/00000+++', /check digits .* do not match/],
  ])('refuses %j', (text, problem) => {
    expect(expectProblemWithoutEcho(validateStructuredCommunication(text), text)).toMatch(problem);
  });
});

describe('formatStructuredCommunication and structuredCommunicationFor', () => {
  test('formats twelve digits', () => {
    expect(formatStructuredCommunication('123456789002')).toBe('+++123/4567/89002+++');
    expect(() => formatStructuredCommunication('12345678900')).toThrow(RangeError);
  });

  test('builds one from a base, left-padded to ten digits', () => {
    expect(structuredCommunicationFor('1234567890')).toBe('123456789002');
    expect(structuredCommunicationFor(1234567890n)).toBe('123456789002');
    expect(structuredCommunicationFor(42n)).toBe('000000004242');
    expect(structuredCommunicationFor('0')).toBe('000000000097');
    expect(structuredCommunicationFor(202600001n)).toBe(`0202600001${String(202600001 % 97).padStart(2, '0')}`);
  });

  test('refuses a base that is not a whole number of at most ten digits', () => {
    expect(() => structuredCommunicationFor(12345678901n)).toThrow(RangeError);
    expect(() => structuredCommunicationFor(-1n)).toThrow(RangeError);
    expect(() => structuredCommunicationFor('12a')).toThrow(RangeError);
    expect(() => structuredCommunicationFor('')).toThrow(RangeError);
  });
});

describe('findStructuredCommunications', () => {
  test('finds the three written forms', () => {
    expect(findStructuredCommunications('Facture 2026/0001 +++123/4567/89002+++ merci')).toEqual(['123456789002']);
    expect(findStructuredCommunications('MEDEDELING: ***123/4567/89002***')).toEqual(['123456789002']);
    expect(findStructuredCommunications('COMM. 123456789002 REF. X')).toEqual(['123456789002']);
    expect(findStructuredCommunications('123/4567/89002')).toEqual(['123456789002']);
    expect(findStructuredCommunications('ref 123 4567 89002.')).toEqual(['123456789002']);
    expect(findStructuredCommunications('+++ 123 / 4567 / 89002 +++')).toEqual(['123456789002']);
  });

  test('finds every valid one, each once, in order', () => {
    const text = 'first 000000004242 then +++123/4567/89002+++ and again 123456789002';
    expect(findStructuredCommunications(text)).toEqual(['000000004242', '123456789002']);
  });

  test('ignores twelve digits whose check fails', () => {
    expect(findStructuredCommunications('+++123/4567/89003+++ 123456789003 123/4567/89003')).toEqual([]);
  });

  test('ignores twelve digits inside a longer run of digits', () => {
    expect(findStructuredCommunications('9123456789002')).toEqual([]);
    expect(findStructuredCommunications('1234567890029')).toEqual([]);
    expect(findStructuredCommunications('BE68 123456789002 7')).toEqual(['123456789002']);
    expect(findStructuredCommunications('account 9123/4567/89002')).toEqual([]);
    expect(findStructuredCommunications('1 123 4567 89002')).toEqual([]);
    expect(findStructuredCommunications('123 4567 89002 5')).toEqual([]);
  });

  test('finds nothing in text without one', () => {
    expect(findStructuredCommunications('')).toEqual([]);
    expect(findStructuredCommunications('Virement europeen BE68539007547034 1210,00 EUR')).toEqual([]);
  });
});

const base = fc.bigInt({ min: 0n, max: 9_999_999_999n });

describe('structured communication properties', () => {
  test('a generated one always validates, in every written form, and is found in free text', () => {
    fc.assert(
      fc.property(base, fc.constantFrom('+++', '***'), (number, sign) => {
        const digits = structuredCommunicationFor(number);
        const printed = formatStructuredCommunication(digits);
        expect(validateStructuredCommunication(digits)).toEqual({ ok: true, value: digits });
        expect(validateStructuredCommunication(printed)).toEqual({ ok: true, value: digits });
        expect(validateStructuredCommunication(printed.replaceAll('+++', sign))).toEqual({ ok: true, value: digits });
        expect(findStructuredCommunications(`PAYMENT ${printed.replaceAll('+++', sign)} INV`)).toEqual([digits]);
        expect(findStructuredCommunications(`PAYMENT ${digits} INV`)).toEqual([digits]);
      }),
    );
  });

  test('changing any one digit always invalidates it, and it is then never found', () => {
    fc.assert(
      fc.property(base, (number) => {
        for (const { changed } of singleDigitChanges(structuredCommunicationFor(number))) {
          expectProblemWithoutEcho(validateStructuredCommunication(changed), changed);
          expect(findStructuredCommunications(`ref ${formatStructuredCommunication(changed)} ${changed}`)).toEqual([]);
        }
      }),
      { numRuns: 25 },
    );
  });

  test('a valid one inside a longer run of digits is never found', () => {
    fc.assert(
      fc.property(base, fc.integer({ min: 0, max: 9 }), fc.boolean(), (number, digit, before) => {
        const digits = structuredCommunicationFor(number);
        const run = before ? `${digit}${digits}` : `${digits}${digit}`;
        expect(findStructuredCommunications(`x ${run} y`)).toEqual([]);
      }),
    );
  });
});
