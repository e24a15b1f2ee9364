import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Book, openBook } from '../../src/book/open-book.js';
import { buildDemo } from '../../src/demo/build-demo.js';
import { creditInvoice } from '../../src/invoicing/credit-invoice.js';
import * as chart from '../../src/ledger/chart.js';
import { type AccountSpec, type AccountType, BANK, LEVY_INCOME } from '../../src/ledger/chart.js';
import { OPENING_BALANCES, beancountAccount, beancountJournal, hledgerJournal, ledgerCsvExport, type LedgerRange } from '../../src/ledger/ledger-export.js';
import { iterateOpeningBalances } from '../../src/ledger/ledger-export-store.js';
import { LedgerStore } from '../../src/ledger/ledger-store.js';
import { postEntry } from '../../src/ledger/post-entry.js';
import { formatCents } from '../../src/money/cents.js';
import type { ExportSink } from '../../src/exports/export-sink.js';
import { type TableExport, exportTable } from '../../src/exports/table-export.js';
import { type BeancountFile, beanCheck, describeWithLedgerTools, hledger, hledgerBalances, hledgerTransactions, loadBeancount } from '../helpers/ledger-tools.js';
import { tempDir, testContext } from '../helpers/temp-book.js';

/**
 * `smart export ledger` on the demo book (members, shares, a member leaving, invoices in every VAT
 * treatment, a credit note, an expense note, the payout run of 2026-11-27, a bank statement),
 * plus a credit note whose reason a person typed with quotes, semicolons and a line break, and a
 * hand-made entry whose memo is a spreadsheet formula, with its reversal. Each format is read
 * back (csv-parse, hledger, beancount's own loader) and compared with the book's postings,
 * summed here with SQL of the test's own.
 */
const TRICKY_REASON = 'Client said "one day less"; see mail of 27/11\nsecond line: \\ backslash\tand a tab';
const FORMULA_MEMO = '=HYPERLINK("http://x","y")';
const ODD_KEY = 'test:odd) key; (x)';
/** A period that starts after the book's first entry and ends before its last ones. */
const PERIOD = { from: '2026-11-10', to: '2026-11-27' } as const;

let dir = '';
let cleanup: () => void = () => undefined;
let book: Book;
let creditMemo = '';

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const path = join(dir, 'book.sqlite');
  await buildDemo(path, testContext('2026-11-30'));
  book = openBook(path, '2026-12-03T10:00:00.000Z');
  const context = testContext('2026-12-03');
  const credit = creditInvoice(book, context, { number: '2026-000003', reason: TRICKY_REASON, date: '2026-11-28', amountCents: 10_000 });
  creditMemo = (book.prepare('SELECT memo FROM entries WHERE key = ?').get(`invoice:${credit.creditNote.number}`) as { memo: string }).memo;
  book.transaction(() => {
    const ledger = new LedgerStore(book);
    const formula = postEntry(ledger, context, {
      key: 'test:formula',
      date: '2026-12-02',
      reason: 'test.manual',
      memo: FORMULA_MEMO,
      postings: [
        { account: BANK, amountCents: 123 },
        { account: LEVY_INCOME, amountCents: -123 },
      ],
    });
    postEntry(ledger, context, {
      key: 'test:formula:reversal',
      date: '2026-12-03',
      reason: 'test.reversal',
      memo: 'Reversal; "wrong" entry',
      reversesEntryId: formula.entryId,
      postings: [
        { account: BANK, amountCents: -123 },
        { account: LEVY_INCOME, amountCents: 123 },
      ],
    });
    // A key with what would end hledger's code or start a comment, and no memo at all.
    postEntry(ledger, context, {
      key: ODD_KEY,
      date: '2026-12-03',
      reason: 'test.manual',
      memo: '',
      postings: [
        { account: BANK, amountCents: 5 },
        { account: LEVY_INCOME, amountCents: -5 },
      ],
    });
  })();
});

afterAll(() => {
  if (book?.open) book.close();
  cleanup();
});

// --- what the book holds, by the test's own SQL ---------------------------------------------

interface BookPosting {
  readonly entry: number;
  readonly date: string;
  readonly key: string;
  readonly reason: string;
  readonly memo: string;
  readonly member: number | null;
  readonly reverses: number | null;
  readonly code: string;
  readonly name: string;
  readonly type: string;
  readonly cents: number;
}

