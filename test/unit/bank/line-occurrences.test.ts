import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { LineOccurrences } from '../../../src/bank/line-occurrences.js';

/**
 * The occurrence numbers of a statement's line identities (`hash:<key>#<n>`) come from a typed
 * table instead of a Map of identity strings. It must count exactly as the Map did.
 */
const key = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

describe('LineOccurrences counts as a Map of the keys would', () => {
  test('any sequence of keys with repeats, the table growing past its expected size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 24, maxLength: 24 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        (distinct, picks, expected) => {
          const table = new LineOccurrences(expected);
          const oracle = new Map<string, number>();
          for (const pick of picks) {
            const k = key(distinct[pick % distinct.length] as Uint8Array);
            const count = (oracle.get(k) ?? 0) + 1;
            oracle.set(k, count);
            expect(table.add(k)).toBe(count);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('keys that differ in a single bit are two keys', () => {
    const base = new Uint8Array(24).fill(0xa5);
    const table = new LineOccurrences(4);
    expect(table.add(key(base))).toBe(1);
    for (let bit = 0; bit < 192; bit += 1) {
      const other = Uint8Array.from(base);
      other[bit >> 3] = (other[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      expect(table.add(key(other))).toBe(1);
    }
    expect(table.add(key(base))).toBe(2);
  });

  test('a hundred thousand distinct keys, then each again', () => {
    const table = new LineOccurrences(1000);
    const keys = Array.from({ length: 100_000 }, (_, index) => {
      const bytes = new Uint8Array(24);
      new DataView(bytes.buffer).setUint32(index % 6 * 4, index + 1);
      return key(bytes);
    });
    expect(keys.every((k) => table.add(k) === 1)).toBe(true);
    expect(keys.every((k) => table.add(k) === 2)).toBe(true);
  });

  test('refuses what is not 32 base64url characters', () => {
    const table = new LineOccurrences();
    expect(() => table.add('short')).toThrow(/32/);
    expect(() => table.add('!'.repeat(32))).toThrow(/base64url/);
  });
});
