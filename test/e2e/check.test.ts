/** `smart check` proves the invariants and catches a book changed outside smart; the database guards the ledger. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { type E2eBook, PEOPLE, json, memberFlags, newBook, runSmartAsync } from './support.js';

interface CheckJson {
  readonly ok: boolean;
  readonly checks: readonly { readonly name: string; readonly ok: boolean; readonly problems: readonly string[] }[];
}

describe('smart check', () => {
  let book: E2eBook;
  beforeAll(() => {
    book = newBook();
  });
  afterAll(() => book.cleanup());

  test('a fresh book passes; after tampering outside smart, check exits 6 and names the broken invariants', () => {
    const fresh = book.run(['check']);
    expect(fresh.exitCode).toBe(0);
    expect(fresh.stdout).toMatch(/entries-balance/);
    expect(fresh.stdout).not.toMatch(/FAIL/);
    const freshJson = book.run(['check', '--json']);
    expect(freshJson.exitCode).toBe(0);
    const report = json<CheckJson>(freshJson);
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.name)).toEqual(expect.arrayContaining(['entries-balance', 'ledger-append-only', 'share-capital']));
    expect(report.checks.every((check) => check.ok)).toBe(true);

    // A member brings the first ledger entry (their joining share), still a valid book.
    expect(book.run(['member', 'add', ...memberFlags(PEOPLE[0])]).exitCode).toBe(0);
    expect(book.run(['check']).exitCode).toBe(0);

    const db = new Database(book.path);
    db.exec('DROP TRIGGER postings_no_update');
    const changed = db.prepare('UPDATE postings SET amount_cents = amount_cents + 1 WHERE id = 1').run().changes;
    db.close();
    expect(changed).toBe(1);

    const failed = book.run(['check']);
    expect(failed.exitCode).toBe(6);
    expect(failed.stdout).toMatch(/FAIL\s+entries-balance/);
    expect(failed.stdout).toMatch(/FAIL\s+ledger-append-only/);
    expect(failed.stdout).toMatch(/postings_no_update/);
    expect(failed.stderr).toMatch(/entries-balance/);
    expect(failed.stderr).toMatch(/ledger-append-only/);

    const failedJson = book.run(['check', '--json']);
    expect(failedJson.exitCode).toBe(6);
    const broken = json<CheckJson>(failedJson);
    expect(broken.ok).toBe(false);
    const names = broken.checks.filter((check) => !check.ok).map((check) => check.name);
    expect(names).toEqual(expect.arrayContaining(['entries-balance', 'ledger-append-only']));
    for (const check of broken.checks.filter((item) => !item.ok)) expect(check.problems.length).toBeGreaterThan(0);
  });
});

describe('smart check from the last check that passed', () => {
  let book: E2eBook;
  beforeAll(() => {
    book = newBook();
  });
  afterAll(() => book.cleanup());

  test('the first check proves every row; the next the rows added since; --full every row again', () => {
    const first = book.run(['check']);
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toMatch(/All \d+ checks passed on every row of the book\./);
    expect(book.run(['member', 'add', ...memberFlags(PEOPLE[0])]).exitCode).toBe(0);

    const second = book.run(['check', '--json']);
    expect(second.exitCode).toBe(0);
    expect(json<CheckJson & { scope: string; since: string | null }>(second)).toMatchObject({ ok: true, scope: 'since', since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const third = book.run(['check']);
    expect(third.stderr).toMatch(/passed on the rows added since the check of \d{4}-\d\d-\d\dT[^ ]+ \(entries after \d+, invoices after 0, payslips after 0\) and every balance of the whole book\./);
    const full = book.run(['check', '--full', '--json']);
    expect(full.exitCode).toBe(0);
    expect(json<CheckJson & { scope: string }>(full).scope).toBe('full');
    expect(book.run(['audit', '--json']).stdout).toContain('check passed (every row)');
  });
});

describe('smart check on a book another process keeps busy', () => {
  let book: E2eBook;
  beforeAll(() => {
    book = newBook();
  });
  afterAll(() => book.cleanup());

  test('the check passes and says its mark could not be recorded; the next check proves those rows again', async () => {
    const writer = new Database(book.path);
    writer.prepare('BEGIN IMMEDIATE').run();
    try {
      const checked = await runSmartAsync(['check', '--db', book.path]);
      expect(checked.exitCode).toBe(0);
      expect(checked.stderr).toMatch(/could not record how far it went, so the next one proves these rows again/);
      expect(checked.stderr).toMatch(/passed on every row of the book/);
    } finally {
      writer.prepare('ROLLBACK').run();
      writer.close();
    }
    expect(book.run(['check']).stderr).toMatch(/passed on every row of the book/);
    expect(book.run(['check']).stderr).toMatch(/passed on the rows added since the check of/);
  }, 60_000);
});

describe('the database guards the ledger', () => {
  let book: E2eBook;
  let db: Database.Database;
  beforeAll(() => {
    book = newBook();
    const add = book.run(['member', 'add', ...memberFlags(PEOPLE[1], { '--shares': '2' })]);
    if (add.exitCode !== 0) throw new Error(add.stderr);
    db = new Database(book.path);
  });
  afterAll(() => {
    db.close();
    book.cleanup();
  });

  test('there is something to protect', () => {
    expect((db.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n).toBeGreaterThan(0);
    expect((db.prepare('SELECT COUNT(*) AS n FROM postings').get() as { n: number }).n).toBeGreaterThan(1);
  });

  test.each([
    ['UPDATE entries', "UPDATE entries SET memo = 'changed' WHERE id = (SELECT MIN(id) FROM entries)"],
    ['DELETE entries', 'DELETE FROM entries WHERE id = (SELECT MIN(id) FROM entries)'],
    ['UPDATE postings', 'UPDATE postings SET amount_cents = amount_cents + 1 WHERE id = (SELECT MIN(id) FROM postings)'],
    ['DELETE postings', 'DELETE FROM postings WHERE id = (SELECT MIN(id) FROM postings)'],
    ['UPDATE share_movements', 'UPDATE share_movements SET count = count + 1'],
    ['DELETE audit_log', 'DELETE FROM audit_log'],
  ])('%s is refused as append-only', (_what, sql) => {
    const rowsBefore = db.prepare('SELECT (SELECT COUNT(*) FROM entries) AS e, (SELECT SUM(amount_cents) FROM postings) AS p, (SELECT COUNT(*) FROM postings) AS n').get();
    expect(() => db.prepare(sql).run()).toThrow(/append-only/);
    expect(db.prepare('SELECT (SELECT COUNT(*) FROM entries) AS e, (SELECT SUM(amount_cents) FROM postings) AS p, (SELECT COUNT(*) FROM postings) AS n').get()).toEqual(rowsBefore);
  });
});
