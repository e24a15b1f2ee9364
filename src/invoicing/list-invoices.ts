import type { Book } from '../book/open-book.js';
import type { Cents } from '../money/index.js';
import type { Invoice } from './invoice.js';
import { type InvoiceFilter, InvoiceStore } from './invoice-store.js';

/** issued: standing in full; partly-credited / credited: corrected by credit notes; credit-note: the correction itself. */
export type InvoiceStatus = 'issued' | 'partly-credited' | 'credited' | 'credit-note';
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['issued', 'partly-credited', 'credited', 'credit-note'];

export interface InvoiceListing extends Invoice {
  readonly status: InvoiceStatus;
  readonly creditedCents: Cents;
}

export function statusOf(invoice: Pick<Invoice, 'kind' | 'amountExclVatCents'>, creditedCents: Cents): InvoiceStatus {
  if (invoice.kind === 'credit-note') return 'credit-note';
  if (creditedCents === 0) return 'issued';
  return creditedCents >= invoice.amountExclVatCents ? 'credited' : 'partly-credited';
}

/**
 * The invoices and credit notes of the filter, in number order: all of them, or the latest
 * `limit` (newest first in the book, handed back oldest first). Credit notes outside the filter
 * still count against the invoices listed. Reads a cursor newest first and stops at the limit.
 */
export function listInvoices(book: Book, filter: Omit<InvoiceFilter, 'limit'> & { status?: InvoiceStatus; limit?: number }): InvoiceListing[] {
  const { status, limit, ...wanted } = filter;
  const listing: InvoiceListing[] = [];
  if (limit !== undefined && limit <= 0) return listing;
  for (const invoice of new InvoiceStore(book).iterateNewestFirst(wanted)) {
    const row = { ...invoice, status: statusOf(invoice, invoice.creditedCents) };
    if (status !== undefined && row.status !== status) continue;
    listing.push(row);
    if (limit !== undefined && listing.length >= limit) break;
  }
  return listing.reverse();
}
