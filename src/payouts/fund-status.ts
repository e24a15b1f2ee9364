import type { Book } from '../book/open-book.js';
import { GUARANTEE_FUND } from '../ledger/chart.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import { type Cents, Dec } from '../money/index.js';
import { PayoutStore } from './payout-store.js';

export interface FundStatus {
  readonly balanceCents: Cents;
  /** Net salaries advanced on invoices the client has not paid yet. */
  readonly exposureCents: Cents;
  /** balance / exposure, as a decimal string with two decimals; null when nothing is exposed. */
  readonly ratio: string | null;
  readonly largest: readonly { readonly clientId: number; readonly name: string; readonly exposureCents: Cents; readonly invoices: number }[];
}

/**
 * The guarantee fund's health. Exposure is the net advanced on paid-out invoices the client has
 * not paid in full (a partly paid invoice still counts whole, to be prudent); invoices credited
 * after their payout are no longer exposure but a loss the fund already absorbed.
 */
export function fundStatus(book: Book, top = 10): FundStatus {
  const balanceCents = new LedgerStore(book).creditBalance(GUARANTEE_FUND.code);
  const rows = new PayoutStore(book).exposureByClient();
  const exposureCents = rows.reduce((sum, row) => sum + row.exposureCents, 0);
  return {
    balanceCents,
    exposureCents,
    ratio: exposureCents === 0 ? null : new Dec(balanceCents).div(exposureCents).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2),
    largest: rows.slice(0, top),
  };
}
