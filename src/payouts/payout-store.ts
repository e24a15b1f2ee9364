import type { Statement } from 'better-sqlite3';
import type { Book } from '../book/open-book.js';
import type { Cents } from '../money/index.js';

/** An issued invoice not yet paid out whose contract ended by the run date, with what decides whether it can be paid. */

/**
 * The ids of the invoices not paid out yet: a few thousand among a ten-year book's 1.5 million,
 * listed by the database itself (pending_payouts, migration 010), then joined to what the query
 * needs of them.
 */
const NOT_PAID_OUT = 'SELECT invoice_id AS id FROM pending_payouts';

export interface DueInvoice {
  readonly invoiceId: number;
  readonly number: string;
  readonly memberId: number;
  readonly clientId: number;
  readonly description: string;
  readonly supplyEnd: string;
  readonly budgetCents: Cents;
  readonly creditedBudgetCents: Cents;
  readonly memberStatus: string;
  readonly iban: string;
  readonly clientBlocked: number;
  readonly disputed: number;
}

export interface RunRow {
  readonly id: number;
  readonly week: string;
  readonly runDate: string;
  readonly reference: string;
  readonly payslipCount: number;
  readonly totalNetCents: Cents;
  readonly totalExpensesCents: Cents;
  readonly totalTransferCents: Cents;
  readonly createdAt: string;
}

export interface PayslipRow {
  readonly id: number;
  readonly runId: number;
  readonly memberId: number;
  readonly memberName: string;
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

export interface MonthToDate {
  readonly grossCents: Cents;
  readonly taxableCents: Cents;
  readonly withholdingCents: Cents;
  readonly specialCents: Cents;
}

const RUN_COLUMNS = `id, week, run_date AS runDate, reference, payslip_count AS payslipCount, total_net_cents AS totalNetCents,
  total_expenses_cents AS totalExpensesCents, total_transfer_cents AS totalTransferCents, created_at AS createdAt`;

const PAYSLIP_COLUMNS = `p.id, p.run_id AS runId, p.member_id AS memberId, m.name AS memberName, p.iban, p.category, p.withholding_mode AS withholdingMode,
  p.salary_budget_cents AS salaryBudgetCents, p.gross_cents AS grossCents, p.base_cents AS baseCents, p.employer_cents AS employerCents,
  p.holiday_cents AS holidayCents, p.employee_cents AS employeeCents, p.taxable_cents AS taxableCents, p.withholding_cents AS withholdingCents,
  p.special_cents AS specialCents, p.net_cents AS netCents, p.leftover_cents AS leftoverCents, p.expenses_cents AS expensesCents,
  p.transfer_cents AS transferCents`;

export class PayoutStore {
  private readonly monthToDateStatement: Statement<{ memberId: number; month: string }, MonthToDate>;

  constructor(readonly book: Book) {
    this.monthToDateStatement = book.prepare(
      `SELECT coalesce(SUM(p.gross_cents), 0) AS grossCents, coalesce(SUM(p.taxable_cents), 0) AS taxableCents,
              coalesce(SUM(p.withholding_cents), 0) AS withholdingCents, coalesce(SUM(p.special_cents), 0) AS specialCents
       FROM payslips p JOIN payout_runs r ON r.id = p.run_id
       WHERE p.member_id = @memberId AND substr(r.run_date, 1, 7) = @month`,
    );
  }

  runByWeek(week: string): RunRow | undefined {
    return this.book.prepare(`SELECT ${RUN_COLUMNS} FROM payout_runs WHERE week = ?`).get(week) as RunRow | undefined;
  }

  runs(limit: number): RunRow[] {
    return this.book.prepare(`SELECT ${RUN_COLUMNS} FROM payout_runs ORDER BY run_date DESC, id DESC LIMIT ?`).all(limit) as RunRow[];
  }

  payslipsOf(runId: number): PayslipRow[] {
    return this.book.prepare(`SELECT ${PAYSLIP_COLUMNS} FROM payslips p JOIN members m ON m.id = p.member_id WHERE p.run_id = ? ORDER BY p.member_id`).all(runId) as PayslipRow[];
  }

  itemsOf(payslipId: number): { invoiceId: number; number: string; description: string; supplyEnd: string; budgetCents: Cents; netCents: Cents }[] {
    return this.book
      .prepare(
        `SELECT i.id AS invoiceId, i.number, c.description, c.end_date AS supplyEnd, pi.budget_cents AS budgetCents, pi.net_cents AS netCents
         FROM payout_items pi JOIN invoices i ON i.id = pi.invoice_id JOIN contracts c ON c.id = i.contract_id
         WHERE pi.payslip_id = ? ORDER BY i.year, i.sequence`,
      )
      .all(payslipId) as never;
  }

