import type { Book } from '../book/open-book.js';
import type { Client } from '../clients/client.js';
import { findClient } from '../clients/manage-clients.js';
import type { Contract } from '../contracts/contract.js';
import { findContract } from '../contracts/manage-contracts.js';
import { type Coop, findCoop } from '../coop/coop-store.js';
import { notFound } from '../errors.js';
import type { Member } from '../members/member.js';
import { findMember } from '../members/show-member.js';
import type { Invoice, InvoiceLine } from './invoice.js';
import { InvoiceStore } from './invoice-store.js';
import { VAT_MENTIONS, type VatTotals, computeVat } from './vat.js';

/**
 * Everything a rendered invoice shows (PDF, Peppol UBL), read once from the book: the renderers
 * are pure functions of this record.
 */
export interface InvoiceDocument {
  readonly invoice: Invoice;
  readonly lines: readonly InvoiceLine[];
  readonly totals: VatTotals;
  readonly coop: Coop;
  readonly client: Client;
  readonly member: Member;
  readonly contract: Contract;
  /** For a credit note: the invoice it corrects. */
  readonly credited: Invoice | undefined;
  /** The legal mention for VAT not charged (reverse charge, export, exemption), if any. */
  readonly vatMention: { readonly text: string; readonly code: string } | undefined;
}

/**
 * The VAT the book holds is what a document shows. The last credit note after partial ones
 * carries the VAT that was left, which can differ by a cent from the VAT of its amount alone.
 */
function bookedTotals(invoice: Invoice, computed: VatTotals): VatTotals {
  if (computed.vatCents === invoice.vatCents || computed.subtotals.length !== 1) return computed;
  const [subtotal] = computed.subtotals;
  if (subtotal === undefined) return computed;
  return {
    subtotals: [{ ...subtotal, vatCents: invoice.vatCents }],
    amountExclVatCents: computed.amountExclVatCents,
    vatCents: invoice.vatCents,
    totalCents: computed.amountExclVatCents + invoice.vatCents,
  };
}

export function loadInvoiceDocument(book: Book, number: string): InvoiceDocument {
  const store = new InvoiceStore(book);
  const invoice = store.findByNumber(number);
  if (invoice === undefined) throw notFound(`No invoice ${number}.`, 'List invoices with `smart invoice list`.');
  const lines = store.linesOf(invoice.id);
  const coop = findCoop(book);
  if (coop === undefined) throw new Error('the book has no co-op identity');
  const category = lines[0]?.vatCategory ?? 'S';
  return {
    invoice,
    lines,
    totals: bookedTotals(invoice, computeVat(lines)),
    coop,
    client: findClient(book, invoice.clientId),
    member: findMember(book, invoice.memberId),
    contract: findContract(book, invoice.contractId),
    credited: invoice.creditedInvoiceId === null ? undefined : store.findById(invoice.creditedInvoiceId),
    vatMention: category === 'S' || category === 'Z' ? undefined : VAT_MENTIONS[category],
  };
}
