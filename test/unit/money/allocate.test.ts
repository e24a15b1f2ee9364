import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { allocate } from '../../../src/money/allocate.js';

describe('allocate', () => {
  test('splits 100 cents in three without losing one', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });

  test('follows the weights', () => {
    expect(allocate(1000, ['0.5', '0.3', '0.2'])).toEqual([500, 300, 200]);
    expect(allocate(1, [1, 3])).toEqual([0, 1]);
  });

  test('negative amounts split the same way', () => {
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  test('refuses nonsense weights', () => {
    expect(() => allocate(100, [])).toThrow();
    expect(() => allocate(100, [0, 0])).toThrow();
    expect(() => allocate(100, [-1, 2])).toThrow();
  });

  test('the parts always sum to the whole and each is within a cent of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }).filter((weights) => weights.some((w) => w > 0)),
        (amount, weights) => {
          const parts = allocate(amount, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0);
          parts.forEach((part, index) => {
            // |part - amount * w / total| < 1, checked in integers: |part * total - amount * w| < total.
            const diff = BigInt(part) * BigInt(total) - BigInt(amount) * BigInt(weights[index] ?? 0);
            expect(diff < 0n ? -diff : diff).toBeLessThan(BigInt(total));
          });
        },
      ),
    );
  });
});
