/**
 * `smart export ledger` as an administrator runs it on the demo book, in each format: the file
 * (0600, no overwrite without --force), the message on stderr, the audit row, and what the
 * accountant's tools read from it (hledger, bean-check), compared with the book by SQL.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import BetterSqlite3 from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beanCheck, describeWithLedgerTools, hledger, hledgerBalances } from '../helpers/ledger-tools.js';
import { tempDir } from '../helpers/temp-book.js';
import { type CliResult, json, runSmart } from './support.js';

let dir = '';
let cleanup: () => void = () => undefined;
let path = '';

function smart(args: readonly string[]): CliResult {
  return runSmart([...args, '--db', path], { cwd: dir });
}

/** Balances by account code from the book itself (zeros left out), optionally up to a date. */
function bookBalances(to = '9999-12-31'): Map<string, number> {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT a.code, sum(p.amount_cents) AS cents FROM postings p JOIN entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
         WHERE e.date <= ? GROUP BY a.code HAVING sum(p.amount_cents) <> 0`,
      )
      .all(to) as { code: string; cents: number }[];
    return new Map(rows.map((row) => [row.code, row.cents]));
  } finally {
    db.close();
  }
}

function debitTotal(): number {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return (db.prepare('SELECT sum(amount_cents) AS total FROM postings WHERE amount_cents > 0').get() as { total: number }).total;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  path = join(dir, 'book.sqlite');
  const demo = runSmart(['demo', '--db', path], { cwd: dir });
  if (demo.exitCode !== 0) throw new Error(`smart demo failed: ${demo.stderr}`);
});
afterAll(() => cleanup());

describe('smart export ledger --format csv', () => {
  test('--excel: BOM, semicolons, decimal comma; every posting; equal debit and credit totals on stderr and in --json', () => {
    const out = join(dir, 'ledger.csv');
    const result = smart(['export', 'ledger', '--excel', '--out', out, '--json']);
    expect(result.exitCode).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';', columns: true }) as Record<string, string>[];
    const cents = (text: string | undefined): number => {
      if (text === undefined || text === '') return 0;
      expect(text).toMatch(/^\d+,\d{2}$/);
      return Number(text.replace(',', ''));
    };
    const debit = rows.reduce((sum, row) => sum + cents(row.debit), 0);
    const credit = rows.reduce((sum, row) => sum + cents(row.credit), 0);
    expect(debit).toBe(debitTotal());
    expect(credit).toBe(debit);
    const digits = String(debit).padStart(3, '0');
    const total = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
    const summary = json<{ file: string; rows: number; totals: Record<string, string> }>(result);
    expect(summary).toEqual({ file: out, rows: rows.length, bytes: bytes.length, totals: { debit: total, credit: total } });
    expect(result.stderr).toMatch(/exported ledger csv to .*ledger\.csv \(\d+ rows, \d+ bytes\); totals: debit [\d,]+\.\d\d, credit [\d,]+\.\d\d EUR/);
    const audit = json<{ summary: string }[]>(smart(['audit', '--json', '--limit', '1']));
    expect(audit[0]?.summary).toBe(`export ledger csv: ${rows.length} rows to ${out}`);
  });

  test('refuses to replace a file without --force and leaves it as it was; --force replaces it', () => {
    const out = join(dir, 'taken.csv');
    writeFileSync(out, 'keep me');
    const refused = smart(['export', 'ledger', '--out', out]);
    expect(refused.exitCode).toBe(5);
    expect(refused.stderr).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(smart(['export', 'ledger', '--out', out, '--force']).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^entry,date,key,reason,memo,account,account_name,member,debit,credit\r\n/);
  });

  test('wrong options are refused before anything is written', () => {
    const excel = smart(['export', 'ledger', '--format', 'hledger', '--excel']);
    expect(excel.exitCode).toBe(2);
    expect(excel.stderr).toContain('--excel is a flavour of the CSV export only');
    const format = smart(['export', 'ledger', '--format', 'xlsx']);
    expect(format.exitCode).toBe(3);
    expect(format.stderr).toContain('--format must be csv, hledger or beancount');
    expect(smart(['export', 'ledger', '--period', '2026', '--from', '2026-01-01']).exitCode).toBe(2);
    expect(smart(['export', 'ledger', '--from', '2026-01-01']).exitCode).toBe(2);
    expect(smart(['export', 'ledger', '--period', '2026-13']).exitCode).toBe(3);
    for (const result of [excel, format]) expect(result.stdout).toBe('');
  });
});

describeWithLedgerTools('smart export ledger --format hledger | beancount, read by the tools', () => {
  test('hledger: a 0600 journal that passes hledger check -s, with the book\'s balances', () => {
    const out = join(dir, 'book.journal');
    const result = smart(['export', 'ledger', '--format', 'hledger', '--out', out]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/exported ledger hledger to .*book\.journal \(\d+ bytes\)/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    for (const args of [['check', '-s'], ['check', 'accounts', 'commodities', 'balanced', 'ordereddates']]) {
      const check = hledger(['-f', out, ...args]);
      expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
    }
    expect(hledgerBalances(out)).toEqual(bookBalances());
  });

  test('hledger on stdout, for a pipe: --period 2026-11 opens with the balances of October, ends with the book\'s at 30 November', () => {
    const result = smart(['export', 'ledger', '--format', 'hledger', '--period', '2026-11']);
    expect(result.exitCode).toBe(0);
    const file = join(dir, 'piped.journal');
    writeFileSync(file, result.stdout);
    expect(hledger(['-f', file, 'check', '-s']).status).toBe(0);
    expect(result.stdout).toContain('2026-11-01 (opening-balances:2026-11-01)');
    const balances = hledgerBalances(file);
    for (const [code, cents] of bookBalances('2026-11-30')) if (!code.startsWith('income:')) expect([code, balances.get(code)]).toEqual([code, cents]);
  });

  test('beancount: a 0600 file that passes bean-check, for the whole book and for a quarter', () => {
    for (const args of [[], ['--period', '2026-Q4']]) {
      const out = join(dir, `book${args.length}.beancount`);
      const result = smart(['export', 'ledger', '--format', 'beancount', '--out', out, ...args]);
      expect(result.exitCode).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      const check = beanCheck(out);
      expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
      expect(readFileSync(out, 'utf8')).toContain('option "operating_currency" "EUR"');
    }
  });
});
