import type { IsoDate } from '../calendar/dates.js';
import type { Cents } from '../money/index.js';
import type { VatCategory, VatRegime } from './vat.js';

export type InvoiceKind = 'invoice' | 'credit-note';

export interface InvoiceLine {
  readonly lineNumber: number;
  readonly description: string;
  /** Days worked (the unit of a contract's line). */
  readonly quantity: number;
  readonly netCents: Cents;
  readonly vatRate: string;
  readonly vatCategory: VatCategory;
}

/** An issued invoice or credit note. Amounts are positive for both kinds; the kind says the direction. */
export interface Invoice {
  readonly id: number;
  readonly number: string;
  readonly year: number;
  readonly sequence: number;
  readonly kind: InvoiceKind;
  readonly contractId: number;
  readonly memberId: number;
  readonly clientId: number;
  readonly creditedInvoiceId: number | null;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly supplyStart: IsoDate;
  readonly supplyEnd: IsoDate;
  readonly vatRegime: VatRegime;
  readonly amountExclVatCents: Cents;
  readonly vatCents: Cents;
  readonly totalCents: Cents;
  readonly levyRate: string;
  readonly fundRate: string;
  readonly levyCents: Cents;
  readonly fundCents: Cents;
  readonly budgetCents: Cents;
  readonly structuredCommunication: string;
  readonly reason: string | null;
  readonly entryId: number;
  readonly createdAt: string;
}

export type NewInvoice = Omit<Invoice, 'id'>;
