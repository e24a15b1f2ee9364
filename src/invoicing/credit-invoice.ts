import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import type { IsoDate } from '../calendar/dates.js';
import { conflict, invalidInput, notFound, usageError } from '../errors.js';
import { GUARANTEE_FUND, LEVY_INCOME, VAT_PAYABLE, activityAccount, receivableAccount } from '../ledger/chart.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import { postEntry } from '../ledger/post-entry.js';
import { type Cents, Dec, applyRate, formatCents } from '../money/index.js';
import type { Invoice, InvoiceLine } from './invoice.js';
import { invoiceNumber, structuredCommunicationOf } from './invoice-number.js';
import { InvoiceStore } from './invoice-store.js';
import { nextNumber, nonZero } from './issue-invoice.js';

export interface CreditRequest {
  readonly number: string;
  readonly reason: string;
  /** Amount excl. VAT to credit; the whole remaining amount when absent. */
  readonly amountCents?: Cents;
  readonly date?: IsoDate;
}

export interface CreditOutcome {
  readonly creditNote: Invoice;
  readonly original: Invoice;
  readonly created: boolean;
  /** Budget the member no longer had on their activity account, taken from the guarantee fund. */
  readonly fromFundCents: Cents;
}

interface Remaining {
  amountExclVatCents: Cents;
  vatCents: Cents;
  levyCents: Cents;
  fundCents: Cents;
}

function remainingOf(original: Invoice, credits: readonly Invoice[]): Remaining {
  const minus = (pick: (invoice: Invoice) => Cents): Cents => pick(original) - credits.reduce((sum, credit) => sum + pick(credit), 0);
  return {
    amountExclVatCents: minus((invoice) => invoice.amountExclVatCents),
    vatCents: minus((invoice) => invoice.vatCents),
    levyCents: minus((invoice) => invoice.levyCents),
    fundCents: minus((invoice) => invoice.fundCents),
  };
}

/**
 * A credit note (same series) that reverses an invoice, in full or for part of its amount, with
 * its postings reversed at the invoice's own rates. A full credit reverses exactly what is left,
 * so partial credits followed by a full one never leave a cent behind. The budget comes back
 * from the member's activity account; what was already paid out is absorbed by the guarantee
 * fund (the member keeps the salary paid). The same credit (amount and reason) twice is one.
 */
export function creditInvoice(book: Book, context: WriteContext, request: CreditRequest): CreditOutcome {
  if (request.reason.trim() === '') throw usageError('Say why the invoice is credited.', 'Pass --reason "...".');
  const store = new InvoiceStore(book);
  const ledger = new LedgerStore(book);
  return book
    .transaction((): CreditOutcome => {
      const original = store.findByNumber(request.number);
      if (original === undefined) throw notFound(`No invoice ${request.number}.`, 'List invoices with `smart invoice list`.');
      if (original.kind !== 'invoice') throw invalidInput(`${request.number} is a credit note; credit the invoice it corrects.`);
      const credits = store.creditNotesOf(original.id);
      const left = remainingOf(original, credits);
      const reason = request.reason.trim();
      const repeat = credits.find((credit) => credit.reason === reason && (request.amountCents === undefined || credit.amountExclVatCents === request.amountCents));
      if (repeat !== undefined) return { creditNote: repeat, original, created: false, fromFundCents: 0 };
      if (left.amountExclVatCents === 0) throw conflict(`Invoice ${original.number} is already fully credited.`);
      const amount = request.amountCents ?? left.amountExclVatCents;
      if (amount <= 0 || amount > left.amountExclVatCents) {
        throw invalidInput(`The amount to credit must be more than 0.00 and at most ${formatCents(left.amountExclVatCents)} (what is left of invoice ${original.number}).`);
      }
      const full = amount === left.amountExclVatCents;
      const [line] = store.linesOf(original.id);
      const vatRate = new Dec(line?.vatRate ?? '0');
      const vatCents = full ? left.vatCents : Math.min(applyRate(amount, vatRate), left.vatCents);
      const levyCents = full ? left.levyCents : Math.min(applyRate(amount, new Dec(original.levyRate)), left.levyCents);
      const fundCents = full ? left.fundCents : Math.min(applyRate(amount, new Dec(original.fundRate)), left.fundCents);
      const budgetCents = amount - levyCents - fundCents;
      const date = request.date ?? context.today;
      if (date < original.issueDate) throw invalidInput(`A credit note cannot be dated before the invoice it corrects (${original.issueDate}).`);
      const { year, sequence } = nextNumber(store, date);
      const number = invoiceNumber(year, sequence);
      // Once paid out, the budget is the member's salary: the fund absorbs it. Before, it is
      // still on the activity account (never taking more than the account holds).
      const onActivity = store.isPaidOut(original.id) ? 0 : Math.max(0, ledger.creditBalance(activityAccount(original.memberId).code));
      const fromActivityCents = Math.min(budgetCents, onActivity);
      const fromFundCents = budgetCents - fromActivityCents;
      const { entryId } = postEntry(ledger, context, {
        key: `invoice:${number}`,
        date,
        reason: 'invoice.credit',
        memo: `Credit note ${number} for invoice ${original.number}: ${reason}`,
        memberId: original.memberId,
        postings: nonZero([
          { account: receivableAccount(original.clientId), amountCents: -(amount + vatCents) },
          { account: VAT_PAYABLE, amountCents: vatCents },
          { account: LEVY_INCOME, amountCents: levyCents },
          { account: GUARANTEE_FUND, amountCents: fundCents + fromFundCents },
          { account: activityAccount(original.memberId), amountCents: fromActivityCents },
        ]),
      });
      const lines: InvoiceLine[] = [
        { lineNumber: 1, description: `Credit for invoice ${original.number}: ${reason}`, quantity: 1, netCents: amount, vatRate: line?.vatRate ?? '0', vatCategory: line?.vatCategory ?? 'Z' },
      ];
      const { id: _originalId, ...copied } = original;
      const id = store.insert(
        {
          ...copied,
          number,
          year,
          sequence,
          kind: 'credit-note',
          creditedInvoiceId: original.id,
          issueDate: date,
          dueDate: date,
          amountExclVatCents: amount,
          vatCents,
          totalCents: amount + vatCents,
          levyCents,
          fundCents,
          budgetCents,
          structuredCommunication: structuredCommunicationOf(year, sequence),
          reason,
          entryId,
          createdAt: context.now,
        },
        lines,
      );
      recordAudit(book, context, `credit note ${number} for invoice ${original.number}`);
      const creditNote = store.findById(id);
      if (creditNote === undefined) throw new Error(`credit note ${number} vanished after insert`);
      return { creditNote, original, created: true, fromFundCents };
    })
    .immediate();
}
