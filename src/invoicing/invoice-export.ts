import type { Book } from '../book/open-book.js';
import type { Period } from '../calendar/periods.js';
import type { ExportCell, ExportColumn, TableExport } from '../exports/table-export.js';
import type { Cents } from '../money/index.js';
import { type InvoiceExportRow, iterateInvoicesForExport } from './invoice-export-store.js';
import { statusOf } from './list-invoices.js';

/** The columns of `smart export invoices` (documented in docs/exports.md). */
export const INVOICE_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'number', kind: 'text' },
  { name: 'kind', kind: 'text' },
  { name: 'credited_invoice', kind: 'text' },
  { name: 'issue_date', kind: 'date' },
  { name: 'due_date', kind: 'date' },
  { name: 'client', kind: 'integer' },
  { name: 'client_name', kind: 'text' },
  { name: 'client_vat', kind: 'text' },
  { name: 'member', kind: 'integer' },
  { name: 'member_name', kind: 'text' },
  { name: 'contract', kind: 'integer' },
  { name: 'amount_excl_vat', kind: 'money', total: true },
  { name: 'vat', kind: 'money', total: true },
  { name: 'total', kind: 'money', total: true },
  { name: 'levy', kind: 'money', total: true },
  { name: 'fund', kind: 'money', total: true },
  { name: 'budget', kind: 'money', total: true },
  { name: 'paid', kind: 'money', total: true },
  { name: 'open_balance', kind: 'money', total: true },
  { name: 'status', kind: 'text' },
];

/**
 * What became of an invoice, from what the book knows, in this order: `credited` (credit notes
 * took off all of it: `smart invoice list`'s definition), `written-off` (the guarantee fund took
 * the rest over), `paid` (nothing left to pay: `smart invoice overdue`'s open amount, total less
 * credit notes and payments, is 0 or less), `disputed` (an open dispute: the run holds its
 * salary), else `open`. A credit note is `credit-note`.
 */
export type InvoiceExportStatus = 'open' | 'paid' | 'credited' | 'written-off' | 'disputed' | 'credit-note';

/** What the client still owes on an invoice: its total less credit notes, payments and any write-off. */
export function openBalanceOf(row: InvoiceExportRow): Cents {
  return row.totalCents - row.creditedTotalCents - row.paidCents - row.writtenOffCents;
}

export function exportStatusOf(row: InvoiceExportRow): InvoiceExportStatus {
  if (row.kind === 'credit-note') return 'credit-note';
  if (statusOf(row, row.creditedExclVatCents) === 'credited') return 'credited';
  if (row.writtenOff === 1) return 'written-off';
  if (openBalanceOf(row) <= 0) return 'paid';
  if (row.disputed === 1) return 'disputed';
  return 'open';
}

/**
 * The register of invoices and credit notes issued in the period (every one without a period),
 * in series order. A credit note is printed with positive amounts (Belgian practice: a document
 * of its own that reduces what was invoiced); in this register its amounts are negative, so that
 * each column's total is the period's net figure, as the ledger has it. `paid` and `open_balance`
 * concern invoices: they are empty on a credit note, whose effect is in its invoice's open balance.
 */
export function invoiceExport(book: Book, period: Period | undefined): TableExport {
  return {
    columns: INVOICE_EXPORT_COLUMNS,
    rows: (function* rows(): Generator<readonly ExportCell[]> {
      for (const row of iterateInvoicesForExport(book, period)) {
        const invoice = row.kind === 'invoice';
        // 0 - x, not -x: a credit note without VAT has 0 VAT, never -0.
        const signed = (cents: Cents): Cents => (invoice ? cents : 0 - cents);
        yield [
          row.number,
          row.kind,
          row.creditedNumber,
          row.issueDate,
          row.dueDate,
          row.clientId,
          row.clientName,
          row.clientVat,
          row.memberId,
          row.memberName,
          row.contractId,
          signed(row.amountExclVatCents),
          signed(row.vatCents),
          signed(row.totalCents),
          signed(row.levyCents),
          signed(row.fundCents),
          signed(row.budgetCents),
          invoice ? row.paidCents : null,
          invoice ? openBalanceOf(row) : null,
          exportStatusOf(row),
        ];
      }
    })(),
  };
}