function bookPostings(range: LedgerRange = {}): BookPosting[] {
  return book
    .prepare(
      `SELECT e.id AS entry, e.date, e.key, e.reason, e.memo, e.member_id AS member, e.reverses_entry_id AS reverses,
              a.code, a.name, a.type, p.amount_cents AS cents
       FROM postings p JOIN entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
       WHERE e.date >= coalesce(@from, '0000') AND e.date <= coalesce(@to, '9999')
       ORDER BY e.date, e.id, p.id`,
    )
    .all({ from: range.from ?? null, to: range.to ?? null }) as BookPosting[];
}

/** Each account's balance from the entries dated in [from, to] (either end open), zeros left out. */
function balances(from: string | null, to: string | null, before = false): Map<string, { type: string; cents: number }> {
  const rows = book
    .prepare(
      `SELECT a.code, a.type, sum(p.amount_cents) AS cents
       FROM postings p JOIN entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
       WHERE (@from IS NULL OR (CASE WHEN @before THEN e.date < @from ELSE e.date >= @from END))
         AND (@to IS NULL OR e.date <= @to)
       GROUP BY a.code HAVING sum(p.amount_cents) <> 0`,
    )
    .all({ from, to, before: before ? 1 : 0 }) as { code: string; type: string; cents: number }[];
  return new Map(rows.map((row) => [row.code, { type: row.type, cents: row.cents }]));
}

/**
 * What a period's export must show per account: asset, liability and equity accounts their
 * balance at `to` (the book's), income and expense accounts the period's movements, and
 * equity:opening-balances the result of the entries before `from` (minus the balance-sheet
 * accounts' balances then).
 */
function expectedPeriodBalances(from: string, to: string): Map<string, number> {
  const expected = new Map<string, number>();
  for (const [code, { type, cents }] of balances(null, to)) if (['asset', 'liability', 'equity'].includes(type)) expected.set(code, cents);
  for (const [code, { type, cents }] of balances(from, to)) if (['income', 'expense'].includes(type)) expected.set(code, cents);
  let carried = 0;
  for (const { type, cents } of balances(from, null, true).values()) if (['asset', 'liability', 'equity'].includes(type)) carried += cents;
  if (carried !== 0) expected.set('equity:opening-balances', 0 - carried);
  return expected;
}

function bookBalances(): Map<string, number> {
  return new Map([...balances(null, null)].map(([code, { cents }]) => [code, cents]));
}

function entryCount(range: LedgerRange = {}): number {
  return new Set(bookPostings(range).map((posting) => posting.entry)).size;
}

function write(name: string, pieces: Iterable<string>): string {
  const file = join(dir, name);
  writeFileSync(file, [...pieces].join(''));
  return file;
}

/** The table as the export writes it (the framework's writer, into memory), parsed back with csv-parse. */
async function csvRecords(table: TableExport): Promise<Record<string, string>[]> {
  let csv = '';
  const sink: ExportSink = {
    path: null,
    write: async (text) => {
      csv += text;
    },
    commit: async () => Buffer.byteLength(csv),
    abort: async () => undefined,
  };
  await exportTable(sink, table, { excel: false });
  return parse(csv, { columns: true }) as Record<string, string>[];
}

function sumOf(map: Map<string, number>): number {
  let total = 0;
  for (const cents of map.values()) total += cents;
  return total;
}

// --- CSV -------------------------------------------------------------------------------------

