import type { WriteContext } from '../book/write-context.js';
import { BANK, EXPENSES_PAYABLE, NET_SALARIES_PAYABLE, clientCreditAccount, receivableAccount } from '../ledger/chart.js';
import type { LedgerStore } from '../ledger/ledger-store.js';
import { postEntry } from '../ledger/post-entry.js';
import { nonZero } from '../invoicing/issue-invoice.js';
import type { BankStore, OpenInvoice, StoredBankLine } from './bank-store.js';
import { type MatchRule, openCents } from './match-bank-line.js';

export interface Settlement {
  readonly paidCents: number;
  readonly creditCents: number;
  /** Set when the money came for an invoice that was credited: a person should look. */
  readonly flag: string | null;
}

/** How a settlement is booked: `lineIsNew` when the line was inserted in this transaction, so that no entry can have its key yet. */
export interface SettleOptions {
  readonly lineIsNew?: boolean;
}

/**
 * Books an incoming payment against an invoice: the bank receives it, the client's receivable
 * falls by what was open on the invoice, and anything beyond stays as a credit for the client.
 * A partial payment leaves the invoice open with the rest due.
 */
export function settlePayment(
  stores: { bank: BankStore; ledger: LedgerStore },
  context: WriteContext,
  line: StoredBankLine,
  invoice: OpenInvoice,
  rule: MatchRule | 'person',
  options: SettleOptions = {},
): Settlement {
  const open = Math.max(0, openCents(invoice));
  const paidCents = Math.min(open, line.amountCents);
  const creditCents = line.amountCents - paidCents;
  const flag = invoice.creditedCents > 0 && open === 0 ? 'paid-after-credit' : creditCents > 0 ? 'overpayment' : null;
  const { entryId } = postEntry(stores.ledger, context, {
    key: `bank-line:${line.id}`,
    date: line.bookingDate,
    reason: 'bank.payment',
    memo: `Payment for invoice ${invoice.number} (${rule})`,
    postings: nonZero([
      { account: BANK, amountCents: line.amountCents },
      { account: receivableAccount(invoice.clientId), amountCents: -paidCents },
      { account: clientCreditAccount(invoice.clientId), amountCents: -creditCents },
    ]),
  }, { keyIsNew: options.lineIsNew === true });
  if (paidCents > 0) stores.bank.insertPayment({ bankLineId: line.id, invoiceId: invoice.id, clientId: invoice.clientId, kind: 'invoice', amountCents: paidCents, matchedBy: rule, flag, entryId });
  if (creditCents > 0) stores.bank.insertPayment({ bankLineId: line.id, invoiceId: null, clientId: invoice.clientId, kind: 'credit', amountCents: creditCents, matchedBy: rule, flag, entryId });
  stores.bank.setStatus(line.id, 'matched', flag, entryId);
  return { paidCents, creditCents, flag };
}

/** An outgoing line that is one of the co-op's own payout batches settles the run's payables. */
export function settlePayoutBatch(stores: { bank: BankStore; ledger: LedgerStore }, context: WriteContext, line: StoredBankLine, options: SettleOptions = {}): string | undefined {
  if (line.amountCents >= 0) return undefined;
  const run = stores.bank.unsettledRun(-line.amountCents, line.bookingDate);
  if (run === undefined) return undefined;
  const { entryId } = postEntry(stores.ledger, context, {
    key: `bank-line:${line.id}`,
    date: line.bookingDate,
    reason: 'bank.payout',
    memo: `Payout batch ${run.week} executed by the bank`,
    postings: nonZero([
      { account: NET_SALARIES_PAYABLE, amountCents: run.totalNetCents },
      { account: EXPENSES_PAYABLE, amountCents: run.totalExpensesCents },
      { account: BANK, amountCents: line.amountCents },
    ]),
  }, { keyIsNew: options.lineIsNew === true });
  stores.bank.insertSettlement(run.id, line.id, entryId);
  stores.bank.setStatus(line.id, 'payout', `payout ${run.week}`, entryId);
  return run.week;
}
