import type { Statement } from 'better-sqlite3';
import type { Book } from '../book/open-book.js';
import type { Cents } from '../money/index.js';
import type { Invoice, InvoiceKind, InvoiceLine, NewInvoice } from './invoice.js';

const COLUMNS = `id, number, year, sequence, kind, contract_id AS contractId, member_id AS memberId, client_id AS clientId,
  credited_invoice_id AS creditedInvoiceId, issue_date AS issueDate, due_date AS dueDate, supply_start AS supplyStart,
  supply_end AS supplyEnd, vat_regime AS vatRegime, amount_excl_vat_cents AS amountExclVatCents, vat_cents AS vatCents,
  total_cents AS totalCents, levy_rate AS levyRate, fund_rate AS fundRate, levy_cents AS levyCents, fund_cents AS fundCents,
  budget_cents AS budgetCents, structured_communication AS structuredCommunication, reason, entry_id AS entryId, created_at AS createdAt`;

export interface InvoiceFilter {
  readonly memberId?: number;
  readonly clientId?: number;
  readonly kind?: InvoiceKind;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
}

export interface CreditedTotals {
  readonly amountExclVatCents: Cents;
  readonly vatCents: Cents;
  readonly levyCents: Cents;
  readonly fundCents: Cents;
  readonly budgetCents: Cents;
}

export class InvoiceStore {
  private readonly insertStatement: Statement;
  private readonly insertLineStatement: Statement;

  constructor(readonly book: Book) {
    this.insertStatement = book.prepare(
      `INSERT INTO invoices (number, year, sequence, kind, contract_id, member_id, client_id, credited_invoice_id, issue_date, due_date,
         supply_start, supply_end, vat_regime, amount_excl_vat_cents, vat_cents, total_cents, levy_rate, fund_rate, levy_cents,
         fund_cents, budget_cents, structured_communication, reason, entry_id, created_at)
       VALUES (@number, @year, @sequence, @kind, @contractId, @memberId, @clientId, @creditedInvoiceId, @issueDate, @dueDate,
         @supplyStart, @supplyEnd, @vatRegime, @amountExclVatCents, @vatCents, @totalCents, @levyRate, @fundRate, @levyCents,
         @fundCents, @budgetCents, @structuredCommunication, @reason, @entryId, @createdAt)`,
    );
    this.insertLineStatement = book.prepare(
      `INSERT INTO invoice_lines (invoice_id, line_number, description, quantity, net_cents, vat_rate, vat_category)
       VALUES (@invoiceId, @lineNumber, @description, @quantity, @netCents, @vatRate, @vatCategory)`,
    );
  }

  insert(invoice: NewInvoice, lines: readonly InvoiceLine[]): number {
    const id = Number(this.insertStatement.run(invoice).lastInsertRowid);
    for (const line of lines) this.insertLineStatement.run({ ...line, invoiceId: id });
    return id;
  }

  /**
   * The next number of a year's series and the last issue date in it. Numbers follow dates, so
   * the last invoice by number carries the latest date: one step down the (year, sequence) index
   * instead of a scan of the whole year.
   */
  seriesState(year: number): { nextSequence: number; lastIssueDate: string | null } {
    const row = this.book.prepare('SELECT sequence, issue_date AS issueDate FROM invoices WHERE year = ? ORDER BY sequence DESC LIMIT 1').get(year) as
      | { sequence: number; issueDate: string }
      | undefined;
    return { nextSequence: (row?.sequence ?? 0) + 1, lastIssueDate: row?.issueDate ?? null };
  }

  findByNumber(number: string): Invoice | undefined {
    return this.book.prepare(`SELECT ${COLUMNS} FROM invoices WHERE number = ?`).get(number) as Invoice | undefined;
  }

  findById(id: number): Invoice | undefined {
    return this.book.prepare(`SELECT ${COLUMNS} FROM invoices WHERE id = ?`).get(id) as Invoice | undefined;
  }

  invoiceOfContract(contractId: number): Invoice | undefined {
    return this.book.prepare(`SELECT ${COLUMNS} FROM invoices WHERE contract_id = ? AND kind = 'invoice'`).get(contractId) as Invoice | undefined;
  }

