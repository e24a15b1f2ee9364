import type { Book } from '../book/open-book.js';
import { type IsoDate, daysInMonth } from '../calendar/dates.js';
import { type Period, monthsOf, parseMonth } from '../calendar/periods.js';
import type { Cents } from '../money/index.js';
import { type CountDayRow, ReportStore } from './report-store.js';

/**
 * The figures of `smart report` for one stretch of time (a month, or a year's total). Amounts
 * are integer cents; where each comes from is documented in docs/exports.md (## Reports).
 */
export interface ReportFigures {
  /** Invoices less credit notes issued in the period, excluding VAT (the invoices table). */
  readonly invoicedCents: Cents;
  readonly vatCents: Cents;
  readonly invoices: number;
  readonly creditNotes: number;
  /** Credits less debits on income:levy (the ledger). */
  readonly levyCents: Cents;
  /** Contributions credited to equity:guarantee-fund, less those credit notes reversed. */
  readonly fundInCents: Cents;
  /** What the fund absorbed: write-offs and the budget of credit notes issued after the payout. */
  readonly fundOutCents: Cents;
  /** The fund's credit balance at the end of the period (the ledger). */
  readonly fundBalanceCents: Cents;
  /** Payslips of the payout runs dated in the period (the payslips table). */
  readonly grossCents: Cents;
  readonly netCents: Cents;
  /** Employer social security plus the artists' holiday contributions. */
  readonly employerCents: Cents;
  /** Employee social security plus the special social security contribution. */
  readonly employeeCents: Cents;
  readonly withholdingCents: Cents;
  readonly expensesCents: Cents;
  readonly payslips: number;
  readonly payoutRuns: number;
  /** Bank lines matched to invoices (client payments), by booking date. */
  readonly receivedCents: Cents;
  /** Members who have joined and not left by the end of the period. */
  readonly membersActive: number;
  readonly membersJoined: number;
  readonly membersLeft: number;
  /** Members with at least one payslip in the period (each counted once). */
  readonly membersPaid: number;
}

