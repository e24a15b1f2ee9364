import type { Book } from '../book/open-book.js';
import type { Cents } from '../money/index.js';

/** An invoice with money still due: its total less credit notes, payments and any write-off. */
export interface OpenInvoiceRow {
  readonly id: number;
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly memberId: number;
  readonly memberName: string;
  readonly clientId: number;
  readonly clientName: string;
  readonly totalCents: Cents;
  readonly vatCents: Cents;
  readonly creditedCents: Cents;
  readonly paidCents: Cents;
  readonly openCents: Cents;
  readonly paidOut: number;
}

const OPEN = `SELECT * FROM (
  SELECT i.id, i.number, i.issue_date AS issueDate, i.due_date AS dueDate, i.member_id AS memberId, m.name AS memberName,
    i.client_id AS clientId, c.name AS clientName, i.total_cents AS totalCents, i.vat_cents AS vatCents,
    (SELECT coalesce(SUM(n.total_cents), 0) FROM invoices n WHERE n.credited_invoice_id = i.id) AS creditedCents,
    (SELECT coalesce(SUM(p.amount_cents), 0) FROM payments p WHERE p.invoice_id = i.id) AS paidCents,
    EXISTS (SELECT 1 FROM payout_items pi WHERE pi.invoice_id = i.id) AS paidOut,
    EXISTS (SELECT 1 FROM write_offs w WHERE w.invoice_id = i.id) AS writtenOff
  FROM invoices i JOIN members m ON m.id = i.member_id JOIN clients c ON c.id = i.client_id
  WHERE i.kind = 'invoice')`;

export class OverdueStore {
  constructor(readonly book: Book) {}

  /** Invoices due before the date with money still open, oldest due first. */
  overdue(dueBefore: string): OpenInvoiceRow[] {
    // The invoices past due that the client has not paid in full are found first (payments
    // summed from the covering payments_by_invoice), then those not credited or written off,
    // and only those few are joined to their member and client: every invoice past due was
    // read with all of that before, 6 s on a ten-year book. Credit notes only lower what is
    // open, so an invoice paid in full is never open.
    return this.book
      .prepare(
        `WITH unpaid AS MATERIALIZED (
           SELECT id, totalCents, paidCents FROM (
             SELECT i.id, i.total_cents AS totalCents, (SELECT coalesce(SUM(p.amount_cents), 0) FROM payments p WHERE p.invoice_id = i.id) AS paidCents
             FROM invoices i WHERE i.kind = 'invoice' AND i.due_date < @dueBefore)
           WHERE totalCents > paidCents),
         open AS MATERIALIZED (
           SELECT id, creditedCents, paidCents FROM (
             SELECT u.id, u.totalCents, u.paidCents,
               (SELECT coalesce(SUM(n.total_cents), 0) FROM invoices n WHERE n.credited_invoice_id = u.id) AS creditedCents
             FROM unpaid u WHERE NOT EXISTS (SELECT 1 FROM write_offs w WHERE w.invoice_id = u.id))
           WHERE totalCents - creditedCents - paidCents > 0)
         SELECT i.id, i.number, i.issue_date AS issueDate, i.due_date AS dueDate, i.member_id AS memberId, m.name AS memberName,
           i.client_id AS clientId, c.name AS clientName, i.total_cents AS totalCents, i.vat_cents AS vatCents,
           o.creditedCents, o.paidCents, EXISTS (SELECT 1 FROM payout_items pi WHERE pi.invoice_id = i.id) AS paidOut,
           i.total_cents - o.creditedCents - o.paidCents AS openCents
         FROM open o CROSS JOIN invoices i ON i.id = o.id JOIN members m ON m.id = i.member_id JOIN clients c ON c.id = i.client_id
         ORDER BY i.due_date, i.number`,
      )
      .all({ dueBefore }) as OpenInvoiceRow[];
  }

  openInvoice(number: string): (OpenInvoiceRow & { writtenOff: number }) | undefined {
    return this.book.prepare(`SELECT *, totalCents - creditedCents - paidCents AS openCents FROM (${OPEN}) WHERE number = ?`).get(number) as never;
  }

  insertWriteOff(row: { invoiceId: number; date: string; openCents: Cents; vatCents: Cents; reason: string; entryId: number }): void {
    this.book
      .prepare('INSERT INTO write_offs (invoice_id, date, open_cents, vat_cents, reason, entry_id) VALUES (@invoiceId, @date, @openCents, @vatCents, @reason, @entryId)')
      .run(row);
  }

  writtenOffCents(invoiceId: number): Cents {
    return (this.book.prepare('SELECT coalesce(SUM(open_cents), 0) AS cents FROM write_offs WHERE invoice_id = ?').get(invoiceId) as { cents: number }).cents;
  }
}
