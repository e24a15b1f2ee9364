/**
 * `smart export payroll` and `smart export social-security` on a book made by smart's own use
 * cases: an employee and an artist paid by two runs in November, an October and a December run
 * in the same quarter, a January run in the next one. Each file is parsed back with csv-parse and
 * set against the ledger, summed here with the test's own SQL; `smart check` reconciles the same
 * totals and fails on a book changed behind smart's back.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import BetterSqlite3 from 'better-sqlite3';
import type { Book } from '../../src/book/open-book.js';
import type { Period } from '../../src/calendar/periods.js';
import { parseMonth, parseQuarter } from '../../src/calendar/periods.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { addClient } from '../../src/clients/manage-clients.js';
import { addContract } from '../../src/contracts/manage-contracts.js';
import { addExpense, decideExpense } from '../../src/expenses/manage-expenses.js';
import { openExportSink } from '../../src/exports/export-sink.js';
import { runTableExport } from '../../src/exports/run-export.js';
import type { ExportResult, TableExport } from '../../src/exports/table-export.js';
import { creditInvoice } from '../../src/invoicing/credit-invoice.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { addMember } from '../../src/members/add-member.js';
import { formatCents } from '../../src/money/cents.js';
import { runPayout } from '../../src/payouts/run-payout.js';
import { payrollExport } from '../../src/payroll/payroll-export.js';
import { socialSecurityExport } from '../../src/payroll/social-security-export.js';
import { MEMBER_ADA } from '../helpers/invoicing-fixture.js';
import { type TempBook, createTempBook, tempDir, testContext } from '../helpers/temp-book.js';

const FORMULA_NAME = '=HYPERLINK("http://x","y")';

let temp: TempBook;
let book: Book;
const ids = { ada: 0, artist: 0, bram: 0, client: 0 };

/** A contract, its invoice on `issued`, and the invoice number. */
function invoiced(memberId: number, description: string, start: string, end: string, days: string, amount: string, issued: string): string {
  const contractId = addContract(book, testContext(issued), { memberId, clientId: ids.client, description, start, end, days, amount }).contract.id;
  return issueInvoice(book, testContext(issued), { contractId, date: issued }).invoice.number;
}

function run(date: string): void {
  expect(runPayout(book, testContext(date), { date }).status).toBe('paid');
}

beforeAll(() => {
  temp = createTempBook();
  book = temp.book;
  ids.ada = addMember(book, testContext(), MEMBER_ADA).member.id;
  ids.artist = addMember(book, testContext(), {
    ...MEMBER_ADA,
    name: FORMULA_NAME,
    email: 'ines@example.be',
    niss: '92031512322',
    birthDate: '1992-03-15',
    iban: 'BE41063012345610',
    category: 'artist',
    withholding: 'flat',
  }).member.id;
  ids.bram = addMember(book, testContext(), { ...MEMBER_ADA, name: 'Bram Jacobs', email: 'bram@example.be', niss: '90021401316', birthDate: '1990-02-14', iban: 'BE65405081011296' }).member.id;
  ids.client = addClient(book, testContext(), { name: 'Théâtre National', address: 'Bd Émile Jacqmain 111, 1000 Bruxelles', vatNumber: 'BE0123456749' }).client.id;

  // October: Ada, 5 days (2026-W42). In Q4, not in November.
  invoiced(ids.ada, 'October show', '2026-10-05', '2026-10-09', '5', '1000.00', '2026-10-12');
  run('2026-10-16');
  // November, first run (2026-W46): Ada 5 days, the artist 3 days.
  invoiced(ids.ada, 'Lighting', '2026-11-02', '2026-11-06', '5', '1000.00', '2026-11-09');
  invoiced(ids.artist, 'Concert', '2026-11-03', '2026-11-05', '3', '1000.00', '2026-11-09');
  run('2026-11-13');
  // November, second run (2026-W48): a large invoice for Ada (withholding, special contribution)
  // with an expense note; the artist's invoice half credited before the run (2 days of work).
  invoiced(ids.ada, 'Festival', '2026-11-16', '2026-11-20', '4', '5000.00', '2026-11-23');
  const halved = invoiced(ids.artist, 'Rehearsals', '2026-11-16', '2026-11-17', '2', '2000.00', '2026-11-23');
  creditInvoice(book, testContext('2026-11-24'), { number: halved, reason: 'one rehearsal cancelled', amountCents: 100000, date: '2026-11-24' });
  const train = addExpense(book, testContext('2026-11-20'), { memberId: ids.ada, date: '2026-11-20', amount: '42.50', description: 'Train to Liège' });
  decideExpense(book, testContext('2026-11-24'), train.id, 'approved', undefined);
  run('2026-11-27');
  // December (2026-W49): Bram, 3 days. In Q4, not in November.
  invoiced(ids.bram, 'Set building', '2026-11-30', '2026-12-02', '3', '800.00', '2026-12-03');
  run('2026-12-04');
  // January 2027: the next quarter.
  invoiced(ids.ada, 'New year', '2027-01-04', '2027-01-06', '3', '600.00', '2027-01-07');
  run('2027-01-08');
});
afterAll(() => temp.cleanup());

