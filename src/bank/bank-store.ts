import type { Statement } from 'better-sqlite3';
import type { Book } from '../book/open-book.js';
import type { Cents } from '../money/index.js';
import type { BankLine } from './bank-line.js';

export type BankLineStatus = 'unmatched' | 'matched' | 'ignored' | 'payout';

export interface StoredBankLine extends BankLine {
  readonly id: number;
  readonly identity: string;
  readonly status: BankLineStatus;
  readonly note: string | null;
}

/** An invoice as matching sees it: what is still open on it, and its client. */
export interface OpenInvoice {
  readonly id: number;
  readonly number: string;
  readonly clientId: number;
  readonly totalCents: Cents;
  readonly creditedCents: Cents;
  readonly paidCents: Cents;
}

const LINE_COLUMNS = `id, identity, source_line AS sourceLine, account, booking_date AS bookingDate, value_date AS valueDate,
  amount_cents AS amountCents, currency, counterparty_name AS counterpartyName, counterparty_iban AS counterpartyIban,
  structured_reference AS structuredReference, communication, bank_reference AS bankReference, status, note`;

const OPEN_INVOICE = `SELECT i.id, i.number, i.client_id AS clientId, i.total_cents AS totalCents,
  (SELECT coalesce(SUM(n.total_cents), 0) FROM invoices n WHERE n.credited_invoice_id = i.id) AS creditedCents,
  (SELECT coalesce(SUM(p.amount_cents), 0) FROM payments p WHERE p.invoice_id = i.id) AS paidCents
  FROM invoices i`;

type Row = Record<string, unknown>;

/**
 * The SQL of bank statements. Statements are prepared once per store (the ones an import runs
 * for every line at construction, the others on first use): an import of a million lines
 * prepares each once.
 */
export class BankStore {
  private readonly insertLineStatement: Statement<unknown[]>;
  private readonly byStructured: Statement<[string], OpenInvoice>;
  private readonly byNumber: Statement<[string], OpenInvoice>;
  private readonly byClientIban: Statement<[string], OpenInvoice>;
  private readonly prepared = new Map<string, Statement<unknown[]>>();

  constructor(readonly book: Book) {
    // Positional parameters: binding thirteen values by name costs more than the insert itself.
    this.insertLineStatement = book.prepare(
      `INSERT OR IGNORE INTO bank_lines (identity, import_id, source_line, account, booking_date, value_date, amount_cents, currency,
         counterparty_name, counterparty_iban, structured_reference, communication, bank_reference)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byStructured = book.prepare(`${OPEN_INVOICE} WHERE i.structured_communication = ? AND i.kind = 'invoice'`);
    this.byNumber = book.prepare(`${OPEN_INVOICE} WHERE i.number = ? AND i.kind = 'invoice'`);
    this.byClientIban = book.prepare(`${OPEN_INVOICE} JOIN clients c ON c.id = i.client_id WHERE c.iban = ? AND i.kind = 'invoice'`);
  }

  /** The statement of this SQL, prepared on first use. */
  private statement(sql: string): Statement<unknown[]> {
    let statement = this.prepared.get(sql);
    if (statement === undefined) {
      statement = this.book.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  insertImport(row: { fileName: string; sha256: string; format: string; lines: number; imported: number; duplicates: number; importedAt: string; importedBy: string }): number {
    return Number(
      this.statement(
        `INSERT INTO bank_imports (file_name, sha256, format, lines, imported, duplicates, imported_at, imported_by)
         VALUES (@fileName, @sha256, @format, @lines, @imported, @duplicates, @importedAt, @importedBy)`,
      ).run(row).lastInsertRowid,
    );
  }

  finishImport(id: number, imported: number, duplicates: number): void {
    this.statement('UPDATE bank_imports SET imported = ?, duplicates = ? WHERE id = ?').run(imported, duplicates, id);
  }

  /** Inserts the line unless a line with the same identity exists; returns its id, or undefined for a duplicate. */
  insertLine(line: BankLine, identity: string, importId: number): number | undefined {
    const result = this.insertLineStatement.run(
      identity,
      importId,
      line.sourceLine,
      line.account,
      line.bookingDate,
      line.valueDate,
      line.amountCents,
      line.currency,
      line.counterpartyName,
      line.counterpartyIban,
      line.structuredReference,
      line.communication,
      line.bankReference,
    );
    return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
  }

  line(id: number): StoredBankLine | undefined {
    return this.book.prepare(`SELECT ${LINE_COLUMNS} FROM bank_lines WHERE id = ?`).get(id) as StoredBankLine | undefined;
  }

  unmatched(limit: number): StoredBankLine[] {
    return this.book.prepare(`SELECT ${LINE_COLUMNS} FROM bank_lines WHERE status = 'unmatched' ORDER BY booking_date, id LIMIT ?`).all(limit) as StoredBankLine[];
  }

  setStatus(id: number, status: BankLineStatus, note: string | null, entryId: number | null): void {
    this.statement('UPDATE bank_lines SET status = ?, note = ?, entry_id = ? WHERE id = ?').run(status, note, entryId, id);
  }

  invoiceByStructured(formatted: string): OpenInvoice | undefined {
    return this.byStructured.get(formatted);
  }

  invoiceByNumber(number: string): OpenInvoice | undefined {
    return this.byNumber.get(number);
  }

  invoicesOfClientIban(iban: string): OpenInvoice[] {
    return this.byClientIban.all(iban);
  }

  /** Every IBAN a client of the book has: a payer with another IBAN matches no invoice by amount and IBAN. */
  clientIbans(): Set<string> {
    const rows = this.statement('SELECT DISTINCT iban FROM clients WHERE iban IS NOT NULL').all() as { iban: string }[];
    return new Set(rows.map((row) => row.iban));
  }

  /** The transfer totals of every payout run: an outgoing line of another amount is no payout batch. */
  payoutTransferTotals(): Set<Cents> {
    const rows = this.statement('SELECT DISTINCT total_transfer_cents AS cents FROM payout_runs').all() as { cents: Cents }[];
    return new Set(rows.map((row) => row.cents));
  }

  insertPayment(row: { bankLineId: number; invoiceId: number | null; clientId: number; kind: 'invoice' | 'credit'; amountCents: Cents; matchedBy: string; flag: string | null; entryId: number }): void {
    this.statement(
      `INSERT INTO payments (bank_line_id, invoice_id, client_id, kind, amount_cents, matched_by, flag, entry_id)
       VALUES (@bankLineId, @invoiceId, @clientId, @kind, @amountCents, @matchedBy, @flag, @entryId)`,
    ).run(row as Row);
  }

  /** A payout run not yet seen on the statement whose transfers add up to this amount, dated up to a week before. */
  unsettledRun(transferCents: Cents, bookingDate: string): { id: number; week: string; totalNetCents: Cents; totalExpensesCents: Cents } | undefined {
    return this.statement(
      `SELECT r.id, r.week, r.total_net_cents AS totalNetCents, r.total_expenses_cents AS totalExpensesCents FROM payout_runs r
       WHERE r.total_transfer_cents = @transferCents AND r.run_date <= @bookingDate AND r.run_date >= date(@bookingDate, '-7 days')
         AND NOT EXISTS (SELECT 1 FROM payout_settlements s WHERE s.run_id = r.id)
       ORDER BY r.run_date LIMIT 1`,
    ).get({ transferCents, bookingDate }) as never;
  }

  insertSettlement(runId: number, bankLineId: number, entryId: number): void {
    this.statement('INSERT INTO payout_settlements (run_id, bank_line_id, entry_id) VALUES (?, ?, ?)').run(runId, bankLineId, entryId);
  }
}
