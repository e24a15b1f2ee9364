import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { conflict, invalidInput, notFound, usageError } from '../errors.js';
import { formatStructuredCommunication, validateStructuredCommunication } from '../identifiers/structured-communication.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import { BankStore, type StoredBankLine } from './bank-store.js';
import { type Settlement, settlePayment } from './settle-bank-line.js';

function unmatchedLine(bank: BankStore, id: number): StoredBankLine {
  const line = bank.line(id);
  if (line === undefined) throw notFound(`No bank line ${id}.`, 'See the queue with `smart bank unmatched`.');
  if (line.status !== 'unmatched') throw conflict(`Bank line ${id} is already ${line.status}${line.note === null ? '' : ` (${line.note})`}.`);
  return line;
}

/**
 * How a person names the invoice: its number (2026-000123), or the structured communication the
 * client was asked to pay with (+++202/6000/00192+++, ***...*** or the twelve digits), which is
 * checked before anything is read: a typing error in it is said as such, not as "no invoice".
 */
type InvoiceReference = { readonly number: string } | { readonly structured: string };

function invoiceReference(text: string): InvoiceReference {
  const trimmed = text.trim();
  if (/^(\+{3}|\*{3})/.test(trimmed) || /^[\d\s/]{12,}$/.test(trimmed)) {
    const checked = validateStructuredCommunication(trimmed);
    if (!checked.ok) {
      throw invalidInput(`"${trimmed}" is not a valid structured communication: ${checked.problem}.`, {
        hint: 'Give the invoice number (e.g. 2026-000123) or its structured communication as on the invoice.',
      });
    }
    return { structured: formatStructuredCommunication(checked.value) };
  }
  return { number: trimmed };
}

/** `smart bank match LINE INVOICE`: a person settles a payment the rules could not place. */
export function matchByHand(book: Book, context: WriteContext, lineId: number, invoiceText: string): Settlement & { invoice: string } {
  const reference = invoiceReference(invoiceText);
  const bank = new BankStore(book);
  const ledger = new LedgerStore(book);
  return book
    .transaction(() => {
      const line = unmatchedLine(bank, lineId);
      if (line.amountCents <= 0) throw invalidInput(`Bank line ${lineId} is money going out: only incoming payments settle invoices.`, { hint: 'Set it aside with `smart bank ignore LINE --reason ...`.' });
      const invoice = 'number' in reference ? bank.invoiceByNumber(reference.number) : bank.invoiceByStructured(reference.structured);
      if (invoice === undefined) {
        throw notFound('number' in reference ? `No invoice ${reference.number}.` : `No invoice has the structured communication ${reference.structured}.`, 'List invoices with `smart invoice list`.');
      }
      const settlement = settlePayment({ bank, ledger }, context, line, invoice, 'person');
      recordAudit(book, context, `bank line ${lineId} matched to invoice ${invoice.number} by hand`);
      return { ...settlement, invoice: invoice.number };
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