describe('csv: one row per posting', () => {
  test('every posting of the book, in date order, with its entry, account and amount', async () => {
    const records = await csvRecords(ledgerCsvExport(book, {}));
    const postings = bookPostings();
    expect(records).toHaveLength(postings.length);
    expect(records.map((record) => [record.entry, record.date, record.key, record.reason, record.account, record.account_name, record.member, record.debit, record.credit])).toEqual(
      postings.map((posting) => [
        String(posting.entry),
        posting.date,
        posting.key,
        posting.reason,
        posting.code,
        posting.name,
        posting.member === null ? '' : String(posting.member),
        posting.cents > 0 ? formatCents(posting.cents) : '',
        posting.cents < 0 ? formatCents(0 - posting.cents) : '',
      ]),
    );
    const dates = records.map((record) => record.date ?? '');
    expect([...dates].sort()).toEqual(dates);
  });

  test('debit and credit totals are equal and equal the sum of the debits in the book', () => {
    const table = ledgerCsvExport(book, {});
    let debit = 0;
    let credit = 0;
    for (const row of table.rows) {
      debit += Number(row[8] ?? 0);
      credit += Number(row[9] ?? 0);
    }
    const { total } = book.prepare('SELECT sum(amount_cents) AS total FROM postings WHERE amount_cents > 0').get() as { total: number };
    expect(debit).toBe(total);
    expect(credit).toBe(total);
    expect(table.columns.filter((column) => column.total === true).map((column) => column.name)).toEqual(['debit', 'credit']);
  });

  test('a memo that is a formula comes out inert; a memo with quotes, semicolons and a line break comes back exactly', async () => {
    const records = await csvRecords(ledgerCsvExport(book, {}));
    expect(records.filter((record) => record.key === 'test:formula').map((record) => record.memo)).toEqual([`'${FORMULA_MEMO}`, `'${FORMULA_MEMO}`]);
    expect(creditMemo).toContain(TRICKY_REASON);
    const credit = records.filter((record) => record.reason === 'invoice.credit' && record.date === '2026-11-28');
    expect(credit.length).toBeGreaterThan(1);
    expect(new Set(credit.map((record) => record.memo))).toEqual(new Set([creditMemo]));
  });

  test('a period opens with the balances before it: balances at its end equal the book, income shows the period', async () => {
    const records = await csvRecords(ledgerCsvExport(book, PERIOD));
    const opening = records.filter((record) => record.reason === 'opening-balances');
    expect(opening.length).toBeGreaterThan(2);
    expect(new Set(opening.map((record) => `${record.entry}|${record.date}`))).toEqual(new Set([`|${PERIOD.from}`]));
    expect(records.slice(0, opening.length)).toEqual(opening);
    const sums = new Map<string, number>();
    for (const record of records) {
      const cents = (text: string | undefined): number => (text === undefined || text === '' ? 0 : Number(text.replace('.', '')));
      sums.set(record.account ?? '', (sums.get(record.account ?? '') ?? 0) + cents(record.debit) - cents(record.credit));
    }
    const nonZero = new Map([...sums].filter(([, cents]) => cents !== 0));
    expect(nonZero).toEqual(expectedPeriodBalances(PERIOD.from, PERIOD.to));
    expect(records.length - opening.length).toBe(bookPostings(PERIOD).length);
  });

  test('opening balances are the same read from the start of the book or from its end, whichever is nearer', () => {
    const dates = (book.prepare('SELECT DISTINCT date FROM entries ORDER BY date').all() as { date: string }[]).map((row) => row.date);
    const total = (book.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n;
    const after = (from: string): number => (book.prepare('SELECT COUNT(*) AS n FROM entries WHERE date >= ?').get(from) as { n: number }).n;
    // Both ways are taken: early dates read the entries before, late ones the whole balance less the entries after.
    expect(dates.some((date) => after(date) < total - after(date))).toBe(true);
    expect(dates.some((date) => after(date) >= total - after(date))).toBe(true);
    for (const from of dates) {
      const opening = new Map([...iterateOpeningBalances(book, from)].map((row) => [row.code, row.balanceCents]));
      expect(opening).toEqual(new Map([...balances(from, null, true)].map(([code, { cents }]) => [code, cents])));
    }
  });

  test('a period that starts on or before the first entry has no opening entry', async () => {
    const records = await csvRecords(ledgerCsvExport(book, { from: '2025-01-01', to: '2026-12-31' }));
    expect(records.filter((record) => record.reason === 'opening-balances')).toEqual([]);
    expect(records).toHaveLength(bookPostings().length);
  });
});

// --- hledger and beancount, read by the real tools -------------------------------------------

describeWithLedgerTools('hledger journal, read by hledger', () => {
  let whole = '';
  let period = '';
  beforeAll(() => {
    whole = write('whole.journal', hledgerJournal(book, {}));
    period = write('period.journal', hledgerJournal(book, PERIOD));
  });

  test('passes hledger check, strict and with the optional checks', () => {
    for (const file of [whole, period]) {
      for (const args of [['check'], ['check', '-s'], ['check', 'accounts', 'commodities', 'balanced', 'ordereddates']]) {
        const result = hledger(['-f', file, ...args]);
        expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
      }
    }
  });

  test('the balance of every account equals the book', () => {
    expect(hledgerBalances(whole)).toEqual(bookBalances());
    expect(sumOf(bookBalances())).toBe(0);
  });

  test('one transaction per entry, with its key, tags and postings', () => {
    const transactions = hledgerTransactions(whole);
    expect(transactions).toHaveLength(entryCount());
    const byEntry = new Map<string, BookPosting[]>();
    for (const posting of bookPostings()) byEntry.set(String(posting.entry), [...(byEntry.get(String(posting.entry)) ?? []), posting]);
    for (const transaction of transactions) {
      const postings = byEntry.get(transaction.tags.get('entry') ?? '') ?? [];
      const first = postings[0];
      expect(first).toBeDefined();
      // hledger's code ends at ")": the export writes a ")" of a key as "]".
      expect([transaction.date, transaction.code, transaction.tags.get('reason')]).toEqual([first?.date, first?.key.replace(/\)/g, ']'), first?.reason]);
      expect(transaction.tags.get('member')).toBe(first?.member === null ? undefined : String(first?.member));
      expect(transaction.postings).toEqual(postings.map((posting) => ({ account: posting.code, cents: posting.cents })));
    }
    const reversal = transactions.find((transaction) => transaction.code === 'test:formula:reversal');
    expect(reversal?.tags.get('reverses')).toBe(transactions.find((transaction) => transaction.code === 'test:formula')?.tags.get('entry'));
  });

  test('declares each account with its type: the bank as cash, then assets, liabilities, equity, income', () => {
    const result = hledger(['-f', whole, 'accounts', '--types']);
    expect(result.status).toBe(0);
    const types = new Map(result.stdout.trim().split('\n').map((line) => line.split(/\s+;\s+type:\s*/) as [string, string]));
    expect(types.get('assets:bank')).toBe('C');
    const book_types = book.prepare('SELECT DISTINCT a.code, a.type FROM accounts a JOIN postings p ON p.account_id = a.id').all() as { code: string; type: string }[];
    const letters: Record<string, string> = { asset: 'A', liability: 'L', equity: 'E', income: 'R', expense: 'X' };
    for (const { code, type } of book_types) if (code !== 'assets:bank') expect([code, types.get(code)]).toEqual([code, letters[type]]);
  });

  test('a memo with quotes, semicolons and a line break: one-line description, the exact memo in the comment', () => {
    const transactions = hledgerTransactions(whole);
    const credit = transactions.find((transaction) => transaction.date === '2026-11-28' && transaction.tags.get('reason') === 'invoice.credit');
    expect(credit?.description).toBe(creditMemo.replace(/\s*\n\s*|\t/g, ' ').replace(/;/g, ','));
    expect(credit?.comment).toContain(`memo: ${creditMemo}\n`);
    expect(credit?.postings.length).toBeGreaterThan(1);
    const formula = transactions.find((transaction) => transaction.code === 'test:formula');
    expect(formula?.description).toBe(FORMULA_MEMO);
    const odd = transactions.find((transaction) => transaction.code === 'test:odd] key; (x]');
    expect(odd).toMatchObject({ description: '', postings: [{ account: 'assets:bank', cents: 5 }, { account: 'income:levy', cents: -5 }] });
  });

  test('a period: opening balances on its first day, balances at its end equal the book', () => {
    expect(hledgerBalances(period)).toEqual(expectedPeriodBalances(PERIOD.from, PERIOD.to));
    const transactions = hledgerTransactions(period);
    expect(transactions[0]?.date).toBe(PERIOD.from);
    expect(transactions[0]?.tags.get('reason')).toBe('opening-balances');
    expect(transactions).toHaveLength(entryCount(PERIOD) + 1);
    expect(transactions.every((transaction) => transaction.date >= PERIOD.from && transaction.date <= PERIOD.to)).toBe(true);
  });
});

