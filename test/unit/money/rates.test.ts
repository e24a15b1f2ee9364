import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { Dec, applyRate, divideBy, rate } from '../../../src/money/rates.js';

describe('applyRate', () => {
  test('the levy and fund of the worked example (DOMAIN.md)', () => {
    expect(applyRate(100000, rate('0.065'))).toBe(6500);
    expect(applyRate(100000, rate('0.02'))).toBe(2000);
  });

  test('rounds half up to the cent', () => {
    expect(applyRate(5, rate('0.5'))).toBe(3); // 2.5 cents -> 3
    expect(applyRate(72075, rate('0.2695'))).toBe(19424); // 194.242125 -> 194.24
    expect(applyRate(72075, rate('0.1307'))).toBe(9420); // 94.202025 -> 94.20
  });

  test('rounds half up away from zero for credits too', () => {
    expect(applyRate(-5, rate('0.5'))).toBe(-3);
  });

  test('is within half a cent of the exact product, for any amount and rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 100000 }), (cents, basisPoints) => {
        const factor = new Dec(basisPoints).div(100000);
        const exact = new Dec(cents).mul(factor);
        const rounded = applyRate(cents, factor);
        expect(Number.isSafeInteger(rounded)).toBe(true);
        expect(exact.sub(rounded).abs().lessThanOrEqualTo('0.5')).toBe(true);
      }),
    );
  });
});

describe('divideBy', () => {
  test('gross salary of the worked example, rounded down', () => {
    expect(divideBy(91500, rate('1.2695'), 'down')).toBe(72075);
  });

  test('rounding down never gives more than the exact quotient', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 30000 }), (cents, tenThousandths) => {
        const divisor = new Dec(10000 + tenThousandths).div(10000);
        const gross = divideBy(cents, divisor, 'down');
        expect(divisor.mul(gross).lessThanOrEqualTo(cents)).toBe(true);
        expect(divisor.mul(gross + 1).greaterThan(cents)).toBe(true);
      }),
    );
  });

  test('refuses to divide by zero', () => {
    expect(() => divideBy(100, rate('0'), 'down')).toThrow('zero');
  });
});