const NOVEMBER = parseMonth('2026-11') as Period;
const Q4 = parseQuarter('2026-Q4') as Period;

/** What the ledger's payout entries of a period hold, summed here independently of smart's queries. */
function ledgerOfPayouts(period: Period): { net: number; expenses: number; onss: number; withholding: number; activity: number } {
  return book
    .prepare(
      `SELECT SUM(CASE WHEN a.code = 'liabilities:net-salaries' THEN -p.amount_cents ELSE 0 END) AS net,
              SUM(CASE WHEN a.code = 'liabilities:expenses-payable' THEN -p.amount_cents ELSE 0 END) AS expenses,
              SUM(CASE WHEN a.code = 'liabilities:onss' THEN -p.amount_cents ELSE 0 END) AS onss,
              SUM(CASE WHEN a.code = 'liabilities:withholding-tax' THEN -p.amount_cents ELSE 0 END) AS withholding,
              SUM(CASE WHEN a.code LIKE 'liabilities:activity:%' THEN p.amount_cents ELSE 0 END) AS activity
       FROM entries e JOIN postings p ON p.entry_id = e.id JOIN accounts a ON a.id = p.account_id
       WHERE e.reason = 'payout.salary' AND e.date BETWEEN ? AND ?`,
    )
    .get(period.from, period.to) as never;
}

/** "1234.56" -> 123456, without floating point. */
function cents(text: string | undefined): number {
  const match = /^(-?)(\d+)[.,](\d{2})$/.exec(text ?? '');
  if (match === null) throw new Error(`not an amount: ${text}`);
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
}

function sum(rows: readonly Record<string, string>[], column: string): number {
  return rows.reduce((total, row) => total + cents(row[column]), 0);
}

async function exportTo(path: string, table: () => TableExport, options: { excel?: boolean; force?: boolean } = {}): Promise<ExportResult> {
  const sink = await openExportSink(path, options.force === true, process.stdout);
  return runTableExport(book, testContext(), sink, 'test', table, { excel: options.excel === true });
}

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
}

function totalOf(result: ExportResult, column: string): number | undefined {
  return result.totals.find((total) => total.column === column)?.cents;
}

