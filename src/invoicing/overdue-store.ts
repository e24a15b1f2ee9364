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
    // The invoices a client still owes on are listed by the database (open_invoices, migration
    // 010): a few thousand, where reading every invoice past due took 2 s on a ten-year book.
    return this.book
      .prepare(
        `SELECT id, number, issueDate, dueDate, memberId, memberName, clientId, clientName, totalCents, vatCents, creditedCents, paidCents, paidOut,
                totalCents - creditedCents - paidCents AS openCents
         FROM (
           SELECT i.id, i.number, i.issue_date AS issueDate, i.due_date AS dueDate, i.member_id AS memberId, m.name AS memberName,
             i.client_id AS clientId, c.name AS clientName, i.total_cents AS totalCents, i.vat_cents AS vatCents,
             (SELECT coalesce(SUM(n.total_cents), 0) FROM invoices n WHERE n.credited_invoice_id = i.id) AS creditedCents,
             (SELECT coalesce(SUM(p.amount_cents), 0) FROM payments p WHERE p.invoice_id = i.id) AS paidCents,
             EXISTS (SELECT 1 FROM payout_items pi WHERE pi.invoice_id = i.id) AS paidOut
           FROM open_invoices o CROSS JOIN invoices i ON i.id = o.invoice_id
           JOIN members m ON m.id = i.member_id JOIN clients c ON c.id = i.client_id
           WHERE i.due_date < @dueBefore AND NOT EXISTS (SELECT 1 FROM write_offs w WHERE w.invoice_id = i.id))
         WHERE totalCents - creditedCents - paidCents > 0
         ORDER BY dueDate, number`,
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