  /** Issued invoices never paid out whose work ended by the date: the run's candidates. */
  dueInvoices(date: string): DueInvoice[] {
    return this.book
      .prepare(
        `SELECT i.id AS invoiceId, i.number, i.member_id AS memberId, i.client_id AS clientId, c.description, c.end_date AS supplyEnd,
                i.budget_cents AS budgetCents,
                (SELECT coalesce(SUM(n.budget_cents), 0) FROM invoices n WHERE n.credited_invoice_id = i.id) AS creditedBudgetCents,
                m.status AS memberStatus, m.iban, cl.blocked AS clientBlocked,
                EXISTS (SELECT 1 FROM invoice_disputes d WHERE d.invoice_id = i.id AND d.resolved_at IS NULL) AS disputed
         FROM (${NOT_PAID_OUT}) u
         CROSS JOIN invoices i ON i.id = u.id
         JOIN contracts c ON c.id = i.contract_id
         JOIN members m ON m.id = i.member_id
         JOIN clients cl ON cl.id = i.client_id
         WHERE i.kind = 'invoice' AND c.end_date <= @date AND i.issue_date <= @date
         ORDER BY i.member_id, i.year, i.sequence`,
      )
      .all({ date }) as DueInvoice[];
  }

  /** Per member, the budget (less credits) of every invoice not yet paid out: what the activity account must keep. */
  unpaidBudgets(): Map<number, Cents> {
    const rows = this.book
      .prepare(
        `SELECT i.member_id AS memberId,
                SUM(i.budget_cents - (SELECT coalesce(SUM(n.budget_cents), 0) FROM invoices n WHERE n.credited_invoice_id = i.id)) AS cents
         FROM (${NOT_PAID_OUT}) u CROSS JOIN invoices i ON i.id = u.id
         WHERE i.kind = 'invoice'
         GROUP BY i.member_id`,
      )
      .all() as { memberId: number; cents: number }[];
    return new Map(rows.map((row) => [row.memberId, row.cents]));
  }

  monthToDate(memberId: number, month: string): MonthToDate {
    return this.monthToDateStatement.get({ memberId, month }) ?? { grossCents: 0, taxableCents: 0, withholdingCents: 0, specialCents: 0 };
  }

  /** The member's pay in the month from the runs before this one (what a payslip shows as month to date). */
  monthToDateBefore(memberId: number, month: string, runId: number): MonthToDate {
    return this.book
      .prepare(
        `SELECT coalesce(SUM(p.gross_cents), 0) AS grossCents, coalesce(SUM(p.taxable_cents), 0) AS taxableCents,
                coalesce(SUM(p.withholding_cents), 0) AS withholdingCents, coalesce(SUM(p.special_cents), 0) AS specialCents
         FROM payslips p JOIN payout_runs r ON r.id = p.run_id
         WHERE p.member_id = @memberId AND substr(r.run_date, 1, 7) = @month AND r.id < @runId`,
      )
      .get({ memberId, month, runId }) as MonthToDate;
  }

  /**
   * Net advanced per client on paid-out invoices neither credited since nor paid in full by the
   * client, largest first. Such an invoice is still owed on, so it is on the list of open
   * invoices (migration 010): the few thousand of those are read, not every payout item.
   */
  exposureByClient(): { clientId: number; name: string; exposureCents: Cents; invoices: number }[] {
    return this.book
      .prepare(
        `SELECT i.client_id AS clientId, c.name, SUM(p.net_cents) AS exposureCents, COUNT(*) AS invoices
         FROM open_invoices o CROSS JOIN payout_items p ON p.invoice_id = o.invoice_id
         JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id
         WHERE NOT EXISTS (SELECT 1 FROM invoices n WHERE n.credited_invoice_id = i.id)
           AND i.total_cents > (SELECT coalesce(SUM(m.amount_cents), 0) FROM payments m WHERE m.invoice_id = i.id)
           AND NOT EXISTS (SELECT 1 FROM write_offs w WHERE w.invoice_id = i.id)
         GROUP BY i.client_id ORDER BY exposureCents DESC`,
      )
      .all() as never;
  }

  insertRun(run: Omit<RunRow, 'id'>): number {
    return Number(
      this.book
        .prepare(
          `INSERT INTO payout_runs (week, run_date, reference, payslip_count, total_net_cents, total_expenses_cents, total_transfer_cents, created_at)
           VALUES (@week, @runDate, @reference, @payslipCount, @totalNetCents, @totalExpensesCents, @totalTransferCents, @createdAt)`,
        )
        .run(run).lastInsertRowid,
    );
  }

  insertPayslip(payslip: Omit<PayslipRow, 'id' | 'memberName'> & { entryId: number }): number {
    return Number(
      this.book
        .prepare(
          `INSERT INTO payslips (run_id, member_id, iban, category, withholding_mode, salary_budget_cents, gross_cents, base_cents, employer_cents,
             holiday_cents, employee_cents, taxable_cents, withholding_cents, special_cents, net_cents, leftover_cents, expenses_cents, transfer_cents, entry_id)
           VALUES (@runId, @memberId, @iban, @category, @withholdingMode, @salaryBudgetCents, @grossCents, @baseCents, @employerCents,
             @holidayCents, @employeeCents, @taxableCents, @withholdingCents, @specialCents, @netCents, @leftoverCents, @expensesCents, @transferCents, @entryId)`,
        )
        .run(payslip).lastInsertRowid,
    );
  }

  insertItem(invoiceId: number, payslipId: number, budgetCents: Cents, netCents: Cents): void {
    this.book.prepare('INSERT INTO payout_items (invoice_id, payslip_id, budget_cents, net_cents) VALUES (?, ?, ?, ?)').run(invoiceId, payslipId, budgetCents, netCents);
  }
}
