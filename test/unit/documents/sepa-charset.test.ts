import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { isSepaId, sepaText } from '../../../src/documents/sepa/pain001.js';

const SEPA_TEXT = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

describe('sepaText: the basic Latin set of the EPC', () => {
  test.each([
    ['Zoë Renée Ångström', 'Zoe Renee Angstrom'],
    ['François Çelik', 'Francois Celik'],
    ['Straße', 'Strasse'],
    ['Łukasz Wałęsa', 'Lukasz Walesa'],
    ['Søren Ærø Œuvre', 'Soren AEro OEuvre'],
    ['Đorđe Þór Ŀlull', 'Dorde THor Llull'],
    ['Ze\u0301phyr (decomposed)', 'Zephyr (decomposed)'],
    ['ﬁne Ａ ²', 'fine A 2'],
    ['Smith & Co', 'Smith + Co'],
    ['O’Brien “quoted” «guillemets»', "O'Brien 'quoted' 'guillemets'"],
    ['a – b — c _ d', 'a - b - c - d'],
    ['<b>x</b>', '.b.x./b.'],
    ['100 € [net]; ½', '100 EUR (net), 1/2'],
    ['日本 😀 #1 @ home', '.. . .1 . home'],
    ['  line\none\ttab\u00a0nbsp  ', 'line one tab nbsp'],
  ])('%p -> %p', (input, expected) => {
    expect(sepaText(input, 140)).toBe(expected);
  });

  test('cut to the maximum after transliteration, without a trailing space', () => {
    expect(sepaText('ßßß', 5)).toBe('sssss');
    expect(sepaText('abcd efgh', 5)).toBe('abcd');
    expect(sepaText('x'.repeat(100), 70)).toHaveLength(70);
  });

  test('blank or unwritable-only text gives an empty string (the element is then left out)', () => {
    expect(sepaText(' \t\n ', 10)).toBe('');
    expect(sepaText('\u0301', 10)).toBe('');
  });

  test('a maximum that is not a positive whole number is a programming error', () => {
    expect(() => sepaText('x', 0)).toThrow();
    expect(() => sepaText('x', 1.5)).toThrow();
  });

  test('for any text: only SEPA characters, within the limit, trimmed, and idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 1, max: 140 }), (text, max) => {
        const out = sepaText(text, max);
        expect(out).toMatch(SEPA_TEXT);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).toBe(out.trim());
        expect(out).not.toContain('  ');
        expect(sepaText(out, max)).toBe(out);
      }),
      { numRuns: 500 },
    );
  });

  test('text already in the set is kept as it is', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9/\-?:().,'+]([A-Za-z0-9/\-?:().,'+ ]{0,60}[A-Za-z0-9/\-?:().,'+])?$/), (text) => {
        fc.pre(!text.includes('  '));
        expect(sepaText(text, 70)).toBe(text);
      }),
    );
  });
});

describe('isSepaId', () => {
  test.each(['SMART-2026-W48', '2026-W48-M12', "A/B-C?D:E(F).G,H'I+J", 'x'.repeat(35)])('%p is an identifier', (id) => {
    expect(isSepaId(id)).toBe(true);
  });

  test.each(['', 'x'.repeat(36), 'with space', '/leading', 'trailing/', 'dou//ble', 'Müller', 'a&b', 'a_b'])('%p is not', (id) => {
    expect(isSepaId(id)).toBe(false);
  });
});
