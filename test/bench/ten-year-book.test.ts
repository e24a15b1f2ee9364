import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import BetterSqlite3 from 'better-sqlite3';
import { PayoutStore } from '../../src/payouts/payout-store.js';
import { computeSalary, salaryRatesAt } from '../../src/payroll/salary-engine.js';
import { loadRules } from '../../src/rules/set-rule.js';
import { runSmart } from '../helpers/run-cli.js';

/**
 * The ten-year book of the benchmark (scripts/ten-year-book.js) on a small scale: it must be a
 * book smart itself accepts (`smart check` passes, the next weekly run pays what is due), its
 * payslips must be what runPayout would have computed, and the same seed must give the same book.
 * Needs the built CLI (dist/), as the e2e tests.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILDER = join(ROOT, 'scripts', 'ten-year-book.js');
const PARAMETERS = ['--members', '300', '--invoices', '1500', '--lines', '1700', '--clients', '20', '--seed', '7'];

let dir: string;
let book: string;
let facts: Record<string, any>;

function build(out: string): Record<string, any> {
  const result = spawnSync(process.execPath, [BUILDER, ...PARAMETERS, '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
  expect({ exitCode: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ exitCode: 0, stderr: '' });
  return JSON.parse(readFileSync(`${out}.json`, 'utf8')) as Record<string, any>;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'smart-ten-year-'));
  book = join(dir, 'book.sqlite');
  facts = build(book);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('smart check passes on the ten-year book', () => {
  const result = runSmart(['check', '--db', book]);
  expect({ exitCode: result.exitCode, failed: result.stdout.split('\n').filter((line) => !line.startsWith('ok') && line !== '') }).toEqual({ exitCode: 0, failed: [] });
}, 60_000);

test('the book holds ten years: the invoices asked for, a run every Friday, payments, write-offs, members who left', () => {
  const db = new BetterSqlite3(book, { readonly: true });
  try {
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT COUNT(*) AS n FROM invoices WHERE kind = 'invoice'")).toBe(1500);
    expect(count("SELECT COUNT(*) AS n FROM contracts WHERE status = 'open'")).toBe(100);
    // 2017-01-06 to 2026-11-20, every Friday (the first invoices come with the first members, joining from 2017 on, more each year).
    expect(count('SELECT COUNT(*) AS n FROM payout_runs')).toBe(516);
    expect(count("SELECT COUNT(*) AS n FROM payout_runs WHERE strftime('%w', run_date) <> '5'")).toBe(0);
    expect(db.prepare('SELECT MIN(issue_date) AS first, MAX(issue_date) AS last FROM invoices').get()).toEqual({ first: expect.stringMatching(/^201[78]-/), last: expect.stringMatching(/^2026-11-2[1-7]$/) });
    // At least the L lines asked for (more when the payments alone exceed L).
    expect(count('SELECT COUNT(*) AS n FROM bank_lines')).toBe(facts.bankLines);
    expect(facts.bankLines).toBeGreaterThanOrEqual(1700);
    expect(count("SELECT COUNT(*) AS n FROM bank_lines WHERE status = 'matched'")).toBe(count('SELECT COUNT(*) AS n FROM payments'));
    // Every run that paid something is seen on a later statement as one payout batch.
    expect(count('SELECT COUNT(*) AS n FROM payout_settlements')).toBe(count('SELECT COUNT(*) AS n FROM payout_runs WHERE payslip_count > 0'));
    expect(count('SELECT COUNT(*) AS n FROM write_offs')).toBe(facts.writeOffs);
    expect(count("SELECT COUNT(*) AS n FROM members WHERE status = 'left'")).toBe(facts.left);
    expect(facts.left).toBeGreaterThan(0);
    // Every invoice but the last week's was paid out; recent and never-paid ones are still open.
    expect(count('SELECT COUNT(*) AS n FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM payout_items p WHERE p.invoice_id = i.id)')).toBe(facts.nextRun.invoices);
    // Client sizes are skewed: the largest client has several times the median's invoices.
    const perClient = (db.prepare('SELECT COUNT(*) AS n FROM invoices GROUP BY client_id ORDER BY n DESC').all() as { n: number }[]).map((row) => row.n);
    expect(perClient[0]).toBeGreaterThan(3 * (perClient[Math.floor(perClient.length / 2)] ?? 0));
  } finally {
    db.close();
  }
});

test("every payslip is what runPayout computes: the member's whole balance, with the month's earlier pay", () => {
  const db = new BetterSqlite3(book, { readonly: true });
  try {
    const rules = loadRules(db);
    const store = new PayoutStore(db);
    const payslips = db
      .prepare(
        `SELECT p.*, r.run_date AS runDate, m.category AS memberCategory, m.withholding AS memberWithholding,
           (SELECT -coalesce(SUM(po.amount_cents), 0) FROM postings po JOIN entries e ON e.id = po.entry_id JOIN accounts a ON a.id = po.account_id
            WHERE a.code = 'liabilities:activity:member-' || p.member_id AND po.entry_id < p.entry_id) AS balanceBefore
         FROM payslips p JOIN payout_runs r ON r.id = p.run_id JOIN members m ON m.id = p.member_id ORDER BY p.id`,
      )
      .all() as Record<string, any>[];
    expect(payslips.length).toBe(facts.payslips);
    const wrong = payslips.filter((payslip) => {
      const salary = computeSalary(
        { salaryBudgetCents: payslip.balanceBefore, category: payslip.memberCategory, withholding: payslip.memberWithholding, monthToDate: store.monthToDateBefore(payslip.member_id, payslip.runDate.slice(0, 7), payslip.run_id) },
        salaryRatesAt(rules, payslip.runDate),
      );
      return (
        salary.salaryBudgetCents !== payslip.salary_budget_cents ||
        salary.grossCents !== payslip.gross_cents ||
        salary.withholdingCents !== payslip.withholding_cents ||
        salary.specialContributionCents !== payslip.special_cents ||
        salary.netCents !== payslip.net_cents ||
        salary.leftoverCents !== payslip.leftover_cents
      );
    });
    expect(wrong.map((payslip) => payslip.id)).toEqual([]);
  } finally {
    db.close();
  }
});

test("smart's own next weekly run pays exactly the work of the week after the book's last run", () => {
  const copy = join(dir, 'run.sqlite');
  copyFileSync(book, copy);
  const result = runSmart(['--db', copy, 'payout', 'run', '--date', '2026-11-27', '--json']);
  expect(result.exitCode).toBe(0);
  const run = JSON.parse(result.stdout) as { status: string; week: string; payslips: unknown[]; held: unknown[] };
  expect({ status: run.status, week: run.week, payslips: run.payslips.length, held: run.held.length }).toEqual({ status: 'paid', week: '2026-W48', payslips: facts.nextRun.payslips, held: 0 });
  expect(facts.nextRun.payslips).toBeGreaterThan(0);
  expect(runSmart(['check', '--db', copy]).exitCode).toBe(0);
}, 60_000);

test('the same seed builds the same book', () => {
  const again = join(dir, 'again.sqlite');
  const second = build(again);
  const digest = (path: string): unknown => {
    const db = new BetterSqlite3(path, { readonly: true });
    try {
      return db.prepare('SELECT COUNT(*) AS n, SUM(total_cents) AS total, group_concat(structured_communication) AS refs FROM invoices').get();
    } finally {
      db.close();
    }
  };
  const { buildMs: _a, ...first } = facts;
  const { buildMs: _b, ...rest } = second;
  expect(rest).toEqual(first);
  expect(digest(again)).toEqual(digest(book));
}, 180_000);
