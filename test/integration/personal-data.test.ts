/**
 * GDPR access (`member export-data`) and anonymisation (`member anonymise`) on a temporary book:
 * two members with contracts, invoices, a payout run and an expense note with its receipt.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBook } from '../../src/book/open-book.js';
import { loadMigrations } from '../../src/book/migrate.js';
import { recordAudit } from '../../src/audit/audit-store.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { employmentContractInput } from '../../src/contracts/employment-contract.js';
import { cancelContract } from '../../src/contracts/manage-contracts.js';
import { employmentContractPdfDefinition } from '../../src/documents/pdf/contract-pdf.js';
import { payslipPdfDefinition } from '../../src/documents/pdf/payslip-pdf.js';
import { insertCoop } from '../../src/coop/coop-store.js';
import { SmartError } from '../../src/errors.js';
import { addExpense } from '../../src/expenses/manage-expenses.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { addMember } from '../../src/members/add-member.js';
import { anonymiseMember, checkAnonymisation } from '../../src/members/anonymise-member.js';
import { editMember } from '../../src/members/edit-member.js';
import { exportMemberData } from '../../src/members/export-member-data.js';
import { leaveMember } from '../../src/members/leave-member.js';
import { listMembers } from '../../src/members/list-members.js';
import type { MemberDraft } from '../../src/members/member.js';
import { showMember } from '../../src/members/show-member.js';
import { payslipDocumentsOf } from '../../src/payouts/payout-documents.js';
import { PayoutStore } from '../../src/payouts/payout-store.js';
import { runPayout } from '../../src/payouts/run-payout.js';
import { RULE_CATALOGUE } from '../../src/rules/catalogue.js';
import { setRule } from '../../src/rules/set-rule.js';
import { MEMBER_ADA, contractFor, memberAndClient } from '../helpers/invoicing-fixture.js';
import { COOP_IDENTITY, type TempBook, createTempBook, testContext } from '../helpers/temp-book.js';

const BRAM: MemberDraft = { ...MEMBER_ADA, name: 'Bram Janssens', email: 'bram@example.be', niss: '90021401316', iban: 'BE65405081011296', birthDate: '1990-02-14', address: 'Meir 2, 2000 Antwerpen' };

const RECEIPT = 'Train ticket Brussels-Liege, passenger Ada Peeters, Rue Haute 12';

let temp: TempBook;
let ada: number;
let bram: number;
let adaInvoice: string;
let bramInvoice: string;

/** Ada: a contract, its invoice, a payslip (the worked example of DOMAIN.md), an expense note with a receipt; she leaves on 2026-11-30. Bram: the same work, still active. */
function buildScenario(target: TempBook): { ada: number; bram: number; adaInvoice: string; bramInvoice: string } {
  const ids = memberAndClient(target.book);
  const bramId = addMember(target.book, testContext(), BRAM).member.id;
  const adaContract = contractFor(target.book, ids);
  const bramContract = contractFor(target.book, { memberId: bramId, clientId: ids.clientId }, { description: 'Sound design, Hamlet' });
  const adaNumber = issueInvoice(target.book, testContext('2026-11-09'), { contractId: adaContract, date: '2026-11-09' }).invoice.number;
  const bramNumber = issueInvoice(target.book, testContext('2026-11-09'), { contractId: bramContract, date: '2026-11-09' }).invoice.number;
  const receiptPath = join(target.dir, 'ada-peeters-train.txt');
  writeFileSync(receiptPath, RECEIPT);
  addExpense(target.book, testContext(), { memberId: ids.memberId, date: '2026-11-05', amount: '42.50', description: 'Train Brussels-Liège', receiptPath });
  runPayout(target.book, testContext('2026-11-13'), { date: '2026-11-13' });
  // The run leaves one cent on the activity account (gross is rounded down): leaving needs --force.
  leaveMember(target.book, testContext('2026-11-30'), { memberId: ids.memberId, date: '2026-11-30', force: true });
  return { ada: ids.memberId, bram: bramId, adaInvoice: adaNumber, bramInvoice: bramNumber };
}

