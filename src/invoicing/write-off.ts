import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { type IsoDate, addDays } from '../calendar/dates.js';
import { conflict, notFound } from '../errors.js';
import { GUARANTEE_FUND, VAT_PAYABLE, receivableAccount } from '../ledger/chart.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import { postEntry } from '../ledger/post-entry.js';
import { type Cents, allocate } from '../money/index.js';
import type { RuleSet } from '../rules/rule-set.js';
import { nonZero } from './issue-invoice.js';
import { type OpenInvoiceRow, OverdueStore } from './overdue-store.js';

export interface WriteOff {
  readonly number: string;
  readonly openCents: Cents;
  readonly vatCents: Cents;
  readonly fundCents: Cents;
}

/**
 * Moves what a client will never pay on a guaranteed invoice to the guarantee fund. The open
 * amount is split between VAT and the rest in the invoice's own proportion (allocate: no cent
 * lost); the VAT is regularised (owed to the state no more) and the fund absorbs the rest. The
 * member keeps the salary already paid. Runs inside the caller's transaction.
 */
export function recordWriteOff(book: Book, context: WriteContext, invoice: OpenInvoiceRow, date: IsoDate, reason: string): WriteOff {
  const store = new OverdueStore(book);
  const [vatCents = 0, fundCents = 0] = invoice.vatCents === 0 ? [0, invoice.openCents] : allocate(invoice.openCents, [invoice.vatCents, invoice.totalCents - invoice.vatCents]);
  const { entryId } = postEntry(new LedgerStore(book), context, {
    key: `write-off:${invoice.number}`,
    date,
    reason: 'invoice.write-off',
    memo: `Invoice ${invoice.number} written off: ${reason}`,
    memberId: invoice.memberId,
    postings: nonZero([
      { account: VAT_PAYABLE, amountCents: vatCents },
      { account: GUARANTEE_FUND, amountCents: fundCents },
      { account: receivableAccount(invoice.clientId), amountCents: -invoice.openCents },
    ]),
  });
  store.insertWriteOff({ invoiceId: invoice.id, date, openCents: invoice.openCents, vatCents, reason, entryId });
  return { number: invoice.number, openCents: invoice.openCents, vatCents, fundCents };
}

/** `smart invoice write-off NUMBER`: by hand, for an invoice whose salary was advanced. */
export function writeOffInvoice(book: Book, context: WriteContext, number: string, reason: string, date?: IsoDate): WriteOff & { created: boolean } {
  const store = new OverdueStore(book);
  return book
    .transaction(() => {
      const invoice = store.openInvoice(number);
      if (invoice === undefined) throw notFound(`No invoice ${number}.`, 'List overdue invoices with `smart invoice overdue`.');
      if (invoice.writtenOff === 1) return { number, openCents: store.writtenOffCents(invoice.id), vatCents: 0, fundCents: 0, created: false };
      if (invoice.openCents <= 0) throw conflict(`Invoice ${number} has nothing left to pay.`);
      if (invoice.paidOut === 0) throw conflict(`Invoice ${number} was never paid out: nothing was advanced, so the fund has nothing to absorb.`, `Correct it with \`smart invoice credit ${number} --reason ...\` instead.`);
      const outcome = recordWriteOff(book, context, invoice, date ?? context.today, reason);
      recordAudit(book, context, `invoice ${number} written off`);
      return { ...outcome, created: true };
    })
    .immediate();
}

/** Invoices whose salary was advanced and that are past due by the rules' write-off delay on the date. */
export function dueForWriteOff(book: Book, rules: RuleSet, date: IsoDate): OpenInvoiceRow[] {
  const delay = rules.daysAt('write-off.after-days', date);
  return new OverdueStore(book).overdue(addDays(date, -delay)).filter((invoice) => invoice.paidOut === 1);
}
