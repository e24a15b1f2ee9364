/**
 * The crash harness on the writing commands a co-op runs from files and cron: `member import`,
 * `invoice issue` and `bank import` (the payout run has its own, test/e2e/payout-kill.test.ts;
 * exports in test/e2e/export.test.ts). Each is killed with SIGKILL at many moments; after every
 * kill the book passes every invariant and holds none or all of the command's work, and a run
 * after the commit changes nothing. The number of kill points tried is printed.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { type E2eBook, json, newBook, runSmart } from './support.js';
import { type Counts, type CrashReport, killAtManyPoints } from './crash-support.js';
import { belgianIbanFor, generatedMemberRow, MEMBER_CSV_HEADER } from './payout-support.js';
import { tempDir } from '../helpers/temp-book.js';
import type { Book } from '../../src/book/open-book.js';

const KILL_POINTS = 14;
const reports: string[] = [];

function countRows(book: Book, tables: readonly string[]): Counts {
  return Object.fromEntries(tables.map((table) => [table, (book.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n]));
}

function check(condition: boolean, what: string): void {
  expect({ what, holds: condition }).toEqual({ what, holds: true });
}

function describeReport(name: string, report: CrashReport): string {
  return `${name}: ${report.tried} kill points (before commit ${report.before}, after ${report.after}; a full run ${report.fullMs.toFixed(0)} ms; all = ${JSON.stringify(report.complete)})`;
}

afterAll(() => console.log(`crash harness\n${reports.join('\n')}`));

describe('killed with SIGKILL at many points', () => {
  let dir: string;
  let cleanup: () => void;
  let demo: string;
  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    demo = join(dir, 'demo.sqlite');
    const made = runSmart(['demo', '--db', demo]);
    if (made.exitCode !== 0) throw new Error(made.stderr);
  }, 60_000);
  afterAll(() => cleanup());

  test('member import of 3,000 members: none or all of them, each with their share', async () => {
    const book: E2eBook = newBook();
    try {
      const csv = join(dir, 'members.csv');
      writeFileSync(csv, [MEMBER_CSV_HEADER, ...Array.from({ length: 3000 }, (_, i) => generatedMemberRow(i))].join('\n'));
      const report = await killAtManyPoints(
        {
          book: book.path,
          args: ['member', 'import', csv],
          count: (b) => countRows(b, ['members', 'share_movements', 'entries', 'postings', 'accounts', 'audit_log']),
          again: /added 0 member\(s\).*3000 already in the book/,
          killPoints: KILL_POINTS,
        },
        join(dir, 'members-work.sqlite'),
        check,
      );
      reports.push(describeReport('member import', report));
      expect(report.complete.members).toBe(3000);
    } finally {
      book.cleanup();
    }
  }, 300_000);

  test('invoice issue: the invoice, its line, its entry and the next number, or nothing', async () => {
    const report = await killAtManyPoints(
      {
        book: demo,
        args: ['invoice', 'issue', '6', '--date', '2026-11-30'],
        count: (b) => countRows(b, ['invoices', 'invoice_lines', 'entries', 'postings', 'audit_log']),
        again: /already invoiced: 2026-000007\. Nothing changed/,
        killPoints: KILL_POINTS,
      },
      join(dir, 'invoice-work.sqlite'),
      check,
    );
    reports.push(describeReport('invoice issue', report));
    expect(report.complete.invoices).toBe(report.none.invoices! + 1);
  }, 300_000);

  test('bank import of 3,000 lines, some paying invoices: every line and match, or none', async () => {
    const invoices = json<{ number: string; kind: string; total: string; structuredCommunication: string; status: string }[]>(runSmart(['invoice', 'list', '--json', '--db', demo]));
    const open = invoices.filter((invoice) => invoice.kind === 'invoice' && invoice.status === 'issued');
    expect(open.length).toBeGreaterThan(1);
    const header = 'Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;Valuta;Bedrag;Saldo;credit;debet;rekeningnummer tegenpartij;BIC tegenpartij;Naam tegenpartij;Adres tegenpartij;gestructureerde mededeling;Vrije mededeling';
    const line = (day: number, amount: string, iban: string, name: string, structured: string, free: string): string =>
      `BE71096123456769;;Cooperative Demo SCRL;EUR;00050;${String(day).padStart(2, '0')}/12/2026;EUROPESE OVERSCHRIJVING;${String(day).padStart(2, '0')}/12/2026;${amount};0,00;${amount};;${iban};GKCCBEBB;${name};Rue 1 1000 Bruxelles;${structured};${free}`;
    const rows = Array.from({ length: 3000 }, (_, i) => line(1 + (i % 28), `${10 + (i % 900)},${String(i % 100).padStart(2, '0')}`, belgianIbanFor(500_000 + i), `Client ${i}`, '', `gift ${i}`));
    // Two payments by structured communication, in the middle of the file.
    open.slice(0, 2).forEach((invoice, index) => rows.splice(1000 + index * 500, 0, line(15, invoice.total.replace('.', ','), belgianIbanFor(900 + index), 'Payer', invoice.structuredCommunication.replace(/\+/g, '*'), '')));
    const statement = join(dir, 'statement.csv');
    writeFileSync(statement, [header, ...rows].join('\n'));
    const report = await killAtManyPoints(
      {
        book: demo,
        args: ['bank', 'import', statement],
        count: (b) => countRows(b, ['bank_lines', 'entries', 'postings', 'audit_log']),
        again: /imported 0, 3002 already in the book/,
        killPoints: KILL_POINTS,
      },
      join(dir, 'bank-work.sqlite'),
      check,
    );
    reports.push(describeReport('bank import', report));
    expect(report.complete.bank_lines).toBe(report.none.bank_lines! + 3002);
    expect(report.complete.entries).toBeGreaterThanOrEqual(report.none.entries! + 2);
  }, 300_000);
});
