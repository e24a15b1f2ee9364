import DecimalModule, { type Decimal } from 'decimal.js';
import { type Cents, assertCents } from './cents.js';

// decimal.js's types describe its CommonJS build; imported as an ES module, the default export
// is the Decimal class itself.
const DecimalClass = DecimalModule as unknown as typeof DecimalModule.default;

/** decimal.js configured once: enough precision for any rate product, rounding always explicit. */
export const Dec = DecimalClass.clone({ precision: 40, rounding: DecimalClass.ROUND_HALF_UP });
export type Dec = Decimal;

/** A rate or factor read from the rules, e.g. "0.065". Always decimal.js, never a float. */
export type Rate = Dec;

export function rate(text: string): Rate {
  return new Dec(text);
}

/** A rate as people read it: "0.065" -> "6.5" (per cent, exact, no trailing zeros). */
export function percentOf(rate: Rate | string): string {
  return new Dec(rate).mul(100).toString();
}

export type Rounding = 'half-up' | 'down';

const ROUNDING_MODES: Readonly<Record<Rounding, Decimal.Rounding>> = {
  'half-up': Dec.ROUND_HALF_UP,
  // Gross salary is rounded down (DOMAIN.md): towards minus infinity, so a negative never grows.
  down: Dec.ROUND_FLOOR,
};

/** Rounds an exact decimal number of cents to whole cents, the way DOMAIN.md says for each figure. */
export function roundToCents(exactCents: Dec, rounding: Rounding): Cents {
  return assertCents(exactCents.toDecimalPlaces(0, ROUNDING_MODES[rounding]).toNumber());
}

/** amount x rate, rounded once: e.g. the 6.5 % levy on an invoice. */
export function applyRate(amount: Cents, factor: Rate, rounding: Rounding = 'half-up'): Cents {
  return roundToCents(new Dec(amount).mul(factor), rounding);
}

/** amount / divisor, rounded once: e.g. gross = floor(budget / 1.2695). */
export function divideBy(amount: Cents, divisor: Rate, rounding: Rounding): Cents {
  if (divisor.isZero()) throw new Error('division of an amount by zero');
  return roundToCents(new Dec(amount).div(divisor), rounding);
}
