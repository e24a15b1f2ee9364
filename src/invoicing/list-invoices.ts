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

export function listInvoices(book: Book, filter: InvoiceFilter & { status?: InvoiceStatus }): InvoiceListing[] {
  const store = new InvoiceStore(book);
  const invoices = store.list(filter);
  const credited = new Map<number, Cents>();
  for (const invoice of invoices) {
    if (invoice.creditedInvoiceId !== null) credited.set(invoice.creditedInvoiceId, (credited.get(invoice.creditedInvoiceId) ?? 0) + invoice.amountExclVatCents);
  }
  // Credit notes outside the filtered period still count against the invoices listed.
  const listing = invoices.map((invoice) => {
    const creditedCents = invoice.kind === 'invoice' ? store.creditNotesOf(invoice.id).reduce((sum, note) => sum + note.amountExclVatCents, 0) : 0;
    return { ...invoice, creditedCents, status: statusOf(invoice, creditedCents) };
  });
  return filter.status === undefined ? listing : listing.filter((invoice) => invoice.status === filter.status);
}
