/**
 * `smart export payroll` and `smart export social-security` as a user runs them, on the demo
 * book (its run of 2026-11-27): files parsed back and set against the ledger's postings summed
 * here, totals on stderr and in --json, Excel's flavour, 0600, no overwrite without --force, the
 * options refused clearly, and `smart check` failing once the ledger no longer matches.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import BetterSqlite3 from 'better-sqlite3';
import { formatCents } from '../../src/money/cents.js';
import { tempDir } from '../helpers/temp-book.js';
import { type CliResult, json, runSmart } from './support.js';

const FORMULA_NAME = '=HYPERLINK("http://evil.example","click")';

let dir: string;
let cleanup: () => void;
let path: string;
const smart = (args: readonly string[]): CliResult => runSmart([...args, '--db', path], { cwd: dir });

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  path = join(dir, 'book.sqlite');
  const demo = runSmart(['demo', '--db', path], { cwd: dir });
  if (demo.exitCode !== 0) throw new Error(demo.stderr);
  // Member 1 (an artist paid on 2026-11-27) renamed to a formula a spreadsheet would run.
  expect(smart(['member', 'edit', '1', '--name', FORMULA_NAME]).exitCode).toBe(0);
}, 60_000);
afterAll(() => cleanup());

/** The ledger's payout entries of a period, summed with this test's own SQL. */
function ledger(from: string, to: string): { net: number; expenses: number; onss: number; withholding: number; payslips: number } {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT SUM(CASE WHEN a.code = 'liabilities:net-salaries' THEN -p.amount_cents ELSE 0 END) AS net,
                SUM(CASE WHEN a.code = 'liabilities:expenses-payable' THEN -p.amount_cents ELSE 0 END) AS expenses,
                SUM(CASE WHEN a.code = 'liabilities:onss' THEN -p.amount_cents ELSE 0 END) AS onss,
                SUM(CASE WHEN a.code = 'liabilities:withholding-tax' THEN -p.amount_cents ELSE 0 END) AS withholding,
                COUNT(DISTINCT e.id) AS payslips
         FROM entries e JOIN postings p ON p.entry_id = e.id JOIN accounts a ON a.id = p.account_id
         WHERE e.reason = 'payout.salary' AND e.date BETWEEN ? AND ?`,
      )
      .get(from, to) as never;
  } finally {
    db.close();
  }
}

/** "1,234.56" or "1234,56" -> 123456, without floating point. */
function cents(text: string | undefined): number {
  const match = /^(-?)([\d,]*?)[.,](\d{2})$/.exec(text ?? '');
  if (match === null) throw new Error(`not an amount: ${text}`);
  return (match[1] === '-' ? -1 : 1) * (Number((match[2] ?? '').replaceAll(',', '')) * 100 + Number(match[3]));
}

function column(rows: readonly Record<string, string>[], name: string): number {
  return rows.reduce((total, row) => total + cents(row[name]), 0);
}

describe('smart export payroll', () => {
  test("writes the month's payslips, totals equal to the ledger on stderr and in --json, 0600, audited", () => {
    const out = join(dir, 'payroll.csv');
    const result = smart(['export', 'payroll', '--month', '2026-11', '--out', out, '--json']);
    expect(result.exitCode).toBe(0);
    const book = ledger('2026-11-01', '2026-11-30');
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(book.payslips);
    expect(new Set(rows.map((row) => `${row.run} ${row.pay_date}`))).toEqual(new Set(['2026-W48 2026-11-27']));
    expect(column(rows, 'net')).toBe(book.net);
    expect(column(rows, 'expenses')).toBe(book.expenses);
    expect(column(rows, 'withholding')).toBe(book.withholding);
    expect(column(rows, 'employee_contributions') + column(rows, 'employer_contributions') + column(rows, 'holiday_contributions') + column(rows, 'special_contribution')).toBe(book.onss);
    expect(rows.find((row) => row.member === '1')?.name).toBe(`'${FORMULA_NAME}`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const summary = json<{ file: string; rows: number; totals: Record<string, string> }>(result);
    expect(summary).toMatchObject({ file: out, rows: book.payslips });
    expect(summary.totals.net).toBe(formatCents(book.net));
    expect(summary.totals.withholding).toBe(formatCents(book.withholding));
    expect(result.stderr).toContain(`exported payroll 2026-11 to ${out} (${book.payslips} rows, `);
    const stderrNet = /[ ,]net ([\d,]+\.\d\d)[, ]/.exec(result.stderr);
    expect(cents(stderrNet?.[1])).toBe(book.net);
    const audit = json<{ summary: string }[]>(smart(['audit', '--json', '--limit', '1']));
    expect(audit[0]?.summary).toBe(`export payroll 2026-11: ${book.payslips} rows to ${out}`);
  });

  test('stdout without --out; a month without runs is the header alone; --excel has the BOM, ";" and decimal comma', () => {
    const piped = smart(['export', 'payroll', '--month', '2026-11']);
    expect(piped.exitCode).toBe(0);
    expect(piped.stdout.startsWith('member,name,niss,category,run,pay_date,gross,')).toBe(true);
    const empty = smart(['export', 'payroll', '--month', '2026-10']);
    expect(empty.exitCode).toBe(0);
    expect(empty.stdout.split('\r\n').filter((line) => line !== '')).toHaveLength(1);
    const out = join(dir, 'payroll-excel.csv');
    expect(smart(['export', 'payroll', '--month', '2026-11', '--excel', '--out', out]).exitCode).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.every((row) => /^\d+,\d\d$/.test(row.gross ?? ''))).toBe(true);
    expect(column(rows, 'net')).toBe(ledger('2026-11-01', '2026-11-30').net);
  });

  test('refuses to replace a file without --force; bad or missing months are refused', () => {
    const out = join(dir, 'taken.csv');
    writeFileSync(out, 'keep me');
    const refused = smart(['export', 'payroll', '--month', '2026-11', '--out', out]);
    expect(refused.exitCode).toBe(5);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(smart(['export', 'payroll', '--month', '2026-11', '--out', out, '--force']).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^member,name,niss,/);
    const missing = smart(['export', 'payroll']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('--month is missing');
    const bad = smart(['export', 'payroll', '--month', '2026-13']);
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('--month "2026-13" is not a month');
    expect(bad.stdout).toBe('');
  });
});

