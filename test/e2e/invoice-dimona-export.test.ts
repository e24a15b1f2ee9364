/**
 * As a user runs them: the co-op's ONSS number (`smart init --onss-number`, `smart coop set`),
 * the late-Dimona warning of `smart contract add`, `smart export invoices` and `smart export dimona`.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import BetterSqlite3 from 'better-sqlite3';
import { tempDir } from '../helpers/temp-book.js';
import { COOP_FLAGS, type E2eBook, PEOPLE, json, memberFlags, newBook, runSmart } from './support.js';

const FORMULA_NAME = '=HYPERLINK("http://x","y")';
/** A valid ONSS employer number: 1234567 x 100 mod 97 = 47, and 96 - 47 = 49. */
const ONSS = '1234567-49';

describe('the co-op\'s ONSS employer number', () => {
  test('smart init --onss-number records it; a wrong one refuses the whole init and leaves no book', () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'book.sqlite');
      const wrong = runSmart(['init', '--db', path, ...COOP_FLAGS, '--onss-number', '1234567-48']);
      expect(wrong.exitCode).toBe(3);
      expect(wrong.stderr).toContain('--onss-number');
      expect(wrong.stderr).toContain('check digits');
      expect(existsSync(path)).toBe(false);
      expect(runSmart(['init', '--db', path, ...COOP_FLAGS, '--onss-number', ONSS]).exitCode).toBe(0);
      expect(json<{ onssNumber: string }>(runSmart(['coop', 'show', '--json', '--db', path]))).toMatchObject({ onssNumber: '123456749', enterpriseNumber: '0123456749' });
    } finally {
      cleanup();
    }
  });

  test('smart coop set records it once, refuses a wrong one, and says when nothing changed', () => {
    const book = newBook();
    try {
      expect(json<{ onssNumber: string | null }>(book.run(['coop', 'show', '--json'])).onssNumber).toBeNull();
      expect(book.run(['coop', 'set']).exitCode).toBe(2);
      const wrong = book.run(['coop', 'set', '--onss-number', '12345678901']);
      expect(wrong.exitCode).toBe(3);
      expect(wrong.stderr).toContain('at most 10 digits');
      const set = book.run(['coop', 'set', '--onss-number', ONSS]);
      expect(set.exitCode).toBe(0);
      expect(set.stderr).toContain('ONSS employer number recorded: 1234567-49.');
      expect(json(book.run(['coop', 'set', '--onss-number', '123456749', '--json']))).toEqual({ onssNumber: '123456749', previous: '123456749', changed: false });
      expect(book.run(['coop', 'show']).stdout).toMatch(/onss number\s+1234567-49/);
      expect(json<{ summary: string }[]>(book.run(['audit', '--json', '--limit', '1']))[0]?.summary).toBe('coop ONSS number set to 1234567-49');
    } finally {
      book.cleanup();
    }
  });
});