  creditNotesOf(invoiceId: number): Invoice[] {
    return this.book.prepare(`SELECT ${COLUMNS} FROM invoices WHERE credited_invoice_id = ? ORDER BY sequence`).all(invoiceId) as Invoice[];
  }

  linesOf(invoiceId: number): InvoiceLine[] {
    return this.book
      .prepare(
        `SELECT line_number AS lineNumber, description, quantity, net_cents AS netCents, vat_rate AS vatRate, vat_category AS vatCategory
         FROM invoice_lines WHERE invoice_id = ? ORDER BY line_number`,
      )
      .all(invoiceId) as InvoiceLine[];
  }

  /** Whether the weekly run already turned the invoice's budget into salary. */
  isPaidOut(invoiceId: number): boolean {
    return this.book.prepare('SELECT 1 FROM payout_items WHERE invoice_id = ?').get(invoiceId) !== undefined;
  }

  openDispute(invoiceId: number): { id: number; reason: string; openedAt: string } | undefined {
    return this.book.prepare('SELECT id, reason, opened_at AS openedAt FROM invoice_disputes WHERE invoice_id = ? AND resolved_at IS NULL').get(invoiceId) as never;
  }

  insertDispute(invoiceId: number, reason: string, now: string): void {
    this.book.prepare('INSERT INTO invoice_disputes (invoice_id, reason, opened_at) VALUES (?, ?, ?)').run(invoiceId, reason, now);
  }

  resolveDispute(disputeId: number, resolution: string, now: string): void {
    this.book.prepare('UPDATE invoice_disputes SET resolved_at = ?, resolution = ? WHERE id = ?').run(now, resolution, disputeId);
  }

  /**
   * The invoices and credit notes of the filter, newest first (by number), each with the amount
   * excl. VAT its credit notes took back: a cursor, so that a listing stops at its limit however
   * large the book. Only the filter's conditions are in the query, so that SQLite picks the index
   * of the one given (member, client, issue date) or walks the numbers backwards.
   */
  iterateNewestFirst(filter: Omit<InvoiceFilter, 'limit'>): IterableIterator<Invoice & { creditedCents: Cents }> {
    const conditions = [
      filter.memberId === undefined ? undefined : 'member_id = @memberId',
      filter.clientId === undefined ? undefined : 'client_id = @clientId',
      filter.kind === undefined ? undefined : 'kind = @kind',
      filter.from === undefined ? undefined : 'issue_date >= @from',
      filter.to === undefined ? undefined : 'issue_date <= @to',
    ].filter((condition) => condition !== undefined);
    return this.book
      .prepare(
        `SELECT ${COLUMNS},
                CASE kind WHEN 'invoice' THEN (SELECT coalesce(SUM(n.amount_excl_vat_cents), 0) FROM invoices n WHERE n.credited_invoice_id = invoices.id) ELSE 0 END AS creditedCents
         FROM invoices ${conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`}
         ORDER BY year DESC, sequence DESC`,
      )
      .iterate({
        ...(filter.memberId === undefined ? {} : { memberId: filter.memberId }),
        ...(filter.clientId === undefined ? {} : { clientId: filter.clientId }),
        ...(filter.kind === undefined ? {} : { kind: filter.kind }),
        ...(filter.from === undefined ? {} : { from: filter.from }),
        ...(filter.to === undefined ? {} : { to: filter.to }),
      }) as IterableIterator<Invoice & { creditedCents: Cents }>;
  }

  list(filter: InvoiceFilter): Invoice[] {
    return this.book
      .prepare(
        `SELECT ${COLUMNS} FROM invoices
         WHERE (@memberId IS NULL OR member_id = @memberId) AND (@clientId IS NULL OR client_id = @clientId)
           AND (@kind IS NULL OR kind = @kind) AND (@from IS NULL OR issue_date >= @from) AND (@to IS NULL OR issue_date <= @to)
         ORDER BY year, sequence LIMIT @limit`,
      )
      .all({
        memberId: filter.memberId ?? null,
        clientId: filter.clientId ?? null,
        kind: filter.kind ?? null,
        from: filter.from ?? null,
        to: filter.to ?? null,
        limit: filter.limit ?? -1,
      }) as Invoice[];
  }
}