/** Every byte of the book's files (the book and its write-ahead log), once closed. */
function bookBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)));
}

beforeEach(() => {
  temp = createTempBook();
  ({ ada, bram, adaInvoice, bramInvoice } = buildScenario(temp));
});
afterEach(() => temp.cleanup());

function failedChecks(book = temp.book): string[] {
  return runChecks(book).filter((check) => !check.ok).map((check) => `${check.name}: ${check.problems.join('; ')}`);
}

function expectSmartError(action: () => unknown, kind: string): SmartError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SmartError);
    expect((error as SmartError).kind).toBe(kind);
    return error as SmartError;
  }
  throw new Error(`expected a ${kind} error`);
}

function rows(sql: string, ...params: unknown[]): unknown[] {
  return temp.book.prepare(sql).all(...params);
}

/** Each account's balance, straight from the postings. */
function balances(): unknown[] {
  return rows('SELECT account_id, SUM(amount_cents) AS cents, COUNT(*) AS n FROM postings GROUP BY account_id ORDER BY account_id');
}

function auditCount(): number {
  return (temp.book.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
}

interface Exported {
  member: Record<string, unknown>;
  contracts: { client: { name: string }; description: string }[];
  invoices: { number: string; total: string; client: { name: string } }[];
  payslips: Record<string, unknown>[];
  expenseNotes: { receipt: { fileName: string; sha256: string; bytes: number } | null }[];
  postings: { account: string; amount: string }[];
  accounts: { code: string; owedToMember: string }[];
  audit: { summary: string; command: string }[];
  shares: { held: number };
  generatedAt: string;
}

describe('member export-data', () => {
  test("holds the member's identity, work, pay and expenses, and nothing of another member", () => {
    const data = exportMemberData(temp.book, testContext('2026-12-01'), ada) as unknown as Exported;
    expect(data.member).toMatchObject({ id: ada, name: MEMBER_ADA.name, email: MEMBER_ADA.email, niss: MEMBER_ADA.niss, iban: MEMBER_ADA.iban, birthDate: MEMBER_ADA.birthDate, address: MEMBER_ADA.address, status: 'left', leftOn: '2026-11-30', anonymisedOn: null });
    expect(data.generatedAt).toBe(testContext('2026-12-01').now);
    expect(data.contracts).toEqual([expect.objectContaining({ description: 'Lighting design, Hamlet', client: expect.objectContaining({ name: 'Théâtre National' }) })]);
    // DOMAIN.md's worked example: 1,000.00 + 21 % VAT; gross 720.75, employer 194.24, employee 94.20, net 626.55.
    expect(data.invoices).toEqual([expect.objectContaining({ number: adaInvoice, total: '1210.00' })]);
    expect(data.payslips).toEqual([expect.objectContaining({ gross: '720.75', employerContributions: '194.24', employeeContributions: '94.20', net: '626.55', iban: MEMBER_ADA.iban, invoicesPaidOut: [expect.objectContaining({ number: adaInvoice, budget: '915.00' })] })]);
    const sha256 = createHash('sha256').update(RECEIPT).digest('hex');
    expect(data.expenseNotes).toEqual([expect.objectContaining({ receipt: { fileName: 'ada-peeters-train.txt', sha256, bytes: Buffer.byteLength(RECEIPT) } })]);
    // Shares bought on joining and refunded on leaving.
    expect(data.shares.held).toBe(0);
    expect(data.accounts).toEqual(expect.arrayContaining([expect.objectContaining({ code: `liabilities:activity:member-${ada}`, owedToMember: '0.01' })]));
    const text = JSON.stringify(data);
    expect(text).not.toContain('receipt":{"content');
    expect(text).not.toContain(RECEIPT);
    for (const other of [BRAM.niss, BRAM.iban, BRAM.name, BRAM.email, bramInvoice, 'Sound design', `member-${bram}`]) expect(text).not.toContain(other);
    expect(data.postings.every((posting) => posting.account.endsWith(`:member-${ada}`))).toBe(true);
  });

  test('lists the audit rows that name the member or their records, not the others', () => {
    const data = exportMemberData(temp.book, testContext('2026-12-01'), ada) as unknown as Exported;
    const summaries = data.audit.map((row) => row.summary);
    expect(summaries).toEqual(expect.arrayContaining([`member ${ada} added with 1 share(s)`, expect.stringMatching(new RegExp(`^invoice ${adaInvoice} issued`)), expect.stringMatching(new RegExp(`^member ${ada} left`))]));
    expect(summaries.some((summary) => summary.includes(`member ${bram} `) || summary.includes(bramInvoice))).toBe(false);
  });

  test('finds the audit rows by their summary or their command line, member number exactly', () => {
    const rowsNamed = (rowsToAdd: readonly (readonly [command: string, summary: string])[]): string[] => {
      for (const [command, summary] of rowsToAdd) recordAudit(temp.book, testContext('2026-12-01', command), summary);
      const data = exportMemberData(temp.book, testContext('2026-12-01'), ada) as unknown as Exported;
      return data.audit.filter((row) => row.summary.startsWith('probe')).map((row) => row.summary);
    };
    const other = ada * 10 + 1;
    expect(
      rowsNamed([
        [`smart member show ${ada}`, 'probe: member command'],
        [`smart member show #${ada}`, 'probe: member command with #'],
        [`smart expense add --member ${ada} --amount 1`, 'probe: --member'],
        [`smart expense list --member=${ada}`, 'probe: --member='],
        [`smart shares buy ${ada} 2`, 'probe: shares buy'],
        ['smart test', `probe: for member ${ada}; done`],
        ['smart test', `probe: invoice ${adaInvoice} reminded`],
        [`smart member show ${other}`, 'probe: another member number that starts the same'],
        [`smart expense add --member ${other}`, 'probe: --member of another'],
        ['smart test', `probe: member ${other} added`],
        ['smart test', `probe: invoice ${bramInvoice} reminded`],
        [`smart invoice issue ${ada}`, 'probe: a contract number equal to the member number'],
      ]),
    ).toEqual([
      'probe: member command',
      'probe: member command with #',
      'probe: --member',
      'probe: --member=',
      'probe: shares buy',
      `probe: for member ${ada}; done`,
      `probe: invoice ${adaInvoice} reminded`,
    ]);
  });

  test('is recorded in the audit log without personal data; a failed delivery records nothing', () => {
    const before = auditCount();
    expect(() =>
      exportMemberData(temp.book, testContext(), ada, () => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(auditCount()).toBe(before);
    exportMemberData(temp.book, testContext(), ada);
    expect(auditCount()).toBe(before + 1);
    const last = temp.book.prepare('SELECT summary, command FROM audit_log ORDER BY id DESC LIMIT 1').get() as { summary: string; command: string };
    expect(last.summary).toBe(`member ${ada}: personal data exported (access request)`);
    // The next request lists this one among the rows that name the member.
    const again = exportMemberData(temp.book, testContext(), ada) as unknown as Exported;
    expect(again.audit.map((row) => row.summary)).toContain(last.summary);
  });

  test('an unknown member is not found', () => {
    expectSmartError(() => exportMemberData(temp.book, testContext(), 99), 'not-found');
  });
});

describe('member anonymise', () => {
  test('is refused for a member who has not left, and before the retention period is over, naming the date', () => {
    const active = expectSmartError(() => anonymiseMember(temp.book, testContext('2040-01-01'), bram), 'conflict');
    expect(active.message).toContain('has not left');
    // Ada's last record is her leaving (2026-11-30): 10 years from 1 January 2027.
    const early = expectSmartError(() => anonymiseMember(temp.book, testContext('2036-12-31'), ada), 'conflict');
    expect(early.message).toContain('2037-01-01');
    expect(showMember(temp.book, ada).member.niss).toBe(MEMBER_ADA.niss);
    expect(showMember(temp.book, ada).anonymisedOn).toBeNull();
  });

  test('is refused while a contract is still open; allowed once it is cancelled', () => {
    const open = contractFor(temp.book, { memberId: bram, clientId: 1 }, { description: 'Not done yet', start: '2026-12-07', end: '2026-12-11' });
    leaveMember(temp.book, testContext('2026-11-30'), { memberId: bram, date: '2026-11-30', force: true });
    const refused = expectSmartError(() => anonymiseMember(temp.book, testContext('2040-01-01'), bram), 'conflict');
    expect(refused.message).toContain('1 open contract');
    cancelContract(temp.book, testContext(), open, 'Member left');
    expect(anonymiseMember(temp.book, testContext('2040-01-01'), bram).changed).toBe(true);
  });

  test('the retention runs from 1 January after the last record, for the years of the rule in force on the day', () => {
    const check = checkAnonymisation(temp.book, testContext('2037-01-01'), ada);
    expect(check.retention).toEqual({ years: 10, lastRecord: '2026-11-30', endsOn: '2037-01-01' });
    setRule(temp.book, testContext(), { name: 'member.retention-years', value: '5', from: '2030-01-01' });
    // The rule in force on the day of the request applies.
    expect(checkAnonymisation(temp.book, testContext('2032-01-01'), ada).retention?.endsOn).toBe('2032-01-01');
    expectSmartError(() => checkAnonymisation(temp.book, testContext('2031-12-31'), ada), 'conflict');
  });

  test('replaces the personal data, keeps every posting, invoice and payslip figure, and `smart check` passes', () => {
    const ledgerBefore = balances();
    const invoicesBefore = rows('SELECT * FROM invoices ORDER BY id');
    const payslipsBefore = rows('SELECT * FROM payslips ORDER BY id') as Record<string, unknown>[];
    const bramBefore = showMember(temp.book, bram);
    const outcome = anonymiseMember(temp.book, testContext('2037-01-01'), ada);
    expect(outcome).toMatchObject({ changed: true, anonymisedOn: '2037-01-01', payslipIbansErased: 1, receiptsEmptied: 1, activityBalanceCents: 1 });
    expect(outcome.member).toMatchObject({ name: `anonymised member ${ada}`, email: '', niss: `anonymised-${ada}`, iban: '', birthDate: '', address: '', status: 'left', leftOn: '2026-11-30', category: MEMBER_ADA.category });
    expect(balances()).toEqual(ledgerBefore);
    expect(rows('SELECT * FROM invoices ORDER BY id')).toEqual(invoicesBefore);
    const payslipsAfter = rows('SELECT * FROM payslips ORDER BY id') as Record<string, unknown>[];
    expect(payslipsAfter).toEqual(payslipsBefore.map((payslip) => (payslip.member_id === ada ? { ...payslip, iban: '' } : payslip)));
    expect(showMember(temp.book, bram)).toEqual(bramBefore);
    expect(showMember(temp.book, ada).anonymisedOn).toBe('2037-01-01');
    expect(listMembers(temp.book, {}).find((member) => member.id === ada)?.name).toBe(`anonymised member ${ada}`);
    expect(failedChecks()).toEqual([]);
  });

  test('a second run says so and changes nothing', () => {
    anonymiseMember(temp.book, testContext('2037-01-01'), ada);
    const members = rows('SELECT * FROM members ORDER BY id');
    const audits = auditCount();
    const again = anonymiseMember(temp.book, testContext('2038-06-01'), ada);
    expect(again).toMatchObject({ changed: false, anonymisedOn: '2037-01-01', payslipIbansErased: 0, receiptsEmptied: 0 });
    expect(rows('SELECT * FROM members ORDER BY id')).toEqual(members);
    expect(auditCount()).toBe(audits);
  });

  test('records an audit row without personal data', () => {
    anonymiseMember(temp.book, testContext('2037-01-01', 'smart member anonymise 1 --yes'), ada);
    const last = temp.book.prepare('SELECT summary, command FROM audit_log ORDER BY id DESC LIMIT 1').get() as { summary: string; command: string };
    expect(last.summary).toMatch(new RegExp(`^member ${ada} anonymised`));
    const log = JSON.stringify(rows('SELECT * FROM audit_log'));
    for (const personal of [MEMBER_ADA.niss, MEMBER_ADA.iban, MEMBER_ADA.name, MEMBER_ADA.email]) expect(log).not.toContain(personal);
  });

  test('edit is refused afterwards, by the use case and by the database', () => {
    anonymiseMember(temp.book, testContext('2037-01-01'), ada);
    const refused = expectSmartError(() => editMember(temp.book, testContext(), ada, { email: 'ada@example.org' }), 'conflict');
    expect(refused.message).toContain('anonymised');
    expect(() => temp.book.prepare("UPDATE members SET email = 'x@example.be' WHERE id = ?").run(ada)).toThrow('anonymised member is never edited');
    expect(() => temp.book.prepare("UPDATE payslips SET iban = 'BE65405081011296' WHERE member_id = ?").run(ada)).toThrow('never edited');
  });

  test("the payslips' IBAN can be erased only for an anonymised member, and no figure with it", () => {
    expect(() => temp.book.prepare("UPDATE payslips SET iban = '' WHERE member_id = ?").run(bram)).toThrow('never edited');
    anonymiseMember(temp.book, testContext('2037-01-01'), ada);
    expect(() => temp.book.prepare('UPDATE payslips SET net_cents = net_cents + 1, gross_cents = gross_cents + 1 WHERE member_id = ?').run(ada)).toThrow('never edited');
  });

  test('export-data afterwards holds the placeholders and the figures, no personal data', () => {
    anonymiseMember(temp.book, testContext('2037-01-01'), ada);
    const data = exportMemberData(temp.book, testContext('2037-01-02'), ada) as unknown as Exported;
    expect(data.member).toMatchObject({ name: `anonymised member ${ada}`, niss: `anonymised-${ada}`, anonymisedOn: '2037-01-01' });
    expect(data.payslips).toEqual([expect.objectContaining({ net: '626.55', iban: '' })]);
    expect(data.expenseNotes).toEqual([expect.objectContaining({ receipt: expect.objectContaining({ fileName: 'receipt removed (member anonymised)', bytes: 0, sha256: createHash('sha256').update(RECEIPT).digest('hex') }) })]);
    const text = JSON.stringify(data);
    for (const personal of [MEMBER_ADA.niss, MEMBER_ADA.iban, MEMBER_ADA.name, MEMBER_ADA.email, MEMBER_ADA.address, 'ada-peeters']) expect(text).not.toContain(personal);
  });

  test("the NISS, IBAN and name are nowhere in the book's files afterwards; the other member's still are", () => {
    anonymiseMember(temp.book, testContext('2037-01-01'), ada);
    temp.book.close();
    const bytes = bookBytes(temp.path);
    for (const personal of [MEMBER_ADA.niss, MEMBER_ADA.iban, MEMBER_ADA.name, MEMBER_ADA.email, RECEIPT, 'ada-peeters-train']) expect(bytes.includes(Buffer.from(personal))).toBe(false);
    // The scan does find what is still held: Bram's data.
    for (const held of [BRAM.niss, BRAM.iban, BRAM.name]) expect(bytes.includes(Buffer.from(held))).toBe(true);
  });

  test('the invariant catches personal data left on an anonymised member', () => {
    anonymiseMember(temp.book, testContext('2037-01-01'), ada);
    temp.book.exec('DROP TRIGGER members_anonymised_fixed');
    temp.book.prepare("UPDATE members SET address = 'Rue Haute 12' WHERE id = ?").run(ada);
    expect(failedChecks()).toEqual([expect.stringMatching(/^anonymised-members: member \d+ is anonymised but their address is still held/)]);
  });

  test("earlier payslips and employment contracts can still be printed, with the placeholders", () => {
    anonymiseMember(temp.book, testContext('2037-01-01'), ada);
    const run = new PayoutStore(temp.book).runByWeek('2026-W46');
    if (run === undefined) throw new Error('the run of 2026-W46 is missing');
    const slip = payslipDocumentsOf(temp.book, run).find((document) => document.member.id === ada);
    if (slip === undefined) throw new Error("Ada's payslip is missing");
    const payslipText = JSON.stringify(payslipPdfDefinition(slip));
    const contractText = JSON.stringify(employmentContractPdfDefinition(employmentContractInput(temp.book, 1)));
    for (const text of [payslipText, contractText]) {
      expect(text).toContain(`anonymised member ${ada}`);
      expect(text).toContain(`anonymised-${ada}`);
      for (const personal of [MEMBER_ADA.name, '85.07.30', MEMBER_ADA.iban, 'Rue Haute']) expect(text).not.toContain(personal);
    }
  });

  test('the weekly run never pays an anonymised member', () => {
    anonymiseMember(temp.book, testContext('2037-01-01'), ada);
    const next = contractFor(temp.book, { memberId: bram, clientId: 1 }, { description: 'Reprise', start: '2037-01-05', end: '2037-01-06', days: '2' });
    issueInvoice(temp.book, testContext('2037-01-07'), { contractId: next, date: '2037-01-07' });
    const outcome = runPayout(temp.book, testContext('2037-01-09'), { date: '2037-01-09' });
    expect(outcome.payslips.map((payslip) => payslip.memberId)).toEqual([bram]);
    expect(failedChecks()).toEqual([]);
  });
});

describe('a book created before anonymisation existed', () => {
  test('gets the retention rule from its migration and keeps passing smart check', () => {
    const path = join(temp.dir, 'old.sqlite');
    const db = new BetterSqlite3(path);
    const migrations = loadMigrations();
    const older = migrations.slice(0, migrations.findIndex((migration) => migration.name === 'anonymisation'));
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const migration of older) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, '2026-01-01T00:00:00.000Z');
    }
    db.pragma(`user_version = ${older.length}`);
    insertCoop(db, { ...COOP_IDENTITY, demo: false, createdAt: '2026-01-01T00:00:00.000Z' });
    const insertRule = db.prepare("INSERT INTO rules (name, effective_from, value, status, source, recorded_at, recorded_by) VALUES (?, '2026-01-01', ?, ?, ?, 'then', 'smart')");
    for (const rule of RULE_CATALOGUE.filter((candidate) => candidate.name !== 'member.retention-years')) insertRule.run(rule.name, rule.defaultValue, rule.status, rule.source);
    db.close();
    const book = openBook(path, '2026-12-01T00:00:00.000Z');
    try {
      // The same row as `smart init` installs from the catalogue.
      const shipped = RULE_CATALOGUE.find((rule) => rule.name === 'member.retention-years');
      expect(book.prepare("SELECT value, status, source, effective_from AS effectiveFrom FROM rules WHERE name = 'member.retention-years'").all()).toEqual([
        { value: shipped?.defaultValue, status: shipped?.status, source: shipped?.source, effectiveFrom: '2026-01-01' },
      ]);
      expect(failedChecks(book)).toEqual([]);
    } finally {
      book.close();
    }
  });

  test('a new book gets the rule once, from smart init', () => {
    expect(rows("SELECT value FROM rules WHERE name = 'member.retention-years'")).toEqual([{ value: '10' }]);
  });
});

describe('--vacuum', () => {
  test('rebuilds the book file: personal data an older smart left in free pages is gone', () => {
    for (const vacuum of [false, true]) {
      const book = createTempBook();
      try {
        const member = buildScenario(book).ada;
        // What a book written without secure_delete can hold: pages freed with their content.
        book.book.pragma('secure_delete = OFF');
        book.book.exec('CREATE TABLE scratch (content TEXT)');
        book.book.prepare('INSERT INTO scratch VALUES (?)').run(`${MEMBER_ADA.niss} ${MEMBER_ADA.name} `.repeat(500));
        book.book.exec('DROP TABLE scratch');
        book.book.pragma('secure_delete = FAST');
        const outcome = anonymiseMember(book.book, testContext('2037-01-01'), member, { vacuum });
        expect(outcome.vacuumed).toBe(vacuum);
        expect(runChecks(book.book).every((check) => check.ok)).toBe(true);
        book.book.close();
        expect(bookBytes(book.path).includes(Buffer.from(MEMBER_ADA.niss))).toBe(!vacuum);
      } finally {
        book.cleanup();
      }
    }
  });
});
