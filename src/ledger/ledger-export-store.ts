import type { Book } from '../book/open-book.js';
import type { Cents } from '../money/cents.js';
import type { AccountType } from './chart.js';

/** The dates of a ledger export; `undefined` ends are open (the whole book). */
export interface LedgerRange {
  readonly from?: string;
  readonly to?: string;
}

/** Open ends of a range as dates, so that every query keeps a plain range on entries_by_date. */
const FIRST_DAY = '0000-01-01';
const LAST_DAY = '9999-12-31';

/**
 * One posting with its entry, as the ledger export reads them: entry by entry, in date order.
 * A tuple (better-sqlite3's raw rows): a million rows are read a quarter faster than as objects.
 */
export type LedgerPostingRow = readonly [
  entryId: number,
  date: string,
  key: string,
  reason: string,
  memo: string,
  memberId: number | null,
  reversesEntryId: number | null,
  accountCode: string,
  accountName: string,
  amountCents: Cents,
];

export interface LedgerAccountRow {
  readonly code: string;
  readonly type: AccountType;
  readonly name: string;
}

export interface OpeningBalanceRow {
  readonly code: string;
  readonly type: AccountType;
  readonly name: string;
  /** Debit-positive balance of the account from every entry dated before the period. */
  readonly balanceCents: Cents;
}

/**
 * The first date the export writes: its --from when given, else the date of the book's earliest
 * entry in the range (null when there is none). Both are one step on the entries_by_date index.
 */
export function firstLedgerDate(book: Book, range: LedgerRange): string | null {
  if (range.from !== undefined) return range.from;
  const row = book.prepare('SELECT min(date) AS first FROM entries WHERE date <= ?').get(range.to ?? LAST_DAY) as { first: string | null };
  return row.first;
}

/** Whether the book holds entries dated before `from` (then the export opens with their balances). */
export function hasEntriesBefore(book: Book, from: string): boolean {
  const row = book.prepare('SELECT EXISTS (SELECT 1 FROM entries WHERE date < ?) AS found').get(from) as { found: number };
  return row.found === 1;
}

/**
 * The accounts the export may post to, in code order (the unique index on code, no sort): every
 * account with a posting dated on or before the end of the range. For each account the EXISTS
 * stops at its first such posting (postings_by_account, then the entry by its primary key).
 */
export function iterateLedgerAccounts(book: Book, range: LedgerRange): IterableIterator<LedgerAccountRow> {
  return book
    .prepare(
      `SELECT a.code, a.type, a.name FROM accounts a
       WHERE EXISTS (SELECT 1 FROM postings p JOIN entries e ON e.id = p.entry_id
                     WHERE p.account_id = a.id AND e.date <= @to)
       ORDER BY a.code`,
    )
    .iterate({ to: range.to ?? LAST_DAY }) as IterableIterator<LedgerAccountRow>;
}

/**
 * Each account's balance from the entries dated before `from`, accounts whose balance is zero
 * left out, in code order. Read from whichever end of the book is nearer (counted in entries):
 * the entries before `from`, or each account's whole balance less the entries on or after
 * `from`. An accountant mostly asks for this year, at the end of a long book: from the end, the
 * opening balances of the last year of a ten-year book take seconds instead of most of a minute.
 */
export function iterateOpeningBalances(book: Book, from: string): IterableIterator<OpeningBalanceRow> {
  const counts = book.prepare('SELECT (SELECT COUNT(*) FROM entries) AS total, (SELECT COUNT(*) FROM entries WHERE date >= ?) AS after').get(from) as { total: number; after: number };
  return counts.after < counts.total - counts.after ? openingBalancesFromTheEnd(book, from) : openingBalancesFromTheStart(book, from);
}

/**
 * The entries before `from`. The CROSS JOIN keeps SQLite reading the entries first, from
 * entries_by_date, then their postings from postings_by_entry, in the order they were written,
 * and grouping them in a sorter: six times faster on 4.5 million postings than the plan it
 * otherwise picks (every posting in account order, each entry looked up at random).
 */
function openingBalancesFromTheStart(book: Book, from: string): IterableIterator<OpeningBalanceRow> {
  return book
    .prepare(
      `SELECT a.code, a.type, a.name, t.balance AS balanceCents
       FROM (SELECT p.account_id, sum(p.amount_cents) AS balance
             FROM entries e CROSS JOIN postings p ON p.entry_id = e.id
             WHERE e.date < @from
             GROUP BY p.account_id) t
       JOIN accounts a ON a.id = t.account_id
       WHERE t.balance <> 0
       ORDER BY a.code`,
    )
    .iterate({ from }) as IterableIterator<OpeningBalanceRow>;
}

/**
 * Each account's whole balance (a sum over the covering postings_by_account, in code order)
 * less what the entries on or after `from` posted to it (summed per account first: one entry
 * per account in memory, a few megabytes for a ten-year book's accounts).
 */
function* openingBalancesFromTheEnd(book: Book, from: string): IterableIterator<OpeningBalanceRow> {
  const later = new Map(
    book
      .prepare(
        `SELECT p.account_id, sum(p.amount_cents)
         FROM entries e INDEXED BY entries_by_date CROSS JOIN postings p INDEXED BY postings_by_entry ON p.entry_id = e.id
         WHERE e.date >= @from
         GROUP BY p.account_id`,
      )
      .raw(true)
      .all({ from }) as [number, number][],
  );
  const accounts = book
    .prepare(
      `SELECT a.id, a.code, a.type, a.name,
              (SELECT coalesce(sum(p.amount_cents), 0) FROM postings p INDEXED BY postings_by_account WHERE p.account_id = a.id) AS total
       FROM accounts a ORDER BY a.code`,
    )
    .iterate() as IterableIterator<{ id: number; code: string; type: AccountType; name: string; total: Cents }>;
  for (const account of accounts) {
    const balanceCents = account.total - (later.get(account.id) ?? 0);
    if (balanceCents !== 0) yield { code: account.code, type: account.type, name: account.name, balanceCents };
  }
}

/**
 * Every posting of the entries dated in the range, entry by entry in (date, id) order and each
 * entry's postings in the order they were written. A cursor: the entries come in order from
 * entries_by_date (no sort, however large the book), their postings from postings_by_entry and
 * each account by its primary key, so 1.5 million entries stream in constant memory.
 */
export function iterateLedgerPostings(book: Book, range: LedgerRange): IterableIterator<LedgerPostingRow> {
  return book
    .prepare(
      `SELECT e.id, e.date, e.key, e.reason, e.memo, e.member_id, e.reverses_entry_id, a.code, a.name, p.amount_cents
       FROM entries e
       JOIN postings p ON p.entry_id = e.id
       JOIN accounts a ON a.id = p.account_id
       WHERE e.date >= @from AND e.date <= @to
       ORDER BY e.date, e.id, p.id`,
    )
    .raw(true)
    .iterate({ from: range.from ?? FIRST_DAY, to: range.to ?? LAST_DAY }) as IterableIterator<LedgerPostingRow>;
}
