import type { Book } from '../book/open-book.js';
import type { Period } from '../calendar/periods.js';
import type { Cents } from '../money/index.js';

/** One worker line of a quarter: a member's payslips of one category added up. */
export interface SocialSecurityExportRow {
  readonly quarter: string;
  readonly memberId: number;
  readonly name: string;
  readonly niss: string;
  /** The payslips' category (employee or artist): it gives the DmfA worker code. */
  readonly category: string;
  readonly daysWorked: number;
  readonly grossCents: Cents;
  readonly baseCents: Cents;
  readonly employeeCents: Cents;
  readonly employerCents: Cents;
  readonly holidayCents: Cents;
  readonly specialCents: Cents;
  /** employee + employer + holiday + special contributions: what the run credited to liabilities:onss. */
  readonly dueCents: Cents;
}

/** "2026-Q4" of a run date, in SQL. */
const QUARTER_OF_RUN = `substr(r.run_date, 1, 4) || '-Q' || ((CAST(substr(r.run_date, 6, 2) AS INTEGER) + 2) / 3)`;

/**
 * The money of each worker line: per quarter of the run date, per member and per category (a
 * DmfA worker line changes when the worker code does, so a member who changed category in the
 * quarter has two lines), the sums of the payslips of the runs dated from @from to @to.
 * Payslips that paid only expenses (no gross, no contributions) make no line. Runs are read
 * first and their payslips by the (run_id, member_id) index, as in PAYROLL_ROWS_SQL.
 * `smart export social-security` reads one quarter of it; `smart check` sums the very same rows
 * per quarter (check-store.ts) and sets them against the ONSS payable in the ledger.
 */
export const SOCIAL_SECURITY_FIGURES_SQL = `
  SELECT ${QUARTER_OF_RUN} AS quarter, p.member_id AS memberId, m.name, m.niss, p.category,
         SUM(p.gross_cents) AS grossCents, SUM(p.base_cents) AS baseCents, SUM(p.employee_cents) AS employeeCents,
         SUM(p.employer_cents) AS employerCents, SUM(p.holiday_cents) AS holidayCents, SUM(p.special_cents) AS specialCents,
         SUM(p.employee_cents + p.employer_cents + p.holiday_cents + p.special_cents) AS dueCents
  FROM payout_runs r
  CROSS JOIN payslips p ON p.run_id = r.id
  JOIN members m ON m.id = p.member_id
  WHERE r.run_date BETWEEN @from AND @to
  GROUP BY quarter, p.member_id, p.category
  HAVING SUM(p.gross_cents) <> 0 OR SUM(p.employee_cents + p.employer_cents + p.holiday_cents + p.special_cents) <> 0`;

/**
 * Days worked on a worker line: the days of the contracts whose invoices the line's payslips
 * paid out (payout_items -> invoices -> contracts). The payslips are found by the
 * payslips_by_member index on (member, run) for the period's runs only, not among all the
 * member's payslips of ten years. A credit note does not change the days: the work was done
 * and its salary paid (see docs/exports.md).
 */
const DAYS_WORKED_SQL = `
  (SELECT coalesce(SUM(c.days), 0)
   FROM payslips s
   JOIN payout_items pi ON pi.payslip_id = s.id
   JOIN invoices i ON i.id = pi.invoice_id
   JOIN contracts c ON c.id = i.contract_id
   WHERE s.member_id = f.memberId AND s.run_id IN (SELECT id FROM payout_runs WHERE run_date BETWEEN @from AND @to)
     AND s.category = f.category)`;

/** A cursor over the quarter's worker lines, by member then category (so by worker code). */
export function iterateSocialSecurityForExport(book: Book, quarter: Period): IterableIterator<SocialSecurityExportRow> {
  return book
    .prepare(`SELECT f.*, ${DAYS_WORKED_SQL} AS daysWorked FROM (${SOCIAL_SECURITY_FIGURES_SQL}) f ORDER BY f.memberId, f.category`)
    .iterate({ from: quarter.from, to: quarter.to }) as IterableIterator<SocialSecurityExportRow>;
}
