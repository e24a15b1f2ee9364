/**
 * `smart member export-data` and `smart member anonymise` through the built CLI, on a book
 * prepared in-process: a member who worked in 2013 and left in 2014 (their retention period is
 * over) and one who left today (it is not).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import BetterSqlite3 from 'better-sqlite3';
import { today } from '../../src/calendar/dates.js';
import { addClient } from '../../src/clients/manage-clients.js';
import { addContract } from '../../src/contracts/manage-contracts.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { addMember } from '../../src/members/add-member.js';
import { leaveMember } from '../../src/members/leave-member.js';
import type { MemberDraft } from '../../src/members/member.js';
import { runPayout } from '../../src/payouts/run-payout.js';
import { RULE_CATALOGUE } from '../../src/rules/catalogue.js';
import { setRule } from '../../src/rules/set-rule.js';
import { createTempBook, testContext } from '../helpers/temp-book.js';
import { PEOPLE, type Person, atTerminal, fingerprint, json, runAtTerminal, runSmart } from './support.js';

const FORMER: Person = PEOPLE[0];
const RECENT: Person = PEOPLE[1];
const TODAY = today();

function draft(person: Person, joinedOn: string): MemberDraft {
  return { ...person, category: 'employee', withholding: 'key-formula', shares: 1, joinedOn };
}

interface Prepared {
  readonly dir: string;
  readonly path: string;
  readonly former: number;
  readonly recent: number;
  readonly invoice: string;
  cleanup(): void;
}

/** The rules in force from 2010 (the shipped set starts in 2026), then the two members' histories. */
function prepare(): Prepared {
  const temp = createTempBook();
  const book = temp.book;
  for (const rule of RULE_CATALOGUE) setRule(book, testContext(), { name: rule.name, value: rule.defaultValue, from: '2010-01-01' });
  const clientId = addClient(book, testContext(), { name: 'Théâtre National', address: 'Bd Émile Jacqmain 111, 1000 Bruxelles', vatNumber: 'BE0123456749' }).client.id;
  const former = addMember(book, testContext('2012-03-01'), draft(FORMER, '2012-03-01')).member.id;
  const recent = addMember(book, testContext(), draft(RECENT, '2026-01-05')).member.id;
  const contractId = addContract(book, testContext('2013-05-01'), { memberId: former, clientId, description: 'Lighting design', start: '2013-05-06', end: '2013-05-10', days: '5', amount: '1000.00' }).contract.id;
  const invoice = issueInvoice(book, testContext('2013-05-13'), { contractId, date: '2013-05-13' }).invoice.number;
  runPayout(book, testContext('2013-05-17'), { date: '2013-05-17' });
  leaveMember(book, testContext('2014-06-30'), { memberId: former, date: '2014-06-30', force: true });
  leaveMember(book, testContext(TODAY), { memberId: recent, date: TODAY });
  book.close();
  return { dir: temp.dir, path: temp.path, former, recent, invoice, cleanup: temp.cleanup };
}

function smart(prepared: Prepared, args: readonly string[]) {
  return runSmart([...args, '--db', prepared.path], { cwd: prepared.dir });
}

/** Each account's balance and posting count, read from a read-only connection. */
function ledger(path: string): unknown[] {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT a.code, SUM(p.amount_cents) AS cents, COUNT(*) AS n FROM postings p JOIN accounts a ON a.id = p.account_id GROUP BY a.code ORDER BY a.code').all();
  } finally {
    db.close();
  }
}

function bookBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)));
}

describe('smart member export-data', () => {
  let prepared: Prepared;
  beforeAll(() => {
    prepared = prepare();
  });
  afterAll(() => prepared.cleanup());

  test("prints everything held on the member as JSON, amounts as strings, nothing of the other member", () => {
    const result = smart(prepared, ['member', 'export-data', String(prepared.former)]);
    expect(result.exitCode).toBe(0);
    const data = json<{ member: Record<string, unknown>; invoices: { number: string; total: string }[]; payslips: { net: string; iban: string }[]; book: { path: string }; generatedAt: string }>(result);
    expect(data.member).toMatchObject({ id: prepared.former, name: FORMER.name, niss: FORMER.niss, iban: FORMER.iban, birthDate: FORMER.birthDate, address: FORMER.address, status: 'left', leftOn: '2014-06-30' });
    expect(data.invoices).toEqual([expect.objectContaining({ number: prepared.invoice, total: '1210.00' })]);
    // DOMAIN.md's worked example, the same rules in 2013.
    expect(data.payslips).toEqual([expect.objectContaining({ net: '626.55', iban: FORMER.iban })]);
    expect(data.book.path).toBe(prepared.path);
    for (const other of [RECENT.niss, RECENT.iban, RECENT.name, RECENT.email]) expect(result.stdout).not.toContain(other);
    expect(result.stderr).toContain(`member ${prepared.former}`);
  });

  test('--out writes a file readable by its owner only, and refuses to replace it without --force', () => {
    const out = join(prepared.dir, 'member-data.json');
    const first = smart(prepared, ['member', 'export-data', String(prepared.recent), '--out', out]);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ member: { niss: RECENT.niss } });
    const before = fingerprint(prepared.path);
    const again = smart(prepared, ['member', 'export-data', String(prepared.recent), '--out', out]);
    expect(again.exitCode).toBe(5);
    expect(again.stderr).toContain('--force');
    // Refused before the book was opened: not even an audit row.
    expect(fingerprint(prepared.path)).toBe(before);
    expect(smart(prepared, ['member', 'export-data', String(prepared.recent), '--out', out, '--force']).exitCode).toBe(0);
  });

  test('an unknown member: exit 4', () => {
    expect(smart(prepared, ['member', 'export-data', '99']).exitCode).toBe(4);
  });
});