export interface ReportRow extends ReportFigures {
  /** "2026-11" for a month, "2026" for a year's total. */
  readonly label: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** One bar pair of the chart: invoiced vs gross salaries (months of a year, weeks of a month). */
export interface ChartBar {
  readonly label: string;
  readonly invoicedCents: Cents;
  readonly grossCents: Cents;
}

export type ReportKind = 'month' | 'year';

export interface Report {
  readonly kind: ReportKind;
  readonly period: Period;
  /** The months of the period in order: twelve for a year, one for a month. */
  readonly months: readonly ReportRow[];
  /** The whole period: flows summed, balances and active members at its end, members paid once. */
  readonly total: ReportRow;
  /** For a year, its months; for a month, its weeks (days 1–7, 8–14, 15–21, 22–28, 29–end). */
  readonly chart: readonly ChartBar[];
}

type Flow = {
  -readonly [K in keyof ReportFigures]: number;
};

function emptyFlow(): Flow {
  return {
    invoicedCents: 0,
    vatCents: 0,
    invoices: 0,
    creditNotes: 0,
    levyCents: 0,
    fundInCents: 0,
    fundOutCents: 0,
    fundBalanceCents: 0,
    grossCents: 0,
    netCents: 0,
    employerCents: 0,
    employeeCents: 0,
    withholdingCents: 0,
    expensesCents: 0,
    payslips: 0,
    payoutRuns: 0,
    receivedCents: 0,
    membersActive: 0,
    membersJoined: 0,
    membersLeft: 0,
    membersPaid: 0,
  };
}

/** The figures summed over a period; the balances and active members are set afterwards. */
const SUMMED: readonly (keyof ReportFigures)[] = [
  'invoicedCents',
  'vatCents',
  'invoices',
  'creditNotes',
  'levyCents',
  'fundInCents',
  'fundOutCents',
  'grossCents',
  'netCents',
  'employerCents',
  'employeeCents',
  'withholdingCents',
  'expensesCents',
  'payslips',
  'payoutRuns',
  'receivedCents',
  'membersJoined',
  'membersLeft',
];

/** "1–7", "8–14", "15–21", "22–28", "29–30": the weeks of a month's chart, by day of the month. */
export function weekOfMonth(day: IsoDate): number {
  return Math.min(4, Math.floor((Number(day.slice(8, 10)) - 1) / 7));
}

function weekLabels(month: string): string[] {
  const last = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  const labels = ['1–7', '8–14', '15–21', '22–28'];
  if (last >= 29) labels.push(last === 29 ? '29' : `29–${last}`);
  return labels;
}

/** Counts per day up to the end of the period, as the number on or before each month's end. */
function cumulativeAt(rows: readonly CountDayRow[], ends: readonly IsoDate[]): number[] {
  const sorted = [...rows].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const result: number[] = [];
  let index = 0;
  let count = 0;
  for (const end of ends) {
    while (index < sorted.length && (sorted[index]?.day ?? '') <= end) {
      count += sorted[index]?.count ?? 0;
      index += 1;
    }
    result.push(count);
  }
  return result;
}

/**
 * Reads the period's figures from the book in one read transaction (so they agree with each
 * other even while a run commits), grouped by day in SQL and rolled up here by month.
 */
export function buildReport(book: Book, kind: ReportKind, period: Period): Report {
  const store = new ReportStore(book);
  return book.transaction((): Report => {
    const months = monthsOf(period);
    const flows = new Map<string, Flow>(months.map((month) => [month, emptyFlow()]));
    const weeks = kind === 'month' ? weekLabels(months[0] ?? period.from.slice(0, 7)).map((label) => ({ label, invoicedCents: 0, grossCents: 0 })) : [];
    const flowOf = (day: IsoDate): Flow => {
      const flow = flows.get(day.slice(0, 7));
      if (flow === undefined) throw new Error(`report: ${day} is outside ${period.label}`);
      return flow;
    };
    const weekOf = (day: IsoDate): { invoicedCents: number; grossCents: number } | undefined => weeks[weekOfMonth(day)];

    for (const row of store.invoicesByDay(period.from, period.to)) {
      const flow = flowOf(row.day);
      flow.invoicedCents += row.invoicedCents;
      flow.vatCents += row.vatCents;
      flow.invoices += row.invoices;
      flow.creditNotes += row.creditNotes;
      // A credit note debits the fund with the contribution it reverses and the budget it absorbs:
      // the reversal is netted out of the contributions, so "out" is only what the fund absorbed.
      flow.fundInCents -= row.creditedFundCents;
      flow.fundOutCents -= row.creditedFundCents;
      const week = weekOf(row.day);
      if (week !== undefined) week.invoicedCents += row.invoicedCents;
    }
    let periodFundCents = 0;
    for (const row of store.ledgerByDay(period.from, period.to)) {
      const flow = flowOf(row.day);
      flow.levyCents += row.levyCents;
      flow.fundInCents += row.fundCreditCents;
      flow.fundOutCents += row.fundDebitCents;
      periodFundCents += row.fundCreditCents - row.fundDebitCents;
    }
    for (const row of store.payslipsByDay(period.from, period.to)) {
      const flow = flowOf(row.day);
      flow.payslips += row.payslips;
      flow.grossCents += row.grossCents;
      flow.netCents += row.netCents;
      flow.employerCents += row.employerCents;
      flow.employeeCents += row.employeeCents;
      flow.withholdingCents += row.withholdingCents;
      flow.expensesCents += row.expensesCents;
      const week = weekOf(row.day);
      if (week !== undefined) week.grossCents += row.grossCents;
    }
    for (const row of store.runsByDay(period.from, period.to)) flowOf(row.day).payoutRuns += row.count;
    for (const row of store.receivedByDay(period.from, period.to)) flowOf(row.day).receivedCents += row.cents;

    const joined = store.membersByDay('joined_on', period.to);
    const left = store.membersByDay('left_on', period.to);
    for (const row of joined) if (row.day >= period.from) flowOf(row.day).membersJoined += row.count;
    for (const row of left) if (row.day >= period.from) flowOf(row.day).membersLeft += row.count;
    const ends = months.map((month) => {
      const end = parseMonth(month)?.to ?? period.to;
      return end < period.to ? end : period.to;
    });
    const joinedAt = cumulativeAt(joined, ends);
    const leftAt = cumulativeAt(left, ends);

    const paid = new Map(store.membersPaid(period.from, period.to).map((row) => [row.month, row.count]));
    let fundBalance = store.fundBalanceBefore(period.from, period.to, periodFundCents);
    const rows: ReportRow[] = months.map((month, index) => {
      const flow = flows.get(month) ?? emptyFlow();
      fundBalance += flow.fundInCents - flow.fundOutCents;
      const range = parseMonth(month);
      return {
        ...flow,
        fundBalanceCents: fundBalance,
        membersActive: (joinedAt[index] ?? 0) - (leftAt[index] ?? 0),
        membersPaid: paid.get(month) ?? 0,
        label: month,
        from: range === undefined || range.from < period.from ? period.from : range.from,
        to: ends[index] ?? period.to,
      };
    });

    const total = emptyFlow();
    for (const row of rows) for (const key of SUMMED) total[key] += row[key];
    const last = rows[rows.length - 1];
    const totalRow: ReportRow = {
      ...total,
      fundBalanceCents: last?.fundBalanceCents ?? fundBalance,
      membersActive: last?.membersActive ?? 0,
      membersPaid: paid.get('') ?? 0,
      label: period.label,
      from: period.from,
      to: period.to,
    };
    const chart: ChartBar[] = kind === 'year' ? rows.map((row) => ({ label: row.label, invoicedCents: row.invoicedCents, grossCents: row.grossCents })) : weeks;
    return { kind, period, months: rows, total: totalRow, chart };
  })();
}