describe('smart export payroll', () => {
  let rows: Record<string, string>[];
  let result: ExportResult;
  beforeAll(async () => {
    const path = join(temp.dir, 'payroll.csv');
    result = await exportTo(path, () => payrollExport(book, NOVEMBER));
    rows = readCsv(path);
  });

  test("one row per payslip of the month's runs, by run then member; other months left out", () => {
    expect(result.rows).toBe(4);
    expect(rows.map((row) => [row.run, row.pay_date, Number(row.member)])).toEqual([
      ['2026-W46', '2026-11-13', ids.ada],
      ['2026-W46', '2026-11-13', ids.artist],
      ['2026-W48', '2026-11-27', ids.ada],
      ['2026-W48', '2026-11-27', ids.artist],
    ]);
    expect(rows.map((row) => row.niss)).toEqual([MEMBER_ADA.niss, '92031512322', MEMBER_ADA.niss, '92031512322']);
    expect(rows.map((row) => row.category)).toEqual(['employee', 'artist', 'employee', 'artist']);
  });

  test("the artist's first payslip is DOMAIN.md's worked example, holiday contributions included", () => {
    // 1,000.00 for an artist, flat withholding: gross 625.79, employer 182.14, holiday 107.06,
    // employee 88.33 on a base of 675.85, withholding 59.71, net 477.75.
    const artist = rows[1];
    expect(artist).toMatchObject({
      gross: '625.79',
      contribution_base: '675.85',
      employee_contributions: '88.33',
      withholding: '59.71',
      special_contribution: '0.00',
      net: '477.75',
      employer_contributions: '182.14',
      holiday_contributions: '107.06',
      expenses: '0.00',
      transfer: '477.75',
    });
    // Employees owe no holiday contributions through the ONSS, and their base is their gross.
    for (const row of [rows[0], rows[2]]) {
      expect(row?.holiday_contributions).toBe('0.00');
      expect(row?.contribution_base).toBe(row?.gross);
    }
  });

  test('the large payslip carries withholding, the special contribution and the expense note', () => {
    const festival = rows[2] ?? {};
    expect(cents(festival.withholding)).toBeGreaterThan(0);
    expect(cents(festival.special_contribution)).toBeGreaterThan(0);
    expect(festival.expenses).toBe('42.50');
    expect(cents(festival.transfer)).toBe(cents(festival.net) + 4250);
    for (const row of rows) {
      expect(cents(row.gross)).toBe(cents(row.net) + cents(row.employee_contributions) + cents(row.withholding) + cents(row.special_contribution));
    }
  });

  test("its totals are the ledger's postings of the month's payout entries", () => {
    const ledger = ledgerOfPayouts(NOVEMBER);
    expect(sum(rows, 'net')).toBe(ledger.net);
    expect(sum(rows, 'expenses')).toBe(ledger.expenses);
    expect(sum(rows, 'transfer')).toBe(ledger.net + ledger.expenses);
    expect(sum(rows, 'withholding')).toBe(ledger.withholding);
    expect(sum(rows, 'employee_contributions') + sum(rows, 'employer_contributions') + sum(rows, 'holiday_contributions') + sum(rows, 'special_contribution')).toBe(ledger.onss);
    expect(sum(rows, 'gross') + sum(rows, 'employer_contributions') + sum(rows, 'holiday_contributions') + sum(rows, 'expenses')).toBe(ledger.activity);
    // What the export reports (stderr, --json) is what it wrote.
    for (const column of ['gross', 'contribution_base', 'employee_contributions', 'withholding', 'special_contribution', 'net', 'employer_contributions', 'holiday_contributions', 'expenses', 'transfer']) {
      expect([column, totalOf(result, column)]).toEqual([column, sum(rows, column)]);
    }
  });

  test('a name that is a formula comes out as inert text', () => {
    expect(rows[1]?.name).toBe(`'${FORMULA_NAME}`);
    expect(rows[0]?.name).toBe(MEMBER_ADA.name);
  });

  test('--excel: byte-order mark, semicolons, decimal comma', async () => {
    const path = join(temp.dir, 'payroll-excel.csv');
    await exportTo(path, () => payrollExport(book, NOVEMBER), { excel: true });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^member;name;niss;category;run;pay_date;gross;/);
    const excel = parse(text, { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(excel[1]?.gross).toBe('625,79');
    expect(excel[1]?.name).toBe(`'${FORMULA_NAME}`);
  });

  test('mode 0600; an existing file is refused without force and replaced with it', async () => {
    const path = join(temp.dir, 'payroll.csv');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const taken = join(temp.dir, 'taken.csv');
    writeFileSync(taken, 'keep me');
    await expect(exportTo(taken, () => payrollExport(book, NOVEMBER))).rejects.toThrow(/already exists/);
    expect(readFileSync(taken, 'utf8')).toBe('keep me');
    await exportTo(taken, () => payrollExport(book, NOVEMBER), { force: true });
    expect(readCsv(taken)).toEqual(rows);
    expect(statSync(taken).mode & 0o777).toBe(0o600);
  });

  test('a month without runs gives the header alone', async () => {
    const path = join(temp.dir, 'payroll-empty.csv');
    const empty = await exportTo(path, () => payrollExport(book, parseMonth('2026-09') as Period));
    expect(empty.rows).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(
      'member,name,niss,category,run,pay_date,gross,contribution_base,employee_contributions,withholding,special_contribution,net,employer_contributions,holiday_contributions,expenses,transfer\r\n',
    );
  });
});

describe('smart export social-security', () => {
  let rows: Record<string, string>[];
  let result: ExportResult;
  beforeAll(async () => {
    const path = join(temp.dir, 'dmfa.csv');
    result = await exportTo(path, () => socialSecurityExport(book, Q4));
    rows = readCsv(path);
  });

  test('one worker line per member paid in the quarter, all three months, not the next quarter', () => {
    expect(rows.map((row) => [Number(row.member), row.niss, row.employer_class, row.worker_code, row.quarter_start, row.quarter_end])).toEqual([
      [ids.ada, MEMBER_ADA.niss, '000', '495', '2026-10-01', '2026-12-31'],
      [ids.artist, '92031512322', '000', '015', '2026-10-01', '2026-12-31'],
      [ids.bram, '90021401316', '000', '495', '2026-10-01', '2026-12-31'],
    ]);
    expect(rows[1]?.name).toBe(`'${FORMULA_NAME}`);
  });

  test("days worked are the paid contracts' days, the half-credited one included", () => {
    // Ada: 5 (October) + 5 + 4 (November); the artist 3 + 2; Bram 3 (December).
    expect(rows.map((row) => row.days_worked)).toEqual(['14', '5', '3']);
  });

  test("each line adds up the member's payslips of the quarter", () => {
    const payslips = book
      .prepare(
        `SELECT p.member_id AS member, SUM(p.gross_cents) AS gross, SUM(p.base_cents) AS base, SUM(p.employee_cents) AS employee,
                SUM(p.employer_cents) AS employer, SUM(p.holiday_cents) AS holiday, SUM(p.special_cents) AS special
         FROM payslips p JOIN payout_runs r ON r.id = p.run_id WHERE r.run_date BETWEEN ? AND ? GROUP BY p.member_id ORDER BY p.member_id`,
      )
      .all(Q4.from, Q4.to) as { member: number; gross: number; base: number; employee: number; employer: number; holiday: number; special: number }[];
    expect(
      rows.map((row) => ({
        member: Number(row.member),
        gross: cents(row.gross),
        base: cents(row.contribution_base),
        employee: cents(row.employee_contributions),
        employer: cents(row.employer_contributions),
        holiday: cents(row.holiday_contributions),
        special: cents(row.special_contribution),
      })),
    ).toEqual(payslips);
    for (const row of rows) {
      expect(cents(row.total_due)).toBe(cents(row.employee_contributions) + cents(row.employer_contributions) + cents(row.holiday_contributions) + cents(row.special_contribution));
    }
    // The artist's contributions are on 108 % of gross; the employees' on gross.
    expect(cents(rows[1]?.contribution_base)).toBeGreaterThan(cents(rows[1]?.gross));
    expect(rows[0]?.contribution_base).toBe(rows[0]?.gross);
    expect(rows[0]?.holiday_contributions).toBe('0.00');
  });

  test("its total due is the quarter's credit to the ONSS payable", () => {
    expect(sum(rows, 'total_due')).toBe(ledgerOfPayouts(Q4).onss);
    expect(totalOf(result, 'total_due')).toBe(ledgerOfPayouts(Q4).onss);
    expect(totalOf(result, 'gross')).toBe(sum(rows, 'gross'));
  });

  test('--excel flavour and a quarter without pay', async () => {
    const path = join(temp.dir, 'dmfa-excel.csv');
    await exportTo(path, () => socialSecurityExport(book, Q4), { excel: true });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const excel = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(excel.map((row) => row.total_due)).toEqual(rows.map((row) => row.total_due?.replace('.', ',')));
    const none = await exportTo(join(temp.dir, 'dmfa-q3.csv'), () => socialSecurityExport(book, parseQuarter('2026-Q3') as Period));
    expect(none.rows).toBe(0);
  });
});

describe('smart check reconciles the exports with the ledger', () => {
  function failed(target: Book): Record<string, readonly string[]> {
    return Object.fromEntries(runChecks(target).filter((check) => !check.ok).map((check) => [check.name, check.problems]));
  }

  test('a sound book passes', () => {
    expect(failed(book)).toEqual({});
  });

  /** A copy of the test book to tamper with, the original left sound. */
  function copyOfBook(): { book: Book; cleanup(): void } {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'tampered.sqlite');
    book.exec(`VACUUM INTO '${path}'`);
    const copy = new BetterSqlite3(path);
    return {
      book: copy,
      cleanup: () => {
        copy.close();
        cleanup();
      },
    };
  }

  test('a payout entry added without its payslip is found, though it balances', () => {
    const copy = copyOfBook();
    try {
      const db = copy.book;
      const entry = Number(
        db
          .prepare(
            `INSERT INTO entries (key, date, reason, memo, command, member_id, posting_count, debit_cents, recorded_at)
             VALUES ('payout:forged', '2026-11-27', 'payout.salary', 'forged', 'sqlite3', ?, 2, 10000, '2026-11-27T10:00:00Z')`,
          )
          .run(ids.artist).lastInsertRowid,
      );
      const account = (code: string): number => (db.prepare('SELECT id FROM accounts WHERE code = ?').get(code) as { id: number }).id;
      db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)').run(entry, account(`liabilities:activity:member-${ids.artist}`), 10000);
      db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)').run(entry, account('liabilities:onss'), -10000);
      const problems = failed(db);
      expect(problems['entries-balance']).toBeUndefined();
      expect(problems['payroll-matches-ledger']).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^2026-11: ONSS \(employee \+ employer \+ holiday \+ special\) \d+\.\d\d in the payroll export but \d+\.\d\d in the ledger's payout entries/),
          expect.stringMatching(/^2026-11: activity accounts .* in the payroll export but/),
        ]),
      );
      expect(problems['payroll-matches-ledger']).toHaveLength(2);
      const onss = ledgerOfPayouts(Q4).onss;
      expect(problems['social-security-matches-onss']).toEqual([
        `2026-Q4: ${formatCents(onss)} due in the social-security export but ${formatCents(onss + 10000)} credited to liabilities:onss by the payout entries: the book was changed outside smart; restore it from a backup`,
      ]);
    } finally {
      copy.cleanup();
    }
  });

  test('a payout entry that touches no payroll account is still found', () => {
    const copy = copyOfBook();
    try {
      const db = copy.book;
      const entry = Number(
        db
          .prepare(
            `INSERT INTO entries (key, date, reason, memo, command, posting_count, debit_cents, recorded_at)
             VALUES ('payout:elsewhere', '2026-10-16', 'payout.salary', 'forged', 'sqlite3', 2, 700, '2026-10-16T10:00:00Z')`,
          )
          .run().lastInsertRowid,
      );
      const account = (code: string): number => (db.prepare('SELECT id FROM accounts WHERE code = ?').get(code) as { id: number }).id;
      db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)').run(entry, account('equity:guarantee-fund'), 700);
      db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)').run(entry, account('income:levy'), -700);
      expect(failed(db)['payroll-matches-ledger']).toEqual([
        "2026-10: other accounts 0.00 in the payroll export but 14.00 in the ledger's payout entries: the book was changed outside smart; restore it from a backup",
      ]);
      expect(failed(db)['social-security-matches-onss']).toBeUndefined();
    } finally {
      copy.cleanup();
    }
  });

  test('ONSS moved to withholding inside a payout entry is found', () => {
    const copy = copyOfBook();
    try {
      const db = copy.book;
      db.exec('DROP TRIGGER postings_sealed');
      const entry = (db.prepare(`SELECT entry_id AS id FROM payslips p JOIN payout_runs r ON r.id = p.run_id WHERE r.week = '2026-W49'`).get() as { id: number }).id;
      const account = (code: string): number => (db.prepare('SELECT id FROM accounts WHERE code = ?').get(code) as { id: number }).id;
      db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)').run(entry, account('liabilities:onss'), 500);
      db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)').run(entry, account('liabilities:withholding-tax'), -500);
      const problems = failed(db);
      expect(problems['payroll-matches-ledger']?.map((problem) => problem.split(' in the payroll')[0]?.replace(/ [\d.]+$/, ''))).toEqual([
        '2026-12: ONSS (employee + employer + holiday + special)',
        '2026-12: withholding',
      ]);
      expect(problems['social-security-matches-onss']).toHaveLength(1);
      expect(problems['social-security-matches-onss']?.[0]).toMatch(/^2026-Q4: /);
    } finally {
      copy.cleanup();
    }
  });

  test('a payslip added without its payout entry is found', () => {
    const copy = copyOfBook();
    try {
      const db = copy.book;
      const run = (db.prepare(`SELECT id FROM payout_runs WHERE week = '2027-W01'`).get() as { id: number }).id;
      // Points at an invoice's entry: the foreign key holds, the ledger has no payout for it.
      const entry = (db.prepare(`SELECT entry_id AS id FROM invoices WHERE member_id = ? ORDER BY id LIMIT 1`).get(ids.bram) as { id: number }).id;
      db.prepare(
        `INSERT INTO payslips (run_id, member_id, iban, category, withholding_mode, salary_budget_cents, gross_cents, base_cents, employer_cents,
           holiday_cents, employee_cents, taxable_cents, withholding_cents, special_cents, net_cents, leftover_cents, expenses_cents, transfer_cents, entry_id)
         VALUES (?, ?, 'BE65405081011296', 'employee', 'key-formula', 12695, 10000, 10000, 2695, 0, 1307, 8693, 0, 0, 8693, 0, 0, 8693, ?)`,
      ).run(run, ids.bram, entry);
      const january = ledgerOfPayouts(parseMonth('2027-01') as Period);
      const line = (field: string, ledger: number, forged: number): string =>
        `2027-01: ${field} ${formatCents(ledger + forged)} in the payroll export but ${formatCents(ledger)} in the ledger's payout entries: the book was changed outside smart; restore it from a backup`;
      expect(failed(db)['payroll-matches-ledger']).toEqual([
        line('net', january.net, 8693),
        line('ONSS (employee + employer + holiday + special)', january.onss, 1307 + 2695),
        line('activity accounts (gross + employer + holiday + expenses)', january.activity, 10000 + 2695),
      ]);
      expect(failed(db)['social-security-matches-onss']?.[0]).toMatch(/^2027-Q1: /);
    } finally {
      copy.cleanup();
    }
  });
});
