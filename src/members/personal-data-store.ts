import type { Book } from '../book/open-book.js';
import type { Cents } from '../money/index.js';

/**
 * The SQL behind GDPR access (`member export-data`) and anonymisation (`member anonymise`):
 * everything the book holds on one member, the date of their last record, and the statements
 * that replace their personal data. Every statement is prepared with parameters.
 */

export interface ShareMovementRow {
  readonly date: string;
  readonly count: number;
  readonly unitPriceCents: Cents;
  readonly key: string;
}

export interface AccountRow {
  readonly code: string;
  readonly name: string;
  /** Sum of the postings: debits positive, credits negative. */
  readonly balanceCents: Cents;
}

export interface ContractRow {
  readonly id: number;
  readonly clientId: number;
  readonly clientName: string;
  readonly description: string;
  readonly place: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly days: number;
  readonly amountCents: Cents;
  readonly vatRate: string;
  readonly vatRegime: string;
  readonly status: string;
  readonly cancelReason: string | null;
  readonly createdAt: string;
}

export interface InvoiceRow {
  readonly number: string;
  readonly kind: string;
  readonly creditedNumber: string | null;
  readonly contractId: number;
  readonly clientId: number;
  readonly clientName: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly supplyStart: string;
  readonly supplyEnd: string;
  readonly vatRegime: string;
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
}

export interface PayslipDataRow {
  readonly id: number;
  readonly week: string;
  readonly runDate: string;
  readonly reference: string;
  readonly iban: string;
  readonly category: string;
  readonly withholdingMode: string;
  readonly salaryBudgetCents: Cents;
  readonly grossCents: Cents;
  readonly baseCents: Cents;
  readonly employerCents: Cents;
  readonly holidayCents: Cents;
  readonly employeeCents: Cents;
  readonly taxableCents: Cents;
  readonly withholdingCents: Cents;
  readonly specialCents: Cents;
  readonly netCents: Cents;
  readonly leftoverCents: Cents;
  readonly expensesCents: Cents;
  readonly transferCents: Cents;
}

export interface PayslipItemRow {
  readonly payslipId: number;
  readonly invoiceNumber: string;
  readonly budgetCents: Cents;
  readonly netCents: Cents;
}

export interface ExpenseNoteRow {
  readonly id: number;
  readonly date: string;
  readonly amountCents: Cents;
  readonly vatCents: Cents;
  readonly description: string;
  readonly status: string;
  readonly decisionReason: string | null;
  readonly decidedAt: string | null;
  readonly payslipId: number | null;
  readonly createdAt: string;
  readonly receiptFileName: string | null;
  readonly receiptSha256: string | null;
  readonly receiptBytes: number | null;
}

export interface PostingDataRow {
  readonly entryId: number;
  readonly date: string;
  readonly key: string;
  readonly reason: string;
  readonly memo: string;
  readonly account: string;
  readonly amountCents: Cents;
}

export interface BankLineDataRow {
  readonly id: number;
  readonly bookingDate: string;
  readonly valueDate: string | null;
  readonly amountCents: Cents;
  readonly currency: string;
  readonly counterpartyName: string | null;
  readonly counterpartyIban: string | null;
  readonly structuredReference: string | null;
  readonly communication: string | null;
  readonly status: string;
}

export interface AuditDataRow {
  readonly id: number;
  readonly at: string;
  readonly user: string;
  readonly command: string;
  readonly summary: string;
}

/** PRAGMA secure_delete: 0 off, 1 on, 2 fast (zeroes only what costs no extra write). */
export type SecureDelete = 0 | 1 | 2;

/** What an anonymised member's personal columns hold instead of their data. */
export function anonymisedDetails(memberId: number): { name: string; email: string; niss: string; iban: string; birthDate: string; address: string } {
  // The NISS column is UNIQUE NOT NULL: the member number keeps the placeholder unique, and no
  // real NISS (eleven digits) can ever be equal to it.
  return { name: `anonymised member ${memberId}`, email: '', niss: `anonymised-${memberId}`, iban: '', birthDate: '', address: '' };
}

