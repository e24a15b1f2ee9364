import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mod97, mod97NotZero, twoDigits } from '../../../src/identifiers/mod97.js';

describe('mod97', () => {
  test('gives the remainder of short numbers', () => {
    expect(mod97('0')).toBe(0);
    expect(mod97('97')).toBe(0);
    expect(mod97('98')).toBe(1);
    expect(mod97('1234567890')).toBe(1234567890 % 97);
  });

  test('keeps leading zeros meaningless', () => {
    expect(mod97('0000000000000123')).toBe(mod97('123'));
  });

  test('agrees with BigInt on digit strings far longer than a number holds', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 80 }).map((a) => a.join(''));
    fc.assert(fc.property(digits, (text) => mod97(text) === Number(BigInt(text) % 97n)));
  });

  test('refuses anything but a non-empty string of digits, without repeating it', () => {
    expect(() => mod97('')).toThrow(RangeError);
    expect(() => mod97('12a4')).toThrow(/decimal digits/);
    expect(() => mod97('-12')).toThrow(RangeError);
  });

  test('mod97NotZero writes a zero remainder as 97', () => {
    expect(mod97NotZero('97')).toBe(97);
    expect(mod97NotZero('0000000000')).toBe(97);
    expect(mod97NotZero('1234567890')).toBe(2);
  });

  test('twoDigits pads a check to two digits', () => {
    expect(twoDigits(7)).toBe('07');
    expect(twoDigits(97)).toBe('97');
  });
});
