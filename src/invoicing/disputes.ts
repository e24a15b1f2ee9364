import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { invalidInput, notFound, usageError } from '../errors.js';
import { InvoiceStore } from './invoice-store.js';

/**
 * A client contests an invoice: while the dispute is open the payout run does not advance its
 * salary (DOMAIN.md, the guarantee). Opening or resolving twice changes nothing.
 */
export function setDispute(book: Book, context: WriteContext, number: string, open: boolean, text: string | undefined): { changed: boolean } {
  if (text === undefined || text.trim() === '') throw usageError(open ? 'Say what the client disputes.' : 'Say how the dispute was settled.', 'Pass --reason "...".');
  const store = new InvoiceStore(book);
  return book
    .transaction(() => {
      const invoice = store.findByNumber(number);
      if (invoice === undefined) throw notFound(`No invoice ${number}.`);
      if (invoice.kind !== 'invoice') throw invalidInput(`${number} is a credit note: only invoices are disputed.`);
      const dispute = store.openDispute(invoice.id);
      if (open === (dispute !== undefined)) return { changed: false };
      if (open) store.insertDispute(invoice.id, text.trim(), context.now);
      else if (dispute !== undefined) store.resolveDispute(dispute.id, text.trim(), context.now);
      recordAudit(book, context, `invoice ${number} ${open ? 'disputed' : 'dispute resolved'}`);
      return { changed: true };
    })
    .immediate();
}