describe('smart member anonymise', () => {
  let prepared: Prepared;
  beforeAll(() => {
    prepared = prepare();
  });
  afterAll(() => prepared.cleanup());

  test('before the retention period is over: exit 5, naming the date, nothing written', () => {
    const before = fingerprint(prepared.path);
    const result = smart(prepared, ['member', 'anonymise', String(prepared.recent), '--yes']);
    expect(result.exitCode).toBe(5);
    // The member left today: 10 years from 1 January of next year.
    expect(result.stderr).toContain(`${Number(TODAY.slice(0, 4)) + 11}-01-01`);
    expect(fingerprint(prepared.path)).toBe(before);
  });

  test('without a terminal and without --yes: exit 2 naming --yes, nothing written', () => {
    const before = fingerprint(prepared.path);
    const result = smart(prepared, ['member', 'anonymise', String(prepared.former)]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--yes');
    expect(fingerprint(prepared.path)).toBe(before);
  });

  test('with --yes: the data is replaced, the ledger unchanged, smart check passes; a second run changes nothing', () => {
    const ledgerBefore = ledger(prepared.path);
    const result = smart(prepared, ['member', 'anonymise', String(prepared.former), '--yes', '--json']);
    expect(result.exitCode).toBe(0);
    expect(json(result)).toMatchObject({ id: prepared.former, changed: true, anonymisedOn: TODAY, retentionYears: 10, lastRecord: '2014-06-30', possibleFrom: '2025-01-01', payslipIbansErased: 1 });
    expect(result.stderr).toContain('anonymised');
    expect(ledger(prepared.path)).toEqual(ledgerBefore);
    expect(smart(prepared, ['check']).exitCode).toBe(0);

    const shown = json<Record<string, unknown>>(smart(prepared, ['member', 'show', String(prepared.former), '--json']));
    expect(shown).toMatchObject({ name: `anonymised member ${prepared.former}`, niss: `anonymised-${prepared.former}`, iban: '', email: '', anonymisedOn: TODAY, activityBalance: '0.01' });
    const text = smart(prepared, ['member', 'show', String(prepared.former)]);
    expect(text.stdout).toContain(`anonymised on ${TODAY}`);
    expect(smart(prepared, ['member', 'list', '--status', 'left']).stdout).toContain(`anonymised member ${prepared.former}`);

    const edit = smart(prepared, ['member', 'edit', String(prepared.former), '--email', 'back@example.be']);
    expect(edit.exitCode).toBe(5);
    expect(edit.stderr).toContain('anonymised');

    const before = fingerprint(prepared.path);
    const again = smart(prepared, ['member', 'anonymise', String(prepared.former)]);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('already anonymised');
    expect(fingerprint(prepared.path)).toBe(before);

    const bytes = bookBytes(prepared.path);
    for (const personal of [FORMER.niss, FORMER.iban, FORMER.name, FORMER.email]) expect(bytes.includes(Buffer.from(personal))).toBe(false);
    // The scan finds what is still held: the other member's data.
    for (const held of [RECENT.niss, RECENT.iban, RECENT.name]) expect(bytes.includes(Buffer.from(held))).toBe(true);
  });

  test('a NISS typed where a member number belongs is not repeated in full', () => {
    const result = smart(prepared, ['member', 'show', RECENT.niss]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).not.toContain(RECENT.niss);
    expect(result.stderr).toContain(RECENT.niss.slice(-4));
  });

  test('--help shows examples', () => {
    for (const command of ['anonymise', 'export-data']) {
      const help = runSmart(['member', command, '--help']);
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toContain(`$ smart member ${command} 12`);
    }
  });
});


describe('smart member anonymise at a terminal', () => {
  let prepared: Prepared;
  beforeAll(() => {
    prepared = prepare();
  });
  afterAll(() => prepared.cleanup());

  atTerminal(
    'asks before acting: "n" changes nothing, "y" anonymises',
    async () => {
      const args = ['member', 'anonymise', String(prepared.former), '--db', prepared.path];
      const before = fingerprint(prepared.path);
      const declined = await runAtTerminal(args, 'erased for good', 'n\r');
      expect(declined.exitCode).toBe(0);
      expect(declined.output).toContain('was not anonymised');
      expect(fingerprint(prepared.path)).toBe(before);
      const accepted = await runAtTerminal(args, 'erased for good', 'y\r');
      expect(accepted.exitCode).toBe(0);
      expect(accepted.output).toContain(`Member ${prepared.former} anonymised on ${TODAY}`);
    },
    60_000,
  );
});