describe('contracts, invoices and their exports', () => {
  let book: E2eBook;
  beforeAll(() => {
    book = newBook();
    expect(book.run(['member', 'add', ...memberFlags(PEOPLE[0], { '--joined': '2026-01-01' })]).exitCode).toBe(0);
    expect(book.run(['member', 'add', ...memberFlags(PEOPLE[1], { '--joined': '2026-01-01', '--category': 'artist' })]).exitCode).toBe(0);
    expect(book.run(['client', 'add', '--name', FORMULA_NAME, '--address', 'Rue X 1, 1000 Bruxelles', '--vat', 'BE0403170701']).exitCode).toBe(0);
  });
  afterAll(() => book.cleanup());

  test('smart contract add warns, exit 0, when the work started before the contract was recorded (a late Dimona)', () => {
    const late = book.run(['contract', 'add', '--member', '1', '--client', '1', '--start', '2026-11-02', '--end', '2026-11-06', '--days', '5', '--amount', '1000', '--description', 'Lighting']);
    expect(late.exitCode).toBe(0);
    expect(late.stderr).toMatch(/warning: Contract 1 starts on 2026-11-02, before it was recorded \(\d{4}-\d{2}-\d{2}\): its Dimona was due by 2026-11-02\./);
    const again = json<{ id: number; created: boolean; warnings: string[] }>(book.run(['contract', 'add', '--member', '1', '--client', '1', '--start', '2026-11-02', '--end', '2026-11-06', '--days', '5', '--amount', '1000', '--description', 'Lighting', '--json']));
    expect(again).toMatchObject({ id: 1, created: false });
    expect(again.warnings).toHaveLength(1);
    // Work that starts in the future can still be declared in time: no warning.
    const future = book.run(['contract', 'add', '--member', '2', '--client', '1', '--start', '2031-03-03', '--end', '2031-03-04', '--days', '2', '--amount', '400', '--description', 'Concert', '--vat-rate', '6', '--json']);
    expect(future.exitCode).toBe(0);
    expect(future.stderr).not.toContain('warning');
    expect(json<{ warnings: string[] }>(future).warnings).toEqual([]);
  });

  test('smart export invoices --period: the register, parsed back, agrees with the ledger; names are inert', () => {
    expect(book.run(['invoice', 'issue', '1', '--date', '2026-11-09']).exitCode).toBe(0);
    expect(book.run(['invoice', 'credit', '2026-000001', '--amount', '200', '--reason', 'one day less', '--date', '2026-11-10']).exitCode).toBe(0);
    const out = join(book.dir, 'invoices.csv');
    const result = book.run(['export', 'invoices', '--period', '2026-11', '--out', out]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/exported invoices 2026-11 to .*invoices\.csv \(2 rows, \d+ bytes\); totals: amount_excl_vat 800\.00, vat 168\.00, total 968\.00, levy 52\.00, fund 16\.00, budget 732\.00, paid 0\.00, open_balance 968\.00 EUR/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.number, row.kind, row.credited_invoice, row.amount_excl_vat, row.status])).toEqual([
      ['2026-000001', 'invoice', '', '1000.00', 'open'],
      ['2026-000002', 'credit-note', '2026-000001', '-200.00', 'credit-note'],
    ]);
    expect(rows[0]?.client_name).toBe(`'${FORMULA_NAME}`);
    const db = new BetterSqlite3(book.path, { readonly: true });
    const ledger = db
      .prepare(
        `SELECT SUM(CASE WHEN a.code = 'income:levy' THEN -p.amount_cents ELSE 0 END) AS levy,
                SUM(CASE WHEN a.code = 'liabilities:vat-payable' THEN -p.amount_cents ELSE 0 END) AS vat
         FROM entries e JOIN postings p ON p.entry_id = e.id JOIN accounts a ON a.id = p.account_id
         WHERE e.date BETWEEN '2026-11-01' AND '2026-11-30'`,
      )
      .get() as { levy: number; vat: number };
    db.close();
    const cents = (text: string | undefined): number => Number((text ?? '').replace('.', ''));
    expect(rows.reduce((sum, row) => sum + cents(row.levy), 0)).toBe(ledger.levy);
    expect(rows.reduce((sum, row) => sum + cents(row.vat), 0)).toBe(ledger.vat);
  });

  test('smart export invoices: --excel, --json, no overwrite without --force, bad periods refused', () => {
    const excel = join(book.dir, 'invoices-excel.csv');
    expect(book.run(['export', 'invoices', '--excel', '--out', excel]).exitCode).toBe(0);
    const bytes = readFileSync(excel);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.total)).toEqual(['1210,00', '-242,00']);
    const summary = json<{ rows: number; totals: Record<string, string> }>(book.run(['export', 'invoices', '--from', '2026-11-10', '--to', '2026-11-30', '--out', join(book.dir, 'j.csv'), '--json']));
    expect(summary).toMatchObject({ rows: 1, totals: { total: '-242.00', open_balance: '0.00' } });
    writeFileSync(excel, 'keep me');
    const refused = book.run(['export', 'invoices', '--out', excel]);
    expect(refused.exitCode).toBe(5);
    expect(readFileSync(excel, 'utf8')).toBe('keep me');
    expect(book.run(['export', 'invoices', '--out', excel, '--force']).exitCode).toBe(0);
    expect(book.run(['export', 'invoices', '--period', '2026-Q5']).exitCode).toBe(3);
    expect(book.run(['export', 'invoices', '--period', '2026', '--from', '2026-01-01']).exitCode).toBe(2);
  });

  test('smart export dimona is refused until the ONSS number is recorded, then lists the contracts of the range', () => {
    const out = join(book.dir, 'dimona.csv');
    const refused = book.run(['export', 'dimona', '--from', '2026-11-01', '--to', '2026-11-30', '--out', out]);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toContain('smart coop set --onss-number');
    expect(existsSync(out)).toBe(false);
    expect(book.run(['export', 'dimona', '--from', '2026-11-01']).exitCode).toBe(2);
    expect(book.run(['coop', 'set', '--onss-number', ONSS]).exitCode).toBe(0);
    const result = book.run(['export', 'dimona', '--from', '2026-11-01', '--to', '2026-11-30', '--out', out]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/exported dimona 2026-11-01\.\.2026-11-30 to .*dimona\.csv \(1 rows, \d+ bytes\)/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      expect.objectContaining({
        declaration: 'IN',
        employer_onss: '123456749',
        employer_enterprise: '0123456749',
        member: '1',
        niss: PEOPLE[0].niss,
        name: PEOPLE[0].name,
        category: 'employee',
        joint_committee: '200',
        worker_type: 'OTH',
        start_date: '2026-11-02',
        end_date: '2026-11-06',
        days: '5',
        contract: '1',
        deadline: '2026-11-02',
        recorded_late: 'yes',
      }),
    ]);
    // The artist's contract of 2031, declared under the artists' joint committee.
    const later = parse(book.run(['export', 'dimona', '--from', '2031-03-04', '--to', '2031-03-31']).stdout, { columns: true }) as Record<string, string>[];
    expect(later.map((row) => [row.contract, row.category, row.joint_committee, row.recorded_late])).toEqual([['2', 'artist', '304', 'no']]);
  });
});