export class PersonalDataStore {
  constructor(readonly book: Book) {}

  /** The day the member was anonymised, or null. */
  anonymisedOn(memberId: number): string | null {
    const row = this.book.prepare('SELECT anonymised_on AS anonymisedOn FROM members WHERE id = ?').get(memberId) as { anonymisedOn: string | null } | undefined;
    return row?.anonymisedOn ?? null;
  }

  shareMovements(memberId: number): ShareMovementRow[] {
    return this.book
      .prepare('SELECT date, count, unit_price_cents AS unitPriceCents, key FROM share_movements WHERE member_id = ? ORDER BY date, id')
      .all(memberId) as ShareMovementRow[];
  }

  accounts(memberId: number): AccountRow[] {
    return this.book
      .prepare(
        `SELECT a.code, a.name, coalesce((SELECT SUM(p.amount_cents) FROM postings p WHERE p.account_id = a.id), 0) AS balanceCents
         FROM accounts a WHERE a.member_id = ? ORDER BY a.code`,
      )
      .all(memberId) as AccountRow[];
  }

  contracts(memberId: number): ContractRow[] {
    return this.book
      .prepare(
        `SELECT c.id, c.client_id AS clientId, cl.name AS clientName, c.description, c.place, c.start_date AS startDate, c.end_date AS endDate,
                c.days, c.amount_cents AS amountCents, c.vat_rate AS vatRate, c.vat_regime AS vatRegime, c.status, c.cancel_reason AS cancelReason,
                c.created_at AS createdAt
         FROM contracts c JOIN clients cl ON cl.id = c.client_id WHERE c.member_id = ? ORDER BY c.id`,
      )
      .all(memberId) as ContractRow[];
  }

  invoices(memberId: number): InvoiceRow[] {
    return this.book
      .prepare(
        `SELECT i.number, i.kind, o.number AS creditedNumber, i.contract_id AS contractId, i.client_id AS clientId, cl.name AS clientName,
                i.issue_date AS issueDate, i.due_date AS dueDate, i.supply_start AS supplyStart, i.supply_end AS supplyEnd, i.vat_regime AS vatRegime,
                i.amount_excl_vat_cents AS amountExclVatCents, i.vat_cents AS vatCents, i.total_cents AS totalCents, i.levy_rate AS levyRate,
                i.fund_rate AS fundRate, i.levy_cents AS levyCents, i.fund_cents AS fundCents, i.budget_cents AS budgetCents,
                i.structured_communication AS structuredCommunication, i.reason
         FROM invoices i JOIN clients cl ON cl.id = i.client_id LEFT JOIN invoices o ON o.id = i.credited_invoice_id
         WHERE i.member_id = ? ORDER BY i.issue_date, i.id`,
      )
      .all(memberId) as InvoiceRow[];
  }

  payslips(memberId: number): PayslipDataRow[] {
    return this.book
      .prepare(
        `SELECT p.id, r.week, r.run_date AS runDate, r.reference, p.iban, p.category, p.withholding_mode AS withholdingMode,
                p.salary_budget_cents AS salaryBudgetCents, p.gross_cents AS grossCents, p.base_cents AS baseCents, p.employer_cents AS employerCents,
                p.holiday_cents AS holidayCents, p.employee_cents AS employeeCents, p.taxable_cents AS taxableCents,
                p.withholding_cents AS withholdingCents, p.special_cents AS specialCents, p.net_cents AS netCents, p.leftover_cents AS leftoverCents,
                p.expenses_cents AS expensesCents, p.transfer_cents AS transferCents
         FROM payslips p JOIN payout_runs r ON r.id = p.run_id WHERE p.member_id = ? ORDER BY r.run_date, p.id`,
      )
      .all(memberId) as PayslipDataRow[];
  }

