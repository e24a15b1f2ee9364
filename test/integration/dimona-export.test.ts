/**
 * `smart export dimona`, the co-op's ONSS number and the Dimona rules: contracts inside, across
 * and outside the range, one recorded after its first day, one cancelled; the joint committee
 * in force on each contract's first day; a book from before the Dimona rules keeps passing
 * `smart check` once opened by this version.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import BetterSqlite3 from 'better-sqlite3';
import { loadMigrations } from '../../src/book/migrate.js';
import { type Book, openBook } from '../../src/book/open-book.js';
import { type Period, periodBetween } from '../../src/calendar/periods.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { addClient } from '../../src/clients/manage-clients.js';
import { DIMONA_EXPORT_COLUMNS, dimonaExport } from '../../src/contracts/dimona-export.js';
import { addContract, cancelContract } from '../../src/contracts/manage-contracts.js';
import { findCoop } from '../../src/coop/coop-store.js';
import { setOnssNumber } from '../../src/coop/set-coop.js';
import { SmartError } from '../../src/errors.js';
import { openExportSink } from '../../src/exports/export-sink.js';
import { runTableExport } from '../../src/exports/run-export.js';
import { addMember } from '../../src/members/add-member.js';
import { RULE_CATALOGUE } from '../../src/rules/catalogue.js';
import { loadRules, setRule } from '../../src/rules/set-rule.js';
import { insertRuleRow } from '../../src/rules/rules-store.js';
import { MEMBER_ADA } from '../helpers/invoicing-fixture.js';
import { type TempBook, createTempBook, tempDir, testContext } from '../helpers/temp-book.js';

const ONSS = '000935467';
const WEEK = periodBetween('2026-11-23', '2026-11-29') as Period;

let temp: TempBook;
let book: Book;
const ids = { ada: 0, artist: 0, client: 0 };
const contract: Record<string, number> = {};

/** A contract recorded on `recorded` (its created_at), one day of work unless `end` says otherwise. */
function add(key: string, memberId: number, start: string, end: string, recorded: string): void {
  contract[key] = addContract(book, testContext(recorded), { memberId, clientId: ids.client, description: key, start, end, days: '1', amount: '500.00' }).contract.id;
}

beforeAll(() => {
  temp = createTempBook();
  book = temp.book;
  ids.ada = addMember(book, testContext(), MEMBER_ADA).member.id;
  ids.artist = addMember(book, testContext(), { ...MEMBER_ADA, name: 'Inès Vermeulen', email: 'ines@example.be', niss: '92031512322', birthDate: '1992-03-15', iban: 'BE41063012345610', category: 'artist', withholding: 'flat' }).member.id;
  ids.client = addClient(book, testContext(), { name: 'Théâtre National', address: 'Bd Émile Jacqmain 111, 1000 Bruxelles', vatNumber: 'BE0123456749' }).client.id;
  add('whole-month', ids.ada, '2026-11-01', '2026-11-30', '2026-10-30');
  add('late', ids.artist, '2026-11-20', '2026-11-24', '2026-11-23');
  add('in-week', ids.ada, '2026-11-24', '2026-11-26', '2026-11-20');
  add('artist-after-change', ids.artist, '2026-11-27', '2026-11-27', '2026-11-20');
  add('ends-before', ids.ada, '2026-11-10', '2026-11-22', '2026-11-02');
  add('starts-after', ids.artist, '2026-11-30', '2026-12-02', '2026-11-20');
  add('cancelled', ids.ada, '2026-11-25', '2026-11-25', '2026-11-20');
  cancelContract(book, testContext('2026-11-21'), contract.cancelled ?? 0, 'the concert was called off');
  // From 2026-11-25 the co-op declares its artists under joint committee 227 (audiovisual).
  setRule(book, testContext(), { name: 'dimona.joint-committee.artist', value: '227', from: '2026-11-25' });
});
afterAll(() => temp.cleanup());

