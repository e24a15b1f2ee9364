import { describe, expect, test } from '@jest/globals';
import { maskPersonalNumbers } from '../../../src/identifiers/mask-in-text.js';

describe('text quoted from a file keeps only the last digits of an IBAN or a NISS', () => {
  test.each([
    ['BE16734021123474;Coopérative;05/01/2026', 'BE** **** **** 3474;Coopérative;05/01/2026'],
    ['from BE63 0015 5123 4508 THEATRE', 'from BE** **** **** 4508 THEATRE'],
    ['NL91ABNA0417164300', 'NL** **** **** **43 00'],
    ['niss 85073001150, member', 'niss *******1150, member'],
  ])('%s', (text, masked) => {
    expect(maskPersonalNumbers(text)).toBe(masked);
  });

  test('amounts, dates, references and structured communications are left as they are', () => {
    const text = '1.210,00 | 05/01/2026 | 2026-0012 | +++202/6000/00192+++ | 26010813012899 | 2026-000001';
    expect(maskPersonalNumbers(text)).toBe(text);
  });
});

describe('the IBANs of the bank fixtures, in the ways the banks write them', () => {
  test.each([
    ['NL91 ABNA 0417 1643 00;x', 'NL** **** **** **43 00;x'],
    ['BE48 0682 4691 3527               ;GKCCBEBB', 'BE** **** **** 3527               ;GKCCBEBB'],
  ])('%s', (text, masked) => {
    expect(maskPersonalNumbers(text)).toBe(masked);
  });
});
