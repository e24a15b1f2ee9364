import { findStructuredCommunications, formatStructuredCommunication, validateStructuredCommunication } from '../identifiers/structured-communication.js';
import type { BankLine } from './bank-line.js';
import type { OpenInvoice } from './bank-store.js';

export type MatchRule = 'structured-communication' | 'invoice-number' | 'amount-and-iban';

export interface InvoiceLookups {
  byStructured(formatted: string): OpenInvoice | undefined;
  byNumber(number: string): OpenInvoice | undefined;
  byClientIban(iban: string): OpenInvoice[];
}

export function openCents(invoice: OpenInvoice): number {
  return invoice.totalCents - invoice.creditedCents - invoice.paidCents;
}

const INVOICE_NUMBER = /(?<!\d)(\d{4})[-/ ]?(\d{6})(?!\d)/g;

/**
 * Every form of structured communication in free text and every invoice number has a run of at
 * least three digits: text without one holds neither, and is not searched for them.
 */
const DIGIT_RUN = /\d{3}/;

/**
 * Finds the invoice an incoming payment is for, in the order of DOMAIN.md: a valid structured
 * communication (its own field, or in the free text as +++...+++, ***...*** or 12 bare digits:
 * an invalid check digit never matches); an invoice number in the free text; a single open
 * invoice of exactly that amount from a client whose IBAN is the payer's.
 */
export function matchIncoming(line: BankLine, lookups: InvoiceLookups): { invoice: OpenInvoice; rule: MatchRule } | undefined {
  const text = line.communication ?? '';
  const searchText = DIGIT_RUN.test(text);
  if (line.structuredReference !== null || searchText) {
    const candidates = new Set<string>();
    if (line.structuredReference !== null) {
      const own = validateStructuredCommunication(line.structuredReference);
      if (own.ok) candidates.add(own.value);
    }
    if (searchText) for (const digits of findStructuredCommunications(text)) candidates.add(digits);
    for (const digits of candidates) {
      const invoice = lookups.byStructured(formatStructuredCommunication(digits));
      if (invoice !== undefined) return { invoice, rule: 'structured-communication' };
    }
  }
  if (searchText) {
    for (const match of text.matchAll(INVOICE_NUMBER)) {
      const invoice = lookups.byNumber(`${match[1] ?? ''}-${match[2] ?? ''}`);
      if (invoice !== undefined) return { invoice, rule: 'invoice-number' };
    }
  }
  if (line.counterpartyIban !== null) {
    const same = lookups.byClientIban(line.counterpartyIban).filter((invoice) => openCents(invoice) === line.amountCents);
    if (same.length === 1 && same[0] !== undefined) return { invoice: same[0], rule: 'amount-and-iban' };
  }
  return undefined;
}
