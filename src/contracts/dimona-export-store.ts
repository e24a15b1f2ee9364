import type { Book } from '../book/open-book.js';
import type { IsoDate } from '../calendar/dates.js';
import type { Category } from '../members/member.js';

/** One contract as `smart export dimona` declares it: the worker and the period of work. */
export interface DimonaExportRow {
  readonly contractId: number;
  readonly memberId: number;
  readonly niss: string;
  readonly name: string;
  readonly category: Category;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly days: number;
  readonly createdAt: string;
}

/**
 * A cursor over the contracts (cancelled ones aside) whose work overlaps [from, to], in the order
 * of their Dimona deadline (start date, then contract number). The range is read through
 * contracts_by_end (end_date >= from: the recent contracts when the range is recent, which is
 * how the export is used), the member by primary key; the matching rows are sorted by SQLite's
 * sorter, which spills to disk rather than memory.
 */
export function iterateContractsForDimona(book: Book, from: IsoDate, to: IsoDate): IterableIterator<DimonaExportRow> {
  return book
    .prepare(
      `SELECT k.id AS contractId, k.member_id AS memberId, m.niss, m.name, m.category,
              k.start_date AS startDate, k.end_date AS endDate, k.days, k.created_at AS createdAt
       FROM contracts k JOIN members m ON m.id = k.member_id
       WHERE k.end_date >= @from AND k.start_date <= @to AND k.status <> 'cancelled'
       ORDER BY k.start_date, k.id`,
    )
    .iterate({ from, to }) as IterableIterator<DimonaExportRow>;
}
