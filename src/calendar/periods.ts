import { type IsoDate, daysInMonth } from './dates.js';

/**
 * A stretch of calendar days, both ends included: the month of a payroll export, the quarter
 * of a social-security declaration, the year of a report.
 */
export interface Period {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** How a person writes it: "2026-11", "2026-Q4", "2026", or "2026-01-15..2026-02-14". */
  readonly label: string;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function yearOk(year: number): boolean {
  return year >= 1900 && year <= 2999;
}

/** "2026-11" -> 2026-11-01..2026-11-30; undefined when the text is not a month. */
export function parseMonth(text: string): Period | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (!yearOk(year) || month < 1 || month > 12) return undefined;
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`, label: `${year}-${pad(month)}` };
}

/** "2026-Q4" (or "2026-q4", "2026Q4") -> 2026-10-01..2026-12-31. */
export function parseQuarter(text: string): Period | undefined {
  const match = /^(\d{4})-?[Qq]([1-4])$/.exec(text.trim());
  if (match === null) return undefined;
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  if (!yearOk(year)) return undefined;
  const first = (quarter - 1) * 3 + 1;
  const last = first + 2;
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(daysInMonth(year, last))}`, label: `${year}-Q${quarter}` };
}

export function parseYear(text: string): Period | undefined {
  const match = /^(\d{4})$/.exec(text.trim());
  if (match === null) return undefined;
  const year = Number(match[1]);
  if (!yearOk(year)) return undefined;
  return { from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}` };
}

/** A year, a quarter or a month, whichever the text is. */
export function parsePeriod(text: string): Period | undefined {
  return parseYear(text) ?? parseQuarter(text) ?? parseMonth(text);
}

/** Two dates as a period; undefined when `to` comes before `from`. */
export function periodBetween(from: IsoDate, to: IsoDate): Period | undefined {
  if (to < from) return undefined;
  return { from, to, label: `${from}..${to}` };
}

/** The months a period touches, in order, as "YYYY-MM". */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  const last = period.to.slice(0, 7);
  for (;;) {
    const label = `${year}-${pad(month)}`;
    months.push(label);
    if (label >= last) return months;
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
}
