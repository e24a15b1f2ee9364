/**
 * Several smart processes on one book at once, as happens in a real co-op: cron fires the weekly
 * run twice, an administrator imports members and a bank statement while it runs, two others
 * issue invoices and a fourth exports. Each process either does its work or waits for the book
 * (busy timeout); none crashes with "database is locked", nothing is done twice, and the book
 * passes every invariant afterwards. An export taken meanwhile sees one state of the book.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openBook } from '../../src/book/open-book.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { contractFor } from '../helpers/invoicing-fixture.js';
import { type CliResult, runSmartAsync } from './support.js';
import { MEMBER_CSV_HEADER, type PreparedBook, RUN_DATE, RUN_WEEK, belgianIbanFor, generatedMemberRow, prepareBook } from './payout-support.js';

const MEMBERS = 300;
const IMPORTED = 2000;
const LINES = 2000;
const INVOICES = 3;
let prepared: PreparedBook;
let contracts: number[];

beforeAll(() => {
  prepared = prepareBook({ members: MEMBERS });
  const book = openBook(prepared.path, '2026-11-23T10:00:00Z');
  contracts = Array.from({ length: INVOICES }, (_, index) => contractFor(book, { memberId: prepared.memberIds[1]!, clientId: prepared.clientId }, { description: `Concurrent job ${index}` }));
  book.close();
}, 60_000);
afterAll(() => prepared.cleanup());

function count(path: string, sql: string): number {
  const book = openBook(path, '2026-11-23T10:00:00Z');
  try {
    return (book.prepare(sql).get() as { n: number }).n;
  } finally {
    book.close();
  }
}

test('two payout runs, a member import, a bank import, invoices and an export at once: all done, once', async () => {
  const members = join(prepared.dir, 'members.csv');
  // Offset past the prepared members' NISS (generatedMemberRow and generatedMember share no serial/date pair here).
  writeFileSync(members, [MEMBER_CSV_HEADER, ...Array.from({ length: IMPORTED }, (_, i) => generatedMemberRow(i + 20_000))].join('\n'));
  const statement = join(prepared.dir, 'statement.csv');
  const header = 'Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;Valuta;Bedrag;Saldo;credit;debet;rekeningnummer tegenpartij;BIC tegenpartij;Naam tegenpartij;Adres tegenpartij;gestructureerde mededeling;Vrije mededeling';
  const lines = Array.from({ length: LINES }, (_, i) => `BE71096123456769;;Coop;EUR;00051;0${1 + (i % 9)}/12/2026;OVERSCHRIJVING;0${1 + (i % 9)}/12/2026;${1 + (i % 500)},${String(i % 100).padStart(2, '0')};0,00;;;${belgianIbanFor(700_000 + i)};GKCCBEBB;Someone ${i};Rue 1;;donation ${i}`);
  writeFileSync(statement, [header, ...lines].join('\n'));
  const exported = join(prepared.dir, 'members-export.csv');
  const db = ['--db', prepared.path];

  const commands: string[][] = [
    ['payout', 'run', '--date', RUN_DATE, ...db],
    ['member', 'import', members, ...db],
    ['bank', 'import', statement, ...db],
    ...contracts.map((id) => ['invoice', 'issue', String(id), '--date', '2026-11-23', ...db]),
    ['payout', 'run', '--date', RUN_DATE, ...db],
    ['export', 'members', '--out', exported, ...db],
  ];
  const results: CliResult[] = await Promise.all(commands.map((args) => runSmartAsync(args)));
  const outcomes = results.map((result, index) => ({ command: commands[index]!.slice(0, 2).join(' '), exitCode: result.exitCode, stderr: result.stderr }));
  for (const outcome of outcomes) {
    // Waiting is fine; a crash is not. With a 10 s busy timeout every one of these gets its turn.
    expect(outcome).toEqual({ command: outcome.command, exitCode: 0, stderr: expect.not.stringMatching(/database is locked|SQLITE_BUSY|internal error|\n\s+at /) });
  }
  // The two cron runs: one paid, the other found the week paid.
  const payouts = outcomes.filter((outcome) => outcome.command === 'payout run').map((outcome) => /paid, \d+ payslip|already-paid/.exec(outcome.stderr)?.[0] ?? outcome.stderr);
  expect(payouts.sort()).toEqual(['already-paid', `paid, ${MEMBERS} payslip`]);

  expect(count(prepared.path, `SELECT COUNT(*) AS n FROM payout_runs WHERE week = '${RUN_WEEK}'`)).toBe(1);
  expect(count(prepared.path, 'SELECT COUNT(*) AS n FROM payslips')).toBe(MEMBERS);
  expect(count(prepared.path, 'SELECT COUNT(*) AS n FROM payout_items')).toBe(count(prepared.path, 'SELECT COUNT(DISTINCT invoice_id) AS n FROM payout_items'));
  expect(count(prepared.path, 'SELECT COUNT(*) AS n FROM members')).toBe(MEMBERS + IMPORTED);
  expect(count(prepared.path, 'SELECT COUNT(*) AS n FROM bank_lines')).toBe(LINES);
  expect(count(prepared.path, 'SELECT COUNT(*) AS n FROM invoices')).toBe(MEMBERS + INVOICES);
  expect(count(prepared.path, "SELECT MAX(sequence) AS n FROM invoices WHERE number LIKE '2026-%'")).toBe(MEMBERS + INVOICES);
  // The export read one state of the book: before the member import or after it, never half.
  const rows = parse(readFileSync(exported, 'utf8'), { columns: true }) as unknown[];
  expect([MEMBERS, MEMBERS + IMPORTED]).toContain(rows.length);
  const book = openBook(prepared.path, '2026-11-23T10:00:00Z');
  try {
    expect(runChecks(book).filter((check) => !check.ok)).toEqual([]);
  } finally {
    book.close();
  }
}, 180_000);