  payslipItems(memberId: number): PayslipItemRow[] {
    return this.book
      .prepare(
        `SELECT pi.payslip_id AS payslipId, i.number AS invoiceNumber, pi.budget_cents AS budgetCents, pi.net_cents AS netCents
         FROM payout_items pi JOIN payslips p ON p.id = pi.payslip_id JOIN invoices i ON i.id = pi.invoice_id
         WHERE p.member_id = ? ORDER BY pi.payslip_id, i.id`,
      )
      .all(memberId) as PayslipItemRow[];
  }

  /** Expense notes with their receipt's file name, sha256 and size: never the receipt itself. */
  expenseNotes(memberId: number): ExpenseNoteRow[] {
    return this.book
      .prepare(
        `SELECT e.id, e.date, e.amount_cents AS amountCents, e.vat_cents AS vatCents, e.description, e.status, e.decision_reason AS decisionReason,
                e.decided_at AS decidedAt, e.payslip_id AS payslipId, e.created_at AS createdAt,
                r.file_name AS receiptFileName, r.sha256 AS receiptSha256, length(r.content) AS receiptBytes
         FROM expense_notes e LEFT JOIN expense_receipts r ON r.expense_id = e.id WHERE e.member_id = ? ORDER BY e.id`,
      )
      .all(memberId) as ExpenseNoteRow[];
  }

  /** Every posting on the member's own accounts (activity account, share capital), oldest first. */
  postings(memberId: number): PostingDataRow[] {
    return this.book
      .prepare(
        `SELECT e.id AS entryId, e.date, e.key, e.reason, e.memo, a.code AS account, p.amount_cents AS amountCents
         FROM accounts a JOIN postings p ON p.account_id = a.id JOIN entries e ON e.id = p.entry_id
         WHERE a.member_id = ? ORDER BY e.id, p.id`,
      )
      .all(memberId) as PostingDataRow[];
  }

  /** Bank lines whose counterparty account is one of these IBANs (what the bank said about the member's account). */
  bankLinesFrom(ibans: readonly string[]): BankLineDataRow[] {
    if (ibans.length === 0) return [];
    return this.book
      .prepare(
        `SELECT id, booking_date AS bookingDate, value_date AS valueDate, amount_cents AS amountCents, currency, counterparty_name AS counterpartyName,
                counterparty_iban AS counterpartyIban, structured_reference AS structuredReference, communication, status
         FROM bank_lines WHERE counterparty_iban IN (SELECT value FROM json_each(?)) ORDER BY booking_date, id`,
      )
      .all(JSON.stringify(ibans)) as BankLineDataRow[];
  }

  /**
   * The audit rows that may name the member: the word after "member", "contract", "invoice",
   * "credit note" or "expense note" in the summary is theirs, or the command line holds their
   * number after `--member` or in a `member` or `shares buy` command. A superset, read in one
   * pass in SQLite (a ten-year log holds millions of rows): the caller keeps the exact matches.
   */
  auditRowsNaming(names: { memberId: number; contracts: readonly number[]; invoices: readonly string[]; expenseNotes: readonly number[] }): AuditDataRow[] {
    const word = (keyword: string): string =>
      `rtrim(substr(summary, instr(summary, '${keyword} ') + ${keyword.length + 1},
         instr(substr(summary, instr(summary, '${keyword} ') + ${keyword.length + 1}) || ' ', ' ') - 1), ':;,.)')`;
    const named = (keyword: string, list: string): string => `(instr(summary, '${keyword} ') > 0 AND ${word(keyword)} IN (SELECT value FROM json_each(${list})))`;
    return this.book
      .prepare(
        `SELECT id, at, os_user AS user, command, summary FROM audit_log
         WHERE ${named('member', '@member')} OR ${named('contract', '@contracts')} OR ${named('invoice', '@invoices')}
            OR ${named('credit note', '@invoices')} OR ${named('expense note', '@expenseNotes')}
            OR instr(command, '--member ' || @id) > 0 OR instr(command, '--member=' || @id) > 0
            OR ((command LIKE 'smart member %' OR command LIKE 'smart shares buy %') AND (instr(command, ' ' || @id) > 0 OR instr(command, ' #' || @id) > 0))
         ORDER BY id`,
      )
      .all({
        id: String(names.memberId),
        member: JSON.stringify([String(names.memberId), `#${names.memberId}`]),
        contracts: JSON.stringify(names.contracts.map(String)),
        invoices: JSON.stringify(names.invoices),
        expenseNotes: JSON.stringify(names.expenseNotes.map(String)),
      }) as AuditDataRow[];
  }

