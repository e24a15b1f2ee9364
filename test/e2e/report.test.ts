import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayCents, formatCents } from '../../src/money/cents.js';
import { POPPLER } from '../helpers/pdf-workspace.js';
import { tempDir } from '../helpers/temp-book.js';
import { json, runSmart } from './support.js';

/*
 * `smart report` on the demo book (built by `smart demo`, which invoices in November 2026, pays
 * the run of 2026-11-27 and imports a bank statement), spawned as the built bin. The figures are
 * compared with the test's own SQL over the demo book's postings and tables.
 */

const temp = tempDir();
const path = join(temp.dir, 'book.sqlite');
const run = (args: readonly string[]) => runSmart([...args, '--db', path], { cwd: temp.dir });

beforeAll(() => {
  const demo = runSmart(['demo', '--db', path], { cwd: temp.dir });
  if (demo.exitCode !== 0) throw new Error(`smart demo failed: ${demo.stderr}`);
});
afterAll(() => temp.cleanup());

/** The test's own sums over the demo book, read-only. */
function fromBook(from: string, to: string) {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const postings = (code: string, reasons: readonly string[] | null, since = from): number =>
      (
        db
          .prepare(
            `SELECT coalesce(SUM(p.amount_cents), 0) AS cents FROM postings p JOIN entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
             WHERE a.code LIKE ? AND e.date BETWEEN ? AND ?${reasons === null ? '' : ` AND e.reason IN (${reasons.map(() => '?').join(', ')})`}`,
          )
          .get(code, since, to, ...(reasons ?? [])) as { cents: number }
      ).cents;
    const invoicing = ['invoice.issue', 'invoice.credit'];
    const payslips = db
      .prepare('SELECT coalesce(SUM(gross_cents), 0) AS gross, COUNT(*) AS count FROM payslips ps JOIN payout_runs r ON r.id = ps.run_id WHERE r.run_date BETWEEN ? AND ?')
      .get(from, to) as { gross: number; count: number };
    const active = db.prepare('SELECT COUNT(*) AS count FROM members WHERE joined_on <= ? AND (left_on IS NULL OR left_on > ?)').get(to, to) as { count: number };
    return {
      invoiced: postings('assets:receivable:%', invoicing) + postings('liabilities:vat-payable', invoicing),
      levy: 0 - postings('income:levy', null),
      fundBalance: 0 - postings('equity:guarantee-fund', null, '0000-00-00'),
      received: postings('assets:bank', ['bank.payment']),
      net: 0 - postings('liabilities:net-salaries', ['payout.salary']),
      gross: payslips.gross,
      payslips: payslips.count,
      membersActive: active.count,
    };
  } finally {
    db.close();
  }
}

interface ReportJson {
  kind: string;
  period: string;
  from: string;
  to: string;
  total: Record<string, string | number>;
  months: Record<string, string | number>[];
}

describe('smart report', () => {
  test('--month --json: the figures of November agree with the book, amounts as strings', () => {
    const result = run(['report', '--month', '2026-11', '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const report = json<ReportJson>(result);
    expect(report).toMatchObject({ kind: 'month', period: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    expect(report.months).toHaveLength(1);
    const expected = fromBook('2026-11-01', '2026-11-30');
    const { payslips, membersActive, ...amounts } = expected;
    expect(report.total).toMatchObject({ payslips, membersActive, ...Object.fromEntries(Object.entries(amounts).map(([key, cents]) => [key, formatCents(cents)])) });
    expect(payslips).toBeGreaterThan(0);
    expect(expected.invoiced).toBeGreaterThan(0);
    expect(expected.received).toBeGreaterThan(0);
    for (const key of ['invoiced', 'vat', 'levy', 'fundIn', 'fundOut', 'fundBalance', 'gross', 'net', 'employerContributions', 'withholding', 'expenses', 'received']) {
      expect([key, report.total[key]]).toEqual([key, expect.stringMatching(/^-?\d+\.\d{2}$/)]);
    }
  });

  test('--year: a table per subject, a row per month and the total, on stdout', () => {
    const result = run(['report', '--year', '2026']);
    expect(result.exitCode).toBe(0);
    const expected = fromBook('2026-01-01', '2026-12-31');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Report 2026 (2026-01-01 to 2026-12-31), amounts in EUR');
    expect(lines.filter((line) => /^2026-\d\d /.test(line))).toHaveLength(36);
    const totals = lines.filter((line) => line.startsWith('total '));
    expect(totals).toHaveLength(3);
    expect(totals[0]).toContain(displayCents(expected.invoiced));
    expect(totals[0]).toContain(displayCents(expected.levy));
    expect(totals[1]).toContain(displayCents(expected.gross));
  });

  test('with neither --month nor --year: the current year', () => {
    const result = run(['report', '--json']);
    expect(result.exitCode).toBe(0);
    const year = String(new Date().getFullYear());
    expect(json<ReportJson>(result)).toMatchObject({ kind: 'year', period: year, from: `${year}-01-01`, to: `${year}-12-31` });
    expect(json<ReportJson>(result).months).toHaveLength(12);
  });

  test('--pdf: an A4 report with its figures, 0600, never replaced without --force', () => {
    const pdf = join(temp.dir, 'report-2026.pdf');
    const first = run(['report', '--year', '2026', '--pdf', pdf, '--json']);
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toMatch(/Wrote the report 2026 to .*report-2026\.pdf/);
    expect(json<ReportJson>(first).kind).toBe('year');
    expect(statSync(pdf).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (POPPLER) {
      const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      const expected = fromBook('2026-01-01', '2026-12-31');
      for (const cents of [expected.invoiced, expected.gross, expected.levy, expected.received]) expect(text).toContain(displayCents(cents));
      expect(text).toContain('REPORT');
      expect(text).toContain('Page 2 of 2');
    }

    writeFileSync(pdf, 'mine');
    const again = run(['report', '--year', '2026', '--pdf', pdf]);
    expect(again.exitCode).toBe(5);
    expect(again.stderr).toMatch(/already exists/);
    expect(again.stdout).toBe('');
    expect(readFileSync(pdf, 'utf8')).toBe('mine');
    const forced = run(['report', '--month', '2026-11', '--pdf', pdf, '--force']);
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('mistakes: exit 2 for a usage error, 3 for a bad month, 4 for a missing folder; no stack trace', () => {
    const both = run(['report', '--month', '2026-11', '--year', '2026']);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/--month and --year cannot be combined/);
    const force = run(['report', '--force']);
    expect(force.exitCode).toBe(2);
    const month = run(['report', '--month', '2026-13']);
    expect(month.exitCode).toBe(3);
    expect(month.stderr).toMatch(/YYYY-MM/);
    const folder = run(['report', '--month', '2026-11', '--pdf', join(temp.dir, 'missing', 'r.pdf')]);
    expect(folder.exitCode).toBe(4);
    expect(folder.stdout).toBe('');
    for (const result of [both, force, month, folder]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('--help has examples', () => {
    const help = runSmart(['report', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
    expect(help.stdout).toContain('smart report --year 2026 --pdf report-2026.pdf');
    expect(help.stdout).toContain('--month <YYYY-MM>');
  });
});