describeWithLedgerTools('beancount file, read by bean-check and beancount', () => {
  let whole = '';
  let period = '';
  let loaded: { whole: BeancountFile; period: BeancountFile };
  beforeAll(() => {
    whole = write('whole.beancount', beancountJournal(book, {}));
    period = write('period.beancount', beancountJournal(book, PERIOD));
    loaded = { whole: loadBeancount(whole), period: loadBeancount(period) };
  });

  test('passes bean-check', () => {
    for (const file of [whole, period]) {
      const result = beanCheck(file);
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    }
  });

  /** Each beancount account's balance, by the book's code its open directive carries. */
  function balancesByCode(file: BeancountFile): Map<string, number> {
    expect(file.errors).toEqual([]);
    const codes = new Map(file.opens.map((open) => [open.account, open.code ?? '']));
    const sums = new Map<string, number>();
    for (const transaction of file.transactions) {
      for (const posting of transaction.postings) {
        const code = codes.get(posting.account);
        expect(code).toBeDefined();
        sums.set(code ?? '', (sums.get(code ?? '') ?? 0) + posting.cents);
      }
    }
    return new Map([...sums].filter(([, cents]) => cents !== 0));
  }

  test('options, one open per account on or before its first posting, balances equal the book', () => {
    const { whole: file } = loaded;
    expect(file.currencies).toEqual(['EUR']);
    expect(file.title).toBe('Coopérative Démo SCRL');
    const opened = new Map(file.opens.map((open) => [open.account, open.date]));
    expect(new Set(file.opens.map((open) => open.code)).size).toBe(file.opens.length);
    for (const transaction of file.transactions) {
      for (const posting of transaction.postings) expect((opened.get(posting.account) ?? '9999') <= transaction.date).toBe(true);
    }
    expect(balancesByCode(file)).toEqual(bookBalances());
  });

  test('one transaction per entry, flagged *, with the exact memo as narration and the entry as metadata', () => {
    const { whole: file } = loaded;
    expect(file.transactions).toHaveLength(entryCount());
    expect(new Set(file.transactions.map((transaction) => transaction.flag))).toEqual(new Set(['*']));
    const entries = book.prepare('SELECT id, key, reason, memo, member_id AS member FROM entries ORDER BY id').all() as { id: number; key: string; reason: string; memo: string; member: number | null }[];
    expect(
      file.transactions
        .map((transaction) => ({ id: Number(transaction.meta.entry), key: transaction.meta.key, reason: transaction.meta.reason, memo: transaction.narration, member: transaction.meta.member === undefined ? null : Number(transaction.meta.member) }))
        .sort((a, b) => a.id - b.id),
    ).toEqual(entries);
    expect(entries.map((entry) => entry.memo)).toEqual(expect.arrayContaining([creditMemo, FORMULA_MEMO, 'Reversal; "wrong" entry', '']));
    expect(entries.map((entry) => entry.key)).toContain(ODD_KEY);
  });

  test('every account of the chart has a name bean-check accepts', () => {
    const specs: { code: string; type: AccountType }[] = [OPENING_BALANCES];
    for (const value of Object.values(chart)) {
      if (typeof value === 'function') specs.push((value as (id: number) => AccountSpec)(12), (value as (id: number) => AccountSpec)(100_000));
      else if (typeof value === 'object' && value !== null && 'code' in value) specs.push(value as AccountSpec);
    }
    const names = [...new Set(specs.map((spec) => beancountAccount(spec.code, spec.type)))];
    expect(names.length).toBe(new Set(specs.map((spec) => spec.code)).size);
    const text = [
      ...names.map((name) => `2026-01-01 open ${name} EUR\n`),
      ...names.slice(1).map((name) => `\n2026-01-02 * "every account"\n  ${name}  1.00 EUR\n  ${names[0] ?? ''}  -1.00 EUR\n`),
    ].join('');
    const result = beanCheck(write('chart.beancount', [text]));
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('a period: opening balances on its first day, balances at its end equal the book', () => {
    expect(balancesByCode(loaded.period)).toEqual(expectedPeriodBalances(PERIOD.from, PERIOD.to));
    expect(loaded.period.transactions).toHaveLength(entryCount(PERIOD) + 1);
    expect(loaded.period.transactions[0]).toMatchObject({ date: PERIOD.from, meta: { reason: 'opening-balances' } });
    expect(new Set(loaded.period.opens.map((open) => open.date))).toEqual(new Set([PERIOD.from]));
  });
});
