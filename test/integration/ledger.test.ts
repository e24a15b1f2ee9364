import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import BetterSqlite3 from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBook } from '../../src/book/open-book.js';
import { latestSchemaVersion } from '../../src/book/migrate.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { SmartError } from '../../src/errors.js';
import { BANK, activityAccount } from '../../src/ledger/chart.js';
import { LedgerStore } from '../../src/ledger/ledger-store.js';
import { postEntry } from '../../src/ledger/post-entry.js';
import { type TempBook, createTempBook, tempDir, testContext } from '../helpers/temp-book.js';

let temp: TempBook;
beforeEach(() => {
  temp = createTempBook();
});
afterEach(() => temp.cleanup());

const entry = (key: string, cents: number) => ({
  key,
  date: '2026-11-23',
  reason: 'test',
  memo: 'test entry',
  postings: [
    { account: BANK, amountCents: cents },
    { account: { code: 'income:test', type: 'income' as const, name: 'Test income' }, amountCents: -cents },
  ],
});

describe('posting entries', () => {
  test('an entry with a known key posts once; other amounts under that key are a conflict', () => {
    const ledger = new LedgerStore(temp.book);
    expect(postEntry(ledger, testContext(), entry('k1', 1000)).created).toBe(true);
    expect(postEntry(ledger, testContext(), entry('k1', 1000)).created).toBe(false);
    expect(() => postEntry(ledger, testContext(), entry('k1', 1001))).toThrow(SmartError);
    expect(ledger.balance(BANK.code)).toBe(1000);
  });

  test('an unbalanced entry never reaches the book', () => {
    const ledger = new LedgerStore(temp.book);
    const broken = { ...entry('k2', 1000), postings: [{ account: BANK, amountCents: 1000 }, { account: activityAccount(1), amountCents: -999 }] };
    expect(() => postEntry(ledger, testContext(), broken)).toThrow('does not balance');
    expect(ledger.entryByKey('k2')).toBeUndefined();
  });
});

describe('the database keeps the ledger append-only', () => {
  test('UPDATE and DELETE of entries and postings are refused, and so is a posting added to a complete entry', () => {
    const ledger = new LedgerStore(temp.book);
    const { entryId } = postEntry(ledger, testContext(), entry('k3', 500));
    expect(() => temp.book.prepare('UPDATE postings SET amount_cents = 1 WHERE entry_id = ?').run(entryId)).toThrow('append-only');
    expect(() => temp.book.prepare('DELETE FROM postings WHERE entry_id = ?').run(entryId)).toThrow('append-only');
    expect(() => temp.book.prepare("UPDATE entries SET memo = 'x' WHERE id = ?").run(entryId)).toThrow('append-only');
    expect(() => temp.book.prepare('DELETE FROM entries WHERE id = ?').run(entryId)).toThrow('append-only');
    expect(() => temp.book.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, 1, 5)').run(entryId)).toThrow('already complete');
    expect(() => temp.book.prepare("UPDATE rules SET value = '0.5' WHERE name = 'levy.rate'").run()).toThrow('history is kept');
  });
});

describe('smart check', () => {
  test('passes on a new book and finds every tampering, listing all problems', () => {
    expect(runChecks(temp.book).every((check) => check.ok)).toBe(true);
    const ledger = new LedgerStore(temp.book);
    postEntry(ledger, testContext(), entry('k4', 700));
    temp.book.exec(`INSERT INTO members (id, name, email, niss, iban, birth_date, address, category, joined_on, created_at, updated_at)
      VALUES (7, 'M', 'm@example.be', '85073001150', 'BE83332253083015', '1985-07-30', 'A', 'employee', '2026-01-01', 'now', 'now')`);
    postEntry(ledger, testContext(), {
      ...entry('k5', 300),
      postings: [
        { account: activityAccount(7), amountCents: 300 },
        { account: BANK, amountCents: -300 },
      ],
    });
    temp.book.exec('DROP TRIGGER postings_no_update');
    temp.book.exec('UPDATE postings SET amount_cents = amount_cents + 1');
    const failed = runChecks(temp.book).filter((check) => !check.ok);
    expect(failed.map((check) => check.name)).toEqual(['entries-balance', 'ledger-append-only', 'share-holdings', 'activity-accounts-not-negative']);
    expect(failed[0]?.problems).toHaveLength(2);
    expect(failed[0]?.problems[0]).toMatch(/restore it from a backup$/);
  });
});

describe('smart check on entries that lost their postings', () => {
  test('an entry whose postings were deleted, and postings whose entry was deleted, are both listed', () => {
    const ledger = new LedgerStore(temp.book);
    const emptied = postEntry(ledger, testContext(), entry('k6', 400)).entryId;
    const orphaned = postEntry(ledger, testContext(), entry('k7', 900)).entryId;
    postEntry(ledger, testContext(), entry('k8', 100));
    expect(runChecks(temp.book).every((check) => check.ok)).toBe(true);
    temp.book.pragma('foreign_keys = OFF');
    temp.book.exec('DROP TRIGGER postings_no_delete; DROP TRIGGER entries_no_delete');
    temp.book.prepare('DELETE FROM postings WHERE entry_id = ?').run(emptied);
    temp.book.prepare('DELETE FROM entries WHERE id = ?').run(orphaned);
    const balance = runChecks(temp.book).find((check) => check.name === 'entries-balance');
    expect(balance?.ok).toBe(false);
    expect(balance?.problems).toHaveLength(2);
    expect(balance?.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^entry ${orphaned} \\(\\(no such entry\\)\\): postings sum to 0\\.00, 2 of 0 postings`)),
        expect.stringMatching(new RegExp(`^entry ${emptied} \\(k6\\): postings sum to 0\\.00, 0 of 2 postings`)),
      ]),
    );
  });
});

describe('opening books', () => {
  test('an older (empty) SQLite file is migrated to the latest schema, each migration recorded', () => {
    const dir = tempDir();
    try {
      const path = join(dir.dir, 'old.sqlite');
      new BetterSqlite3(path).close();
      const book = openBook(path, '2026-11-23T10:00:00Z');
      expect(book.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
      expect(book.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: latestSchemaVersion() });
      expect(book.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(book.pragma('foreign_keys', { simple: true })).toBe(1);
      book.close();
    } finally {
      dir.cleanup();
    }
  });

  test('a book from a newer smart is refused and left untouched', () => {
    temp.book.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    temp.book.close();
    expect(() => openBook(temp.path, '2026-11-23T10:00:00Z')).toThrow('newer version of smart');
  });

  test('a file that is not a database is refused clearly', () => {
    const dir = tempDir();
    try {
      const path = join(dir.dir, 'notes.sqlite');
      writeFileSync(path, 'not a database at all, just some text that is long enough to look like a header'.repeat(20));
      expect(() => openBook(path, '2026-11-23T10:00:00Z')).toThrow('is not a smart book');
    } finally {
      dir.cleanup();
    }
  });
});
