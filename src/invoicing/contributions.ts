import { type Cents, type Rate, applyRate } from '../money/index.js';

export interface Contributions {
  readonly levyCents: Cents;
  readonly fundCents: Cents;
  /** What remains for the member, credited to their activity account. */
  readonly budgetCents: Cents;
}

/**
 * The co-op's levy and the guarantee fund contribution, each rounded half up on the amount
 * excluding VAT; the budget is the rest, so the three always add up to the amount exactly.
 */
export function computeContributions(amountExclVatCents: Cents, levyRate: Rate, fundRate: Rate): Contributions {
  const levyCents = applyRate(amountExclVatCents, levyRate);
  const fundCents = applyRate(amountExclVatCents, fundRate);
  return { levyCents, fundCents, budgetCents: amountExclVatCents - levyCents - fundCents };
}
