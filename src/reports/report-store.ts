import type { Book } from '../book/open-book.js';
import type { IsoDate } from '../calendar/dates.js';
import type { Cents } from '../money/index.js';

/*
 * The grouped SQL of `smart report`. Every query reads one date range through an index on its
 * date (invoices_by_issue_date, entries_by_date, bank_lines_by_status) and groups by day, so a
 * year is a few hundred small groups whatever the size of the book; the use case rolls the days
 * up into months (or the weeks of a month's chart). Nothing here loops over months.
 */

/** Invoices and credit notes issued on one day (credit notes count negative). */
export interface InvoiceDayRow {
  readonly day: IsoDate;
  readonly invoicedCents: Cents;
  readonly vatCents: Cents;
  /** The fund contributions the day's credit notes reversed (their fund_cents). */
  readonly creditedFundCents: Cents;
  readonly invoices: number;
  readonly creditNotes: number;
}

/** The day's postings on income:levy and equity:guarantee-fund, credit-positive where it reads so. */
export interface LedgerDayRow {
  readonly day: IsoDate;
  /** Credits less debits on income:levy (levy earned less levy reversed by credit notes). */
  readonly levyCents: Cents;
  /** Credits to the guarantee fund (contributions). */
  readonly fundCreditCents: Cents;
  /** Debits to the guarantee fund (credit notes: contribution reversed and budget absorbed; write-offs). */
  readonly fundDebitCents: Cents;
}

/** The payslips of the payout runs of one day. */
export interface PayslipDayRow {
  readonly day: IsoDate;
  readonly payslips: number;
  readonly grossCents: Cents;
  readonly netCents: Cents;
  /** Employer social security plus the artists' holiday contributions. */
  readonly employerCents: Cents;
  /** Employee social security plus the special social security contribution. */
  readonly employeeCents: Cents;
  readonly withholdingCents: Cents;
  readonly expensesCents: Cents;
}

export interface CountDayRow {
  readonly day: IsoDate;
  readonly count: number;
}

export interface AmountDayRow {
  readonly day: IsoDate;
  readonly cents: Cents;
}

export interface MonthCountRow {
  readonly month: string;
  readonly count: number;
}

const LEVY_CODE = 'income:levy';
const FUND_CODE = 'equity:guarantee-fund';

export class ReportStore {
  constructor(private readonly book: Book) {}

  private accountId(code: string): number | null {
    const row = this.book.prepare('SELECT id FROM accounts WHERE code = ?').get(code) as { id: number } | undefined;
    return row?.id ?? null;
  }

  /** invoices_by_issue_date: the period's invoices in date order, grouped without a sort. */
  invoicesByDay(from: IsoDate, to: IsoDate): InvoiceDayRow[] {
    return this.book
      .prepare(
        `SELECT issue_date AS day,
                SUM(CASE kind WHEN 'invoice' THEN amount_excl_vat_cents ELSE -amount_excl_vat_cents END) AS invoicedCents,
                SUM(CASE kind WHEN 'invoice' THEN vat_cents ELSE -vat_cents END) AS vatCents,
                SUM(CASE kind WHEN 'credit-note' THEN fund_cents ELSE 0 END) AS creditedFundCents,
                SUM(kind = 'invoice') AS invoices,
                SUM(kind = 'credit-note') AS creditNotes
         FROM invoices INDEXED BY invoices_by_issue_date
         WHERE issue_date BETWEEN @from AND @to
         GROUP BY issue_date`,
      )
      .all({ from, to }) as InvoiceDayRow[];
  }

  /**
   * The period's entries by entries_by_date (CROSS JOIN keeps them the outer loop), then each
   * entry's few postings by postings_by_entry, kept when they are on the levy or the fund.
   */
  ledgerByDay(from: IsoDate, to: IsoDate): LedgerDayRow[] {
    const levy = this.accountId(LEVY_CODE);
    const fund = this.accountId(FUND_CODE);
    if (levy === null && fund === null) return [];
    return this.book
      .prepare(
        `SELECT e.date AS day,
                coalesce(-SUM(CASE WHEN p.account_id = @levy THEN p.amount_cents END), 0) AS levyCents,
                coalesce(-SUM(CASE WHEN p.account_id = @fund AND p.amount_cents < 0 THEN p.amount_cents END), 0) AS fundCreditCents,
                coalesce(SUM(CASE WHEN p.account_id = @fund AND p.amount_cents > 0 THEN p.amount_cents END), 0) AS fundDebitCents
         FROM entries e INDEXED BY entries_by_date CROSS JOIN postings p INDEXED BY postings_by_entry
         WHERE e.date BETWEEN @from AND @to AND p.entry_id = e.id AND p.account_id IN (@levy, @fund)
         GROUP BY e.date`,
      )
      .all({ from, to, levy: levy ?? -1, fund: fund ?? -1 }) as LedgerDayRow[];
  }

