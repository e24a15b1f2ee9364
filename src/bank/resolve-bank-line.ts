import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { conflict, invalidInput, notFound, usageError } from '../errors.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import { BankStore, type StoredBankLine } from './bank-store.js';
import { type Settlement, settlePayment } from './settle-bank-line.js';

function unmatchedLine(bank: BankStore, id: number): StoredBankLine {
  const line = bank.line(id);
  if (line === undefined) throw notFound(`No bank line ${id}.`, 'See the queue with `smart bank unmatched`.');
  if (line.status !== 'unmatched') throw conflict(`Bank line ${id} is already ${line.status}${line.note === null ? '' : ` (${line.note})`}.`);
  return line;
}

/** `smart bank match LINE INVOICE`: a person settles a payment the rules could not place. */
export function matchByHand(book: Book, context: WriteContext, lineId: number, invoiceNumber: string): Settlement & { invoice: string } {
  const bank = new BankStore(book);
  const ledger = new LedgerStore(book);
  return book
    .transaction(() => {
      const line = unmatchedLine(bank, lineId);
      if (line.amountCents <= 0) throw invalidInput(`Bank line ${lineId} is money going out: only incoming payments settle invoices.`, { hint: 'Set it aside with `smart bank ignore LINE --reason ...`.' });
      const invoice = bank.invoiceByNumber(invoiceNumber);
      if (invoice === undefined) throw notFound(`No invoice ${invoiceNumber}.`, 'List invoices with `smart invoice list`.');
      const settlement = settlePayment({ bank, ledger }, context, line, invoice, 'person');
      recordAudit(book, context, `bank line ${lineId} matched to invoice ${invoiceNumber} by hand`);
      return { ...settlement, invoice: invoiceNumber };
    })
    .immediate();
}

/** `smart bank ignore LINE --reason`: a line that is no client payment (bank fees, a transfer between accounts). */
export function ignoreLine(book: Book, context: WriteContext, lineId: number, reason: string | undefined): StoredBankLine {
  if (reason === undefined || reason.trim() === '') throw usageError('Say why the line is set aside.', 'Pass --reason "..." (e.g. "bank fees", "transfer between our accounts").');
  const bank = new BankStore(book);
  return book
    .transaction(() => {
      unmatchedLine(bank, lineId);
      bank.setStatus(lineId, 'ignored', reason.trim(), null);
      recordAudit(book, context, `bank line ${lineId} ignored`);
      const line = bank.line(lineId);
      if (line === undefined) throw new Error(`bank line ${lineId} vanished`);
      return line;
    })
    .immediate();
}

export function unmatchedLines(book: Book, limit: number): StoredBankLine[] {
  return new BankStore(book).unmatched(limit);
}
