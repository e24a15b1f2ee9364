/**
 * Helpers of the bank statement end-to-end tests: a book whose invoices 2026-000001 to
 * 2026-000004 are the ones fixtures/bank/ pays (prepared in-process, closed before the CLI
 * touches it), the fixtures' paths, and read-only looks at what the book holds.
 */
import type { ImportOutcome } from '../../src/bank/import-statement.js';
import BetterSqlite3 from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { contractFor, memberAndClient } from '../helpers/invoicing-fixture.js';
import { createTempBook, testContext } from '../helpers/temp-book.js';
import { type E2eBook, runSmart, runSmartAsync } from './support.js';

/** A file of fixtures/bank/ (e.g. "kbc.csv", "coda/statement.cod"). */
export function bankFixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/bank/${name}`, import.meta.url));
}

/**
 * The invoices the fixtures name, issued in this order on a fresh book (so they get these
 * numbers), each for one contract of Ada Peeters with the Théâtre National at 21 % VAT. The
 * totals are what kbc.csv, bnp-paribas-fortis.csv, argenta.csv, generic.csv and ing.csv pay:
 * 1,210.00 (+++202/6000/00192+++), 605.50 ("Factuur 2026-000002"), 363.00 (***202/6000/00394***)
 * and 2,420.00 (202600000495).
 */
export const INVOICES = [
  { number: '2026-000001', excl: '1000.00', total: '1210.00', communication: '+++202/6000/00192+++' },
  { number: '2026-000002', excl: '500.41', total: '605.50', communication: '+++202/6000/00293+++' },
  { number: '2026-000003', excl: '300.00', total: '363.00', communication: '+++202/6000/00394+++' },
  { number: '2026-000004', excl: '2000.00', total: '2420.00', communication: '+++202/6000/00495+++' },
] as const;

/** The date the invoices are issued: before the first payment of any fixture (5 January 2026). */
export const ISSUE_DATE = '2026-01-02';

/** "2420.00" -> 242000, through the digits: no float touches an amount. */
const cents = (amount: string): number => {
  const match = /^(\d+)\.(\d{2})$/.exec(amount);
  if (match === null) throw new Error(`not an amount: ${amount}`);
  return Number(match[1]) * 100 + Number(match[2]);
};

/**
 * A closed book with the four INVOICES, and `--db` of it appended to every command. Checks that
 * the numbers, totals and structured communications are the ones the fixtures use.
 */
export function bankBook(): E2eBook {
  const temp = createTempBook();
  try {
    temp.book.transaction(() => {
      const ids = memberAndClient(temp.book);
      for (const expected of INVOICES) {
        const contractId = contractFor(temp.book, ids, { description: `Job for ${expected.number}`, start: '2026-01-01', end: '2026-01-02', days: '2', amount: expected.excl });
        const { invoice } = issueInvoice(temp.book, testContext(), { contractId, date: ISSUE_DATE });
        if (invoice.number !== expected.number || invoice.totalCents !== cents(expected.total) || invoice.structuredCommunication !== expected.communication) {
          throw new Error(`prepared invoice ${invoice.number} (${invoice.totalCents} cents, ${invoice.structuredCommunication}) is not ${JSON.stringify(expected)}`);
        }
      }
    })();
  } finally {
    temp.book.close();
  }
  return {
    dir: temp.dir,
    path: temp.path,
    run: (args, options = {}) => runSmart([...args, '--db', temp.path], { cwd: temp.dir, ...options }),
    runAsync: (args, options = {}) => runSmartAsync([...args, '--db', temp.path], { cwd: temp.dir, ...options }),
    cleanup: temp.cleanup,
  };
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A read-only query on a closed book (every smart process must have exited). */
export function query<T>(path: string, sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Every row of every table, as sorted JSON lines per table: what changed between two reads. */
export function tableContents(path: string): Record<string, string[]> {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const contents: Record<string, string[]> = {};
    for (const { name } of tables) {
      contents[name] = (db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort();
    }
    return contents;
  } finally {
    db.close();
  }
}

/** What each invoice has been paid (by number, "1210.00"), and the credits kept for the client. */
export function paymentsOf(path: string): { paid: Record<string, string>; credit: string } {
  const rows = query<{ number: string; paid: number }>(
    path,
    `SELECT i.number, SUM(p.amount_cents) AS paid FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE p.kind = 'invoice' GROUP BY i.number ORDER BY i.number`,
  );
  const credit = query<{ credit: number }>(path, `SELECT coalesce(SUM(amount_cents), 0) AS credit FROM payments WHERE kind = 'credit'`)[0]?.credit ?? 0;
  return { paid: Object.fromEntries(rows.map((row) => [row.number, (row.paid / 100).toFixed(2)])), credit: (credit / 100).toFixed(2) };
}

/** The JSON of `smart bank import --json`: the import's outcome as it is. */
export type ImportJson = ImportOutcome;

/** One line of `smart bank unmatched --json`. */
export interface UnmatchedJson {
  readonly id: number;
  readonly date: string;
  readonly amount: string;
  readonly currency: string;
  readonly counterparty: string | null;
  readonly counterpartyIban: string | null;
  readonly communication: string | null;
  readonly structuredReference: string | null;
  readonly status: string;
}
