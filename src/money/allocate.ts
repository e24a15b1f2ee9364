import { type Cents, assertCents } from './cents.js';
import { Dec } from './rates.js';

/**
 * Splits an amount into parts proportional to weights without losing a cent: every part gets
 * its share rounded down, then the cents left over go one by one to the parts with the largest
 * remainders (ties to the earliest part), so the parts always add up to the whole.
 */
export function allocate(amount: Cents, weights: readonly (Dec | number | string)[]): Cents[] {
  assertCents(amount);
  if (weights.length === 0) throw new Error('allocate needs at least one weight');
  const decimals = weights.map((weight) => new Dec(weight));
  if (decimals.some((weight) => weight.isNegative())) throw new Error('allocate weights must not be negative');
  const total = decimals.reduce((sum, weight) => sum.add(weight), new Dec(0));
  if (total.isZero()) throw new Error('allocate weights must not all be zero');

  const sign = amount < 0 ? -1 : 1;
  const magnitude = new Dec(Math.abs(amount));
  const exact = decimals.map((weight) => magnitude.mul(weight).div(total));
  const parts = exact.map((share) => share.floor().toNumber());
  let leftover = Math.abs(amount) - parts.reduce((sum, part) => sum + part, 0);
  const byRemainder = exact
    .map((share, index) => ({ index, remainder: share.sub(share.floor()) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const { index } of byRemainder) {
    if (leftover === 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    leftover -= 1;
  }
  return parts.map((part) => assertCents(part * sign));
}