async function exportTo(path: string, period: Period): Promise<Record<string, string>[]> {
  const sink = await openExportSink(path, false, process.stdout);
  await runTableExport(book, testContext(), sink, 'dimona', () => dimonaExport(book, period), { excel: false });
  return parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
}

describe('without the co-op\'s ONSS number', () => {
  test('a new book has none, and the export is refused naming the command that records it; no file is left', async () => {
    expect(findCoop(book)?.onssNumber).toBeNull();
    const path = join(temp.dir, 'refused.csv');
    const refused = exportTo(path, WEEK);
    await expect(refused).rejects.toThrow(SmartError);
    await expect(refused).rejects.toMatchObject({ kind: 'invalid-input', hint: expect.stringContaining('smart coop set --onss-number') });
    expect(existsSync(path)).toBe(false);
  });
});

describe('with it', () => {
  let rows: Record<string, string>[];
  beforeAll(async () => {
    expect(setOnssNumber(book, testContext(), '0009354-67')).toMatchObject({ changed: true, previous: null });
    rows = await exportTo(join(temp.dir, 'dimona.csv'), WEEK);
  });

  test('one row per contract whose work overlaps the range, cancelled ones aside, by first day of work', () => {
    const expected = book
      .prepare(`SELECT id FROM contracts WHERE status <> 'cancelled' AND NOT (end_date < ? OR start_date > ?) ORDER BY start_date, id`)
      .all(WEEK.from, WEEK.to) as { id: number }[];
    expect(rows.map((row) => Number(row.contract))).toEqual(expected.map((row) => row.id));
    expect(rows.map((row) => Number(row.contract))).toEqual([contract['whole-month'], contract.late, contract['in-week'], contract['artist-after-change']]);
    expect(Object.keys(rows[0] ?? {})).toEqual(DIMONA_EXPORT_COLUMNS.map((column) => column.name));
  });

  test('each row is one IN declaration with both dates, the employer numbers and the worker as the book has them', () => {
    const members = new Map((book.prepare('SELECT id, niss, name, category FROM members').all() as { id: number; niss: string; name: string; category: string }[]).map((row) => [row.id, row]));
    const contracts = new Map((book.prepare('SELECT id, member_id AS memberId, start_date AS startDate, end_date AS endDate, days FROM contracts').all() as { id: number; memberId: number; startDate: string; endDate: string; days: number }[]).map((row) => [row.id, row]));
    for (const row of rows) {
      const recorded = contracts.get(Number(row.contract));
      const member = members.get(recorded?.memberId ?? 0);
      expect(row).toMatchObject({
        declaration: 'IN',
        employer_onss: ONSS,
        employer_enterprise: '0123456749',
        member: String(member?.id),
        niss: member?.niss,
        name: member?.name,
        category: member?.category,
        worker_type: 'OTH',
        start_date: recorded?.startDate,
        end_date: recorded?.endDate,
        days: String(recorded?.days),
        deadline: recorded?.startDate,
      });
    }
  });

  test('the joint committee is the one in force on the first day of work, per category', () => {
    expect(rows.map((row) => [Number(row.contract), row.category, row.joint_committee])).toEqual([
      [contract['whole-month'], 'employee', '200'],
      [contract.late, 'artist', '304'],
      [contract['in-week'], 'employee', '200'],
      [contract['artist-after-change'], 'artist', '227'],
    ]);
  });

  test('a contract recorded after its first day is marked late; the others are not', () => {
    expect(rows.map((row) => [Number(row.contract), row.recorded_on, row.recorded_late])).toEqual([
      [contract['whole-month'], '2026-10-30', 'no'],
      [contract.late, '2026-11-23', 'yes'],
      [contract['in-week'], '2026-11-20', 'no'],
      [contract['artist-after-change'], '2026-11-20', 'no'],
    ]);
  });

  test('setting the same number again changes nothing; a wrong number is refused and the old one kept', () => {
    expect(setOnssNumber(book, testContext(), '000935467')).toMatchObject({ changed: false });
    expect(() => setOnssNumber(book, testContext(), '0009354-68')).toThrow(SmartError);
    expect(findCoop(book)?.onssNumber).toBe(ONSS);
  });
});

