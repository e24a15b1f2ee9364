import type { Book } from '../book/open-book.js';
import type { IsoDate } from '../calendar/dates.js';
import { activityAccount } from '../ledger/chart.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import type { Cents } from '../money/index.js';
import { InvoiceStore } from '../invoicing/invoice-store.js';
import type { Member } from './member.js';
import { findMember } from './show-member.js';

export interface MemberStatement {
  readonly member: Member;
  readonly from: IsoDate | null;
  readonly to: IsoDate | null;
  readonly invoices: number;
  readonly creditNotes: number;
  /** Invoiced less credited, excl. VAT. */
  readonly invoicedCents: Cents;
  readonly levyCents: Cents;
  readonly fundCents: Cents;
  readonly budgetCents: Cents;
  /** Everything that left the activity account other than credit notes: salaries and expenses paid. */
  readonly paidOutCents: Cents;
  /** The activity account at the end of the period. */
  readonly balanceCents: Cents;
}

/** What a member's activity brought in and where it went, for a period (or all time). */
export function memberStatement(book: Book, memberId: number, from: IsoDate | undefined, to: IsoDate | undefined): MemberStatement {
  const member = findMember(book, memberId);
  const invoices = new InvoiceStore(book).list({ memberId, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) });
  const signed = (pick: (invoice: (typeof invoices)[number]) => Cents): Cents =>
    invoices.reduce((sum, invoice) => sum + (invoice.kind === 'invoice' ? pick(invoice) : -pick(invoice)), 0);
  const ledger = new LedgerStore(book);
  const movements = ledger.movementsByReason(activityAccount(memberId).code, from, to);
  const paidOutCents = movements.filter((row) => !row.reason.startsWith('invoice.')).reduce((sum, row) => sum + row.debitCents, 0);
  return {
    member,
    from: from ?? null,
    to: to ?? null,
    invoices: invoices.filter((invoice) => invoice.kind === 'invoice').length,
    creditNotes: invoices.filter((invoice) => invoice.kind === 'credit-note').length,
    invoicedCents: signed((invoice) => invoice.amountExclVatCents),
    levyCents: signed((invoice) => invoice.levyCents),
    fundCents: signed((invoice) => invoice.fundCents),
    budgetCents: signed((invoice) => invoice.budgetCents),
    paidOutCents,
    balanceCents: 0 - ledger.balanceUntil(activityAccount(memberId).code, to),
  };
}