describe('smart export social-security', () => {
  test("one DmfA worker line per member paid in the quarter, total due equal to the ONSS payable", () => {
    const out = join(dir, 'dmfa.csv');
    const result = smart(['export', 'social-security', '--quarter', '2026-Q4', '--out', out]);
    expect(result.exitCode).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    const book = ledger('2026-10-01', '2026-12-31');
    expect(rows).toHaveLength(book.payslips);
    expect(column(rows, 'total_due')).toBe(book.onss);
    expect(cents(/total_due ([\d,]+\.\d\d)/.exec(result.stderr)?.[1])).toBe(book.onss);
    for (const row of rows) {
      expect(row).toMatchObject({ employer_class: '000', quarter_start: '2026-10-01', quarter_end: '2026-12-31' });
      expect(row.worker_code).toBe(row.category === 'artist' ? '015' : '495');
      expect(Number(row.days_worked)).toBeGreaterThan(0);
    }
    expect(rows.find((row) => row.member === '1')?.name).toBe(`'${FORMULA_NAME}`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  test('--excel flavour; a bad quarter is refused', () => {
    const out = join(dir, 'dmfa-excel.csv');
    expect(smart(['export', 'social-security', '--quarter', '2026-Q4', '--excel', '--out', out]).exitCode).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(column(rows, 'total_due')).toBe(ledger('2026-10-01', '2026-12-31').onss);
    const bad = smart(['export', 'social-security', '--quarter', '2026-Q5']);
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('--quarter "2026-Q5" is not a quarter');
  });
});

describe('smart check', () => {
  test('holds on the demo book and fails once a payout entry is forged into the ledger', () => {
    const sound = smart(['check']);
    expect(sound.exitCode).toBe(0);
    expect(sound.stdout).toMatch(/ok +payroll-matches-ledger/);
    expect(sound.stdout).toMatch(/ok +social-security-matches-onss/);
    const db = new BetterSqlite3(path);
    try {
      const account = (code: string): number => (db.prepare('SELECT id FROM accounts WHERE code = ?').get(code) as { id: number }).id;
      const entry = db
        .prepare(
          `INSERT INTO entries (key, date, reason, memo, command, member_id, posting_count, debit_cents, recorded_at)
           VALUES ('payout:forged', '2026-11-27', 'payout.salary', 'forged', 'sqlite3', 2, 2, 5000, '2026-11-27T10:00:00Z')`,
        )
        .run().lastInsertRowid;
      db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, 5000)').run(entry, account('liabilities:activity:member-2'));
      db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, -5000)').run(entry, account('liabilities:withholding-tax'));
    } finally {
      db.close();
    }
    const tampered = smart(['check']);
    expect(tampered.exitCode).toBe(6);
    expect(tampered.stdout).toMatch(/FAIL +payroll-matches-ledger/);
    expect(tampered.stdout).toContain("2026-11: withholding");
    expect(tampered.stdout).toMatch(/ok +social-security-matches-onss/);
  });
});