  /**
   * The guarantee fund's credit balance from the entries dated before `from`. Read from whichever
   * end of the book is nearer: the entries before `from` by date, or the whole balance (a covering
   * index sum) less the entries on or after `from`. `periodCents` is the period's own movement
   * (credit-positive), already summed by ledgerByDay.
   */
  fundBalanceBefore(from: IsoDate, to: IsoDate, periodCents: Cents): Cents {
    const fund = this.accountId(FUND_CODE);
    if (fund === null) return 0;
    // Two subqueries, so that each is one step down entries_by_date (MIN and MAX together scan it all).
    const span = this.book.prepare('SELECT (SELECT MIN(date) FROM entries) AS first, (SELECT MAX(date) FROM entries) AS last').get() as { first: string | null; last: string | null };
    if (span.first === null || span.last === null || span.first >= from) return 0;
    const movement = (after: IsoDate, before: IsoDate | null): Cents =>
      (
        this.book
          .prepare(
            `SELECT coalesce(-SUM(p.amount_cents), 0) AS cents
             FROM entries e INDEXED BY entries_by_date CROSS JOIN postings p INDEXED BY postings_by_entry
             WHERE e.date > @after AND (@before IS NULL OR e.date < @before) AND p.entry_id = e.id AND p.account_id = @fund`,
          )
          .get({ after, before, fund }) as { cents: number }
      ).cents;
    const daysBefore = Date.parse(from) - Date.parse(span.first);
    const daysAfter = span.last <= to ? 0 : Date.parse(span.last) - Date.parse(to);
    if (daysBefore <= daysAfter) return movement('', from);
    const total = (this.book.prepare('SELECT coalesce(-SUM(amount_cents), 0) AS cents FROM postings INDEXED BY postings_by_account WHERE account_id = ?').get(fund) as { cents: number }).cents;
    const after = span.last <= to ? 0 : movement(to, null);
    return total - periodCents - after;
  }

  /** The payslips of the runs dated in the period (payout runs are few; payslips by their run). */
  payslipsByDay(from: IsoDate, to: IsoDate): PayslipDayRow[] {
    return this.book
      .prepare(
        `SELECT r.run_date AS day, COUNT(*) AS payslips,
                SUM(ps.gross_cents) AS grossCents, SUM(ps.net_cents) AS netCents,
                SUM(ps.employer_cents + ps.holiday_cents) AS employerCents,
                SUM(ps.employee_cents + ps.special_cents) AS employeeCents,
                SUM(ps.withholding_cents) AS withholdingCents, SUM(ps.expenses_cents) AS expensesCents
         FROM payout_runs r CROSS JOIN payslips ps
         WHERE r.run_date BETWEEN @from AND @to AND ps.run_id = r.id
         GROUP BY r.run_date`,
      )
      .all({ from, to }) as PayslipDayRow[];
  }

  runsByDay(from: IsoDate, to: IsoDate): CountDayRow[] {
    return this.book.prepare('SELECT run_date AS day, COUNT(*) AS count FROM payout_runs WHERE run_date BETWEEN @from AND @to GROUP BY run_date').all({ from, to }) as CountDayRow[];
  }

  /** Members paid at least once, per month of the period and (month '') over the whole period. */
  membersPaid(from: IsoDate, to: IsoDate): MonthCountRow[] {
    return this.book
      .prepare(
        `SELECT substr(r.run_date, 1, 7) AS month, COUNT(DISTINCT ps.member_id) AS count
         FROM payout_runs r CROSS JOIN payslips ps
         WHERE r.run_date BETWEEN @from AND @to AND ps.run_id = r.id
         GROUP BY month
         UNION ALL
         SELECT '' AS month, COUNT(DISTINCT ps.member_id) AS count
         FROM payout_runs r CROSS JOIN payslips ps
         WHERE r.run_date BETWEEN @from AND @to AND ps.run_id = r.id`,
      )
      .all({ from, to }) as MonthCountRow[];
  }

  /** Client payments: bank lines matched to an invoice, by booking date (bank_lines_by_status). */
  receivedByDay(from: IsoDate, to: IsoDate): AmountDayRow[] {
    return this.book
      .prepare(
        `SELECT booking_date AS day, SUM(amount_cents) AS cents FROM bank_lines INDEXED BY bank_lines_by_status
         WHERE status = 'matched' AND booking_date BETWEEN @from AND @to
         GROUP BY booking_date`,
      )
      .all({ from, to }) as AmountDayRow[];
  }

  /** Members joined (or left) per day up to `to`, the days before the period included. */
  membersByDay(column: 'joined_on' | 'left_on', to: IsoDate): CountDayRow[] {
    return this.book.prepare(`SELECT ${column} AS day, COUNT(*) AS count FROM members WHERE ${column} <= @to GROUP BY ${column}`).all({ to }) as CountDayRow[];
  }
}