  /**
   * The date of the member's last record: leaving, a ledger entry about them or on their
   * accounts, a contract's end, an invoice, a payout run that paid them, an expense note.
   * The retention period runs from the year of this date.
   */
  lastRecordDate(memberId: number): string | null {
    const row = this.book
      .prepare(
        `SELECT max(
           coalesce((SELECT left_on FROM members WHERE id = @id), ''),
           coalesce((SELECT MAX(date) FROM entries WHERE member_id = @id), ''),
           coalesce((SELECT MAX(e.date) FROM accounts a JOIN postings p ON p.account_id = a.id JOIN entries e ON e.id = p.entry_id WHERE a.member_id = @id), ''),
           coalesce((SELECT MAX(end_date) FROM contracts WHERE member_id = @id), ''),
           coalesce((SELECT MAX(issue_date) FROM invoices WHERE member_id = @id), ''),
           coalesce((SELECT MAX(r.run_date) FROM payslips p JOIN payout_runs r ON r.id = p.run_id WHERE p.member_id = @id), ''),
           coalesce((SELECT MAX(date) FROM expense_notes WHERE member_id = @id), '')
         ) AS last`,
      )
      .get({ id: memberId }) as { last: string };
    return row.last === '' ? null : row.last;
  }

  /** Replaces the member's personal data by placeholders and records the day, in one statement. */
  anonymise(memberId: number, date: string, now: string): void {
    this.book
      .prepare(
        `UPDATE members SET name = @name, email = @email, niss = @niss, iban = @iban, birth_date = @birthDate, address = @address,
                anonymised_on = @date, updated_at = @now
         WHERE id = @id AND status = 'left' AND anonymised_on IS NULL`,
      )
      .run({ ...anonymisedDetails(memberId), date, now, id: memberId });
  }

  /** Erases the IBAN copied on the member's payslips (allowed by the payslips' trigger once anonymised). Returns how many. */
  erasePayslipIbans(memberId: number): number {
    return this.book.prepare(`UPDATE payslips SET iban = '' WHERE member_id = ? AND iban <> ''`).run(memberId).changes;
  }

  /**
   * Empties the receipts of the member's expense notes (a receipt may carry their name or
   * address); the sha256 stays as proof of what the receipt was. Returns how many.
   */
  emptyReceipts(memberId: number, placeholder: string): number {
    return this.book
      .prepare(
        `UPDATE expense_receipts SET file_name = ?, content = zeroblob(0)
         WHERE expense_id IN (SELECT id FROM expense_notes WHERE member_id = ?) AND (file_name <> ? OR length(content) > 0)`,
      )
      .run(placeholder, memberId, placeholder).changes;
  }

  /** SQLite zeroes what it deletes or overwrites on this connection (old values do not linger in free space). */
  setSecureDelete(mode: SecureDelete): void {
    this.book.pragma(`secure_delete = ${mode}`);
  }

  secureDelete(): SecureDelete {
    const mode = this.book.pragma('secure_delete', { simple: true });
    return mode === 1 ? 1 : mode === 2 ? 2 : 0;
  }

  /** Rebuilds the book file: free space and free pages, with whatever they held, are gone. Outside any transaction. */
  vacuum(): void {
    this.book.exec('VACUUM');
  }

  /**
   * Copies the write-ahead log into the book and truncates it, so that earlier versions of the
   * changed pages are not left in the -wal file. False when another process's reader kept part
   * of the log (it is then copied by a later checkpoint).
   */
  checkpointAndTruncateWal(): boolean {
    const rows = this.book.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    const row = rows[0];
    return row !== undefined && row.busy === 0;
  }
}
