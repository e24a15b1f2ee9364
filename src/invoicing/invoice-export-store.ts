import type { Book } from '../book/open-book.js';
import type { IsoDate } from '../calendar/dates.js';
import type { Cents } from '../money/index.js';
import type { InvoiceKind } from './invoice.js';

/** One invoice or credit note as `smart export invoices` reads it: the document, its parties and what became of it. */
export interface InvoiceExportRow {
  readonly number: string;
  readonly kind: InvoiceKind;
  /** For a credit note: the invoice it corrects. */
  readonly creditedNumber: string | null;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly clientId: number;
  readonly clientName: string;
  readonly clientVat: string | null;
  readonly memberId: number;
  readonly memberName: string;
  readonly contractId: number;
  /** As the document shows them: positive for both kinds. */
  readonly amountExclVatCents: Cents;
  readonly vatCents: Cents;
  readonly totalCents: Cents;
  readonly levyCents: Cents;
  readonly fundCents: Cents;
  readonly budgetCents: Cents;
  /** For an invoice: what its credit notes (whenever issued) took off, excl. VAT and incl. VAT. */
  readonly creditedExclVatCents: Cents;
  readonly creditedTotalCents: Cents;
  /** For an invoice: the payments matched to it (overpayments are the client's credit, not here). */
  readonly paidCents: Cents;
  /** For an invoice: what the guarantee fund took over when it was written off. */
  readonly writtenOffCents: Cents;
  readonly writtenOff: number;
  readonly disputed: number;
}

/**
 * A cursor over the invoices and credit notes issued in the period (all when `from`/`to` are
 * null), in series order (year, then number). Per row: the client, the member and the credited
 * invoice by primary key; credit notes through invoices_by_credited, payments through
 * payments_by_invoice, the write-off by its primary key and an open dispute through
 * invoice_disputes_open: index steps only, so a year of 150,000 invoices streams.
 */
export function iterateInvoicesForExport(book: Book, period: { from: IsoDate; to: IsoDate } | undefined): IterableIterator<InvoiceExportRow> {
  const where = period === undefined ? '' : 'WHERE i.year BETWEEN @fromYear AND @toYear AND i.issue_date BETWEEN @from AND @to';
  const parameters = period === undefined ? {} : { from: period.from, to: period.to, fromYear: Number(period.from.slice(0, 4)), toYear: Number(period.to.slice(0, 4)) };
  return book
    .prepare(
      `SELECT i.number, i.kind, ci.number AS creditedNumber, i.issue_date AS issueDate, i.due_date AS dueDate,
              i.client_id AS clientId, c.name AS clientName, c.vat_number AS clientVat,
              i.member_id AS memberId, m.name AS memberName, i.contract_id AS contractId,
              i.amount_excl_vat_cents AS amountExclVatCents, i.vat_cents AS vatCents, i.total_cents AS totalCents,
              i.levy_cents AS levyCents, i.fund_cents AS fundCents, i.budget_cents AS budgetCents,
              coalesce((SELECT sum(n.amount_excl_vat_cents) FROM invoices n WHERE n.credited_invoice_id = i.id), 0) AS creditedExclVatCents,
              coalesce((SELECT sum(n.total_cents) FROM invoices n WHERE n.credited_invoice_id = i.id), 0) AS creditedTotalCents,
              coalesce((SELECT sum(p.amount_cents) FROM payments p WHERE p.invoice_id = i.id), 0) AS paidCents,
              coalesce((SELECT w.open_cents FROM write_offs w WHERE w.invoice_id = i.id), 0) AS writtenOffCents,
              EXISTS (SELECT 1 FROM write_offs w WHERE w.invoice_id = i.id) AS writtenOff,
              EXISTS (SELECT 1 FROM invoice_disputes d WHERE d.invoice_id = i.id AND d.resolved_at IS NULL) AS disputed
       FROM invoices i
       JOIN clients c ON c.id = i.client_id
       JOIN members m ON m.id = i.member_id
       LEFT JOIN invoices ci ON ci.id = i.credited_invoice_id
       ${where}
       ORDER BY i.year, i.sequence`,
    )
    .iterate(parameters) as IterableIterator<InvoiceExportRow>;
}
