import { describe, expect, test } from '@jest/globals';
import { validateVatNumber } from '../../../src/identifiers/vat-number.js';
import { expectProblemWithoutEcho } from './no-echo.js';

describe('validateVatNumber', () => {
  test.each([
    ['BE0123456749', 'BE0123456749'],
    ['BE 0123.456.749', 'BE0123456749'],
    ['be0123456749', 'BE0123456749'],
    ['BE 123.456.749', 'BE0123456749'],
    ['ATU12345678', 'ATU12345678'],
    ['BG123456789', 'BG123456789'],
    ['BG1234567890', 'BG1234567890'],
    ['CY12345678L', 'CY12345678L'],
    ['CZ12345678', 'CZ12345678'],
    ['CZ1234567890', 'CZ1234567890'],
    ['DE 123 456 789', 'DE123456789'],
    ['DK12345678', 'DK12345678'],
    ['EE123456789', 'EE123456789'],
    ['EL123456789', 'EL123456789'],
    ['ESA1234567B', 'ESA1234567B'],
    ['ES12345678Z', 'ES12345678Z'],
    ['ESB12345678', 'ESB12345678'],
    ['FI12345678', 'FI12345678'],
    ['FR 40 303 265 045', 'FR40303265045'],
    ['FRAB123456789', 'FRAB123456789'],
    ['HR12345678901', 'HR12345678901'],
    ['HU12345678', 'HU12345678'],
    ['IE1234567T', 'IE1234567T'],
    ['IE1234567WA', 'IE1234567WA'],
    ['IE1S23456T', 'IE1S23456T'],
    ['IT12345678901', 'IT12345678901'],
    ['LT123456789', 'LT123456789'],
    ['LT123456789012', 'LT123456789012'],
    ['LU12345678', 'LU12345678'],
    ['LV12345678901', 'LV12345678901'],
    ['MT12345678', 'MT12345678'],
    ['NL123456789B01', 'NL123456789B01'],
    ['nl 1234.56.789.b01', 'NL123456789B01'],
    ['PL1234567890', 'PL1234567890'],
    ['PT123456789', 'PT123456789'],
    ['RO12', 'RO12'],
    ['RO1234567890', 'RO1234567890'],
    ['SE123456789001', 'SE123456789001'],
    ['SI12345678', 'SI12345678'],
    ['SK1234567890', 'SK1234567890'],
    ['XI123456789', 'XI123456789'],
    ['XIGD123', 'XIGD123'],
  ])('accepts %s', (text, value) => {
    expect(validateVatNumber(text)).toEqual({ ok: true, value });
  });

  test('reads GR, the ISO code of Greece, as EL, its VAT prefix', () => {
    expect(validateVatNumber('GR123456789')).toEqual({ ok: true, value: 'EL123456789' });
    expect(validateVatNumber('123456789', 'GR')).toEqual({ ok: true, value: 'EL123456789' });
  });

  test('uses the country hint when the number has no prefix', () => {
    expect(validateVatNumber('0123.456.749', 'BE')).toEqual({ ok: true, value: 'BE0123456749' });
    expect(validateVatNumber('123456789B01', 'nl')).toEqual({ ok: true, value: 'NL123456789B01' });
    expect(validateVatNumber('AB123456789', 'FR')).toEqual({ ok: true, value: 'FRAB123456789' });
  });

  test('a prefix written in the number wins over the hint', () => {
    expect(validateVatNumber('NL123456789B01', 'BE')).toEqual({ ok: true, value: 'NL123456789B01' });
  });

  test.each([
    ['', undefined, /empty/],
    ['0123456749', undefined, /two-letter country prefix/],
    ['BE0123456748', undefined, /check digits do not match/],
    ['BE2123456749', undefined, /starts with 0 or 1/],
    ['0123456748', 'BE', /check digits do not match/],
    ['NL123456789', undefined, /shape of NL vat numbers \(NL999999999B99/],
    ['DE12345678', undefined, /shape of DE vat numbers/],
    ['ATE12345678', undefined, /shape of AT vat numbers/],
    ['FRIO123456789', undefined, /shape of FR vat numbers/],
    ['SE123456789012', undefined, /shape of SE vat numbers/],
    ['RO0123', undefined, /shape of RO vat numbers/],
    ['12345678', 'DE', /shape of DE vat numbers/],
    ['GB123456789', undefined, /united kingdom/],
    ['123456789', 'GB', /united kingdom/],
    ['CHE123456789', undefined, /the prefix CH is not that of an eu member state/],
    ['US123456789', undefined, /the prefix US is not/],
    ['123456789', 'US', /the prefix US is not/],
  ])('refuses %j (hint %s)', (text, hint, problem) => {
    expect(expectProblemWithoutEcho(validateVatNumber(text, hint), text)).toMatch(problem);
  });
});
