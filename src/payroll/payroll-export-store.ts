import type { Book } from '../book/open-book.js';
import type { Period } from '../calendar/periods.js';
import type { Cents } from '../money/index.js';

/** One payslip as `smart export payroll` writes it: who, which run, and every figure of the payslip. */
export interface PayrollExportRow {
  readonly memberId: number;
  readonly name: string;
  readonly niss: string;
  /** The member's category when the payslip was made (the payslip's copy, not today's). */
  readonly category: string;
  /** The run's ISO week, e.g. 2026-W48. */
  readonly week: string;
  readonly payDate: string;
  readonly grossCents: Cents;
  readonly baseCents: Cents;
  readonly employeeCents: Cents;
  readonly withholdingCents: Cents;
  readonly specialCents: Cents;
  readonly netCents: Cents;
  readonly employerCents: Cents;
  readonly holidayCents: Cents;
  readonly expensesCents: Cents;
  readonly transferCents: Cents;
}

/**
 * The payslips of the runs dated from @from to @to, one row each. `smart export payroll` reads it
 * in run-then-member order; `smart check` sums the very same rows per month (check-store.ts) and
 * sets them against the ledger, so what the export writes is what is reconciled.
 * Runs are few (one a week) and are scanned first (CROSS JOIN keeps that order: without it
 * SQLite may scan every payslip of ten years to find a month's); each run's payslips come from
 * the (run_id, member_id) unique index and each member by its primary key.
 */
export const PAYROLL_ROWS_SQL = `
  SELECT p.member_id AS memberId, m.name, m.niss, p.category, r.week, r.run_date AS payDate, r.id AS runId,
         p.gross_cents AS grossCents, p.base_cents AS baseCents, p.employee_cents AS employeeCents,
         p.withholding_cents AS withholdingCents, p.special_cents AS specialCents, p.net_cents AS netCents,
         p.employer_cents AS employerCents, p.holiday_cents AS holidayCents, p.expenses_cents AS expensesCents,
         p.transfer_cents AS transferCents
  FROM payout_runs r
  CROSS JOIN payslips p ON p.run_id = r.id
  JOIN members m ON m.id = p.member_id
  WHERE r.run_date BETWEEN @from AND @to`;

/** A cursor over the month's payslips, by run (date, then id) and member. */
export function iteratePayrollForExport(book: Book, period: Period): IterableIterator<PayrollExportRow> {
  return book
    .prepare(`${PAYROLL_ROWS_SQL} ORDER BY r.run_date, r.id, p.member_id`)
    .iterate({ from: period.from, to: period.to }) as IterableIterator<PayrollExportRow>;
}