describe('smart contract add', () => {
  test('warns when the contract starts before the day it is recorded, and only then', () => {
    const late = addContract(book, testContext('2026-11-23'), { memberId: ids.ada, clientId: ids.client, description: 'warned', start: '2026-11-22', end: '2026-11-22', days: '1', amount: '100.00' });
    expect(late.warnings).toHaveLength(1);
    expect(late.warnings[0]).toContain('starts on 2026-11-22, before it was recorded (2026-11-23)');
    // The same contract again: nothing new, the same warning.
    expect(addContract(book, testContext('2026-11-24'), { memberId: ids.ada, clientId: ids.client, description: 'warned', start: '2026-11-22', end: '2026-11-22', days: '1', amount: '100.00' })).toMatchObject({ created: false, warnings: late.warnings });
    for (const start of ['2026-11-23', '2026-11-24']) {
      expect(addContract(book, testContext('2026-11-23'), { memberId: ids.ada, clientId: ids.client, description: `on time ${start}`, start, end: start, days: '1', amount: '100.00' }).warnings).toEqual([]);
    }
  });
});

describe('the Dimona rules', () => {
  let old: { dir: string; cleanup(): void };
  afterEach(() => old?.cleanup());

  test('a new book holds each once, at the catalogue defaults', () => {
    for (const name of ['dimona.joint-committee.employee', 'dimona.joint-committee.artist', 'dimona.worker-type']) {
      const rows = temp.book.prepare("SELECT value FROM rules WHERE name = ? AND recorded_by LIKE 'smart (default%'").all(name) as { value: string }[];
      expect(rows.map((row) => row.value)).toEqual([RULE_CATALOGUE.find((rule) => rule.name === name)?.defaultValue]);
    }
  });

  test('a book made before them gets them, as the catalogue has them, and passes smart check', () => {
    old = tempDir();
    const path = join(old.dir, 'book.sqlite');
    const now = '2026-03-01T09:00:00.000Z';
    // A book as the previous version wrote it: the first five migrations, the co-op, the rules of then.
    const db = new BetterSqlite3(path);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const migration of loadMigrations().slice(0, 5)) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, now);
    }
    db.pragma('user_version = 5');
    db.prepare(`INSERT INTO coop (id, name, enterprise_number, iban, bic, address, created_at) VALUES (1, 'Old Coop', '0123456749', 'BE71096123456769', 'GKCCBEBB', 'Rue X 1', ?)`).run(now);
    for (const rule of RULE_CATALOGUE.filter((item) => !item.name.startsWith('dimona.'))) {
      insertRuleRow(db, { name: rule.name, effectiveFrom: '2026-01-01', value: rule.defaultValue, status: rule.status, source: rule.source, recordedAt: now, recordedBy: 'smart (default Belgian rule set)' });
    }
    db.close();
    const opened = openBook(path, now);
    try {
      const rules = loadRules(opened);
      for (const definition of RULE_CATALOGUE.filter((item) => item.name.startsWith('dimona.'))) {
        expect([definition.name, rules.rowAt(definition.name, '2026-01-01')]).toEqual([definition.name, expect.objectContaining({ value: definition.defaultValue, status: definition.status, source: definition.source, effectiveFrom: '2026-01-01' })]);
      }
      expect(findCoop(opened)?.onssNumber).toBeNull();
      const checks = runChecks(opened);
      expect(checks.filter((check) => ['rules-complete', 'schema-recorded'].includes(check.name)).map((check) => [check.name, check.ok])).toEqual([
        ['rules-complete', true],
        ['schema-recorded', true],
      ]);
    } finally {
      opened.close();
    }
  });
});
