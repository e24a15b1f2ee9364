/**
 * smart backup and smart restore on temporary books: what a backup holds, what a restore refuses
 * (leaving the book byte for byte as it was), and what happens to other connections that use the
 * book while it is backed up or restored.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { backupBook, completeRestore, discardRestore, prepareRestore } from '../../src/book/backup.js';
import { latestSchemaVersion, loadMigrations } from '../../src/book/migrate.js';
import { openBook } from '../../src/book/open-book.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { buildDemo } from '../../src/demo/build-demo.js';
import { SmartError } from '../../src/errors.js';
import { BANK } from '../../src/ledger/chart.js';
import { LedgerStore } from '../../src/ledger/ledger-store.js';
import { installDefaultRules } from '../../src/rules/set-rule.js';
import { buyShares } from '../../src/shares/buy-shares.js';
import { tempDir, testContext } from '../helpers/temp-book.js';

const NOW = '2026-11-23T03:00:05.123Z';

let demo: { dir: string; cleanup(): void };
let demoBook: string;

beforeAll(async () => {
  demo = tempDir();
  demoBook = join(demo.dir, 'demo.sqlite');
  await buildDemo(demoBook, testContext());
  expect(existsSync(`${demoBook}-wal`)).toBe(false);
});

afterAll(() => demo.cleanup());

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A folder of its own with a copy of the demo book (members, invoices, a payout run, a bank statement). */
function workspace(): { dir: string; bookPath: string } {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const bookPath = join(dir, 'book.sqlite');
  copyFileSync(demoBook, bookPath);
  return { dir, bookPath };
}

function open(path: string): Database {
  const book = openBook(path, NOW);
  cleanups.unshift(() => {
    if (book.open) book.close();
  });
  return book;
}

/** Reads a database file without going through smart: every table and its number of rows. */
function tableCounts(path: string): Record<string, number> {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/** The number of rows of one table in `tableCounts`. */
function rows(counts: Record<string, number>, table: string): number {
  const n = counts[table];
  if (n === undefined) throw new Error(`no table ${table}`);
  return n;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The book's files (book, -wal) as bytes: equal fingerprints mean nothing was written. */
function fingerprint(path: string): string {
  const wal = `${path}-wal`;
  return `${sha256(path)} wal:${existsSync(wal) && statSync(wal).size > 0 ? sha256(wal) : 'none'}`;
}

function failedChecks(path: string): string[] {
  const db = new BetterSqlite3(path, { fileMustExist: true });
  try {
    return runChecks(db).filter((check) => !check.ok).map((check) => check.name);
  } finally {
    db.close();
  }
}

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

async function smartError(action: () => unknown): Promise<SmartError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof SmartError) return error;
    throw error;
  }
  throw new Error('expected a SmartError');
}

/** Raw SQL on a copy, as someone editing the file outside smart would. */
function tamper(path: string, sql: string): void {
  const db = new BetterSqlite3(path, { fileMustExist: true });
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

describe('smart backup', () => {
  test('writes a copy with every row of the book, mode 0600, one self-contained file, and says what it holds', async () => {
    const { dir, bookPath } = workspace();
    const book = open(bookPath);
    const target = join(dir, 'copy.sqlite');
    const outcome = await backupBook(book, bookPath, target, { force: false, now: NOW });
    book.close();

    expect(outcome.path).toBe(target);
    expect(mode(target)).toBe('600');
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(tableCounts(target)).toEqual(tableCounts(bookPath));
    const counts = tableCounts(bookPath);
    expect(outcome.counts).toEqual({ members: counts.members, invoices: counts.invoices, entries: counts.entries });
    expect(outcome.counts.invoices).toBeGreaterThan(0);
    expect(outcome.bytes).toBe(statSync(target).size);
    expect(outcome.bytes).toBe(outcome.pages * outcome.pageSize);
    expect(outcome.schemaVersion).toBe(latestSchemaVersion());
    expect(outcome.replaced).toBe(false);
    expect(failedChecks(target)).toEqual([]);
    // A rollback-journal file: reading it read-only leaves nothing beside it.
    const copy = new BetterSqlite3(target, { readonly: true, fileMustExist: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    // Nothing else was written: no temporary file, no -wal or -shm beside the copy.
    expect(readdirSync(dir).filter((name) => !name.startsWith('book.sqlite'))).toEqual(['copy.sqlite']);
  });

  test('into a folder, names the file after the book and the time of the command (UTC)', async () => {
    const { dir, bookPath } = workspace();
    const folder = join(dir, 'backups');
    mkdirSync(folder);
    const book = open(bookPath);
    const outcome = await backupBook(book, bookPath, folder, { force: false, now: NOW });
    expect(outcome.path).toBe(join(folder, 'book-2026-11-23T030005Z.sqlite'));
    expect(readdirSync(folder)).toEqual(['book-2026-11-23T030005Z.sqlite']);
    // A second backup within the same second is refused rather than written over the first.
    const error = await smartError(() => backupBook(book, bookPath, `${folder}/`, { force: false, now: NOW }));
    expect(error.kind).toBe('conflict');
    const missing = await smartError(() => backupBook(book, bookPath, join(dir, 'no-such-folder') + '/', { force: false, now: NOW }));
    expect(missing.kind).toBe('not-found');
  });

  test('refuses to replace a file without force, and leaves it as it was; with force replaces it', async () => {
    const { dir, bookPath } = workspace();
    const target = join(dir, 'copy.sqlite');
    writeFileSync(target, 'an older backup');
    const book = open(bookPath);
    const error = await smartError(() => backupBook(book, bookPath, target, { force: false, now: NOW }));
    expect(error.kind).toBe('conflict');
    expect(error.hint).toContain('--force');
    expect(readFileSync(target, 'utf8')).toBe('an older backup');

    const outcome = await backupBook(book, bookPath, target, { force: true, now: NOW });
    expect(outcome.replaced).toBe(true);
    expect(tableCounts(target)).toEqual(tableCounts(bookPath));
    expect(mode(target)).toBe('600');
  });

  test('refuses to write over the book itself or its -wal file, even with force', async () => {
    const { dir, bookPath } = workspace();
    const book = open(bookPath);
    const before = sha256(bookPath);
    for (const target of [bookPath, join(dir, '.', 'book.sqlite'), `${bookPath}-wal`]) {
      const error = await smartError(() => backupBook(book, bookPath, target, { force: true, now: NOW }));
      expect(error.kind).toBe('invalid-input');
    }
    book.close();
    expect(sha256(bookPath)).toBe(before);
  });

  test('refuses to keep a copy that fails the checks (the book was changed outside smart), and leaves no file', async () => {
    const { dir, bookPath } = workspace();
    tamper(bookPath, 'DROP TRIGGER postings_no_update; UPDATE postings SET amount_cents = amount_cents + 1 WHERE id = 1;');
    const book = open(bookPath);
    const target = join(dir, 'copy.sqlite');
    const error = await smartError(() => backupBook(book, bookPath, target, { force: false, now: NOW }));
    expect(error.kind).toBe('check-failed');
    expect(error.problems.map((problem) => problem.where)).toEqual(expect.arrayContaining(['entries-balance', 'ledger-append-only']));
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('.copy'))).toEqual([]);
  });

  test('is one consistent state of the book while another connection keeps committing share purchases', async () => {
    const { dir, bookPath } = workspace();
    const book = open(bookPath);
    const writer = open(bookPath);
    const entries = (db: Database): number => (db.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n;
    const committed = new Set<number>([entries(writer)]);
    let writing = true;
    let purchases = 0;
    // Commits between the backup's steps (the backup API yields to the event loop between them).
    const write = (): void => {
      if (!writing) return;
      buyShares(writer, testContext(), { memberId: 1, count: 1 });
      purchases += 1;
      committed.add(entries(writer));
      setImmediate(write);
    };
    setImmediate(write);
    const outcomes = [];
    for (let run = 0; run < 5; run += 1) outcomes.push(await backupBook(book, bookPath, join(dir, `copy-${run}.sqlite`), { force: false, now: NOW }));
    writing = false;

    expect(purchases).toBeGreaterThan(5);
    for (const outcome of outcomes) {
      expect(failedChecks(outcome.path)).toEqual([]);
      expect(committed.has(outcome.counts.entries)).toBe(true);
      const counts = tableCounts(outcome.path);
      const start = tableCounts(demoBook);
      const bought = rows(counts, 'entries') - rows(start, 'entries');
      // Each purchase is one entry, two postings, one share movement and one audit row, all or nothing.
      expect(rows(counts, 'entries')).toBe(outcome.counts.entries);
      expect(rows(counts, 'postings') - rows(start, 'postings')).toBe(2 * bought);
      expect(rows(counts, 'share_movements') - rows(start, 'share_movements')).toBe(bought);
      expect(rows(counts, 'audit_log') - rows(start, 'audit_log')).toBe(bought);
    }
    // The backups were taken while the purchases went on: the first is not the final state.
    expect(outcomes[0]?.counts.entries).toBeLessThan(entries(writer));
  });
});

describe('smart restore', () => {
  async function backupOf(bookPath: string, target: string): Promise<void> {
    const book = openBook(bookPath, NOW);
    try {
      await backupBook(book, bookPath, target, { force: false, now: NOW });
    } finally {
      book.close();
    }
  }

  function addPurchases(bookPath: string, count: number): void {
    const book = openBook(bookPath, NOW);
    try {
      for (let n = 0; n < count; n += 1) buyShares(book, testContext(), { memberId: 1, count: 1 });
    } finally {
      book.close();
    }
  }

  test('puts the backup back, keeps the replaced book aside (0600), and records the restore in the audit log', async () => {
    const { dir, bookPath } = workspace();
    const backup = join(dir, 'backup.sqlite');
    await backupOf(bookPath, backup);
    const atBackup = tableCounts(backup);
    addPurchases(bookPath, 3);
    const beforeRestore = tableCounts(bookPath);
    expect(rows(beforeRestore, 'entries')).toBe(rows(atBackup, 'entries') + 3);

    const prepared = prepareRestore(backup, bookPath, NOW);
    expect(prepared.counts).toEqual({ members: atBackup.members, invoices: atBackup.invoices, entries: atBackup.entries });
    const outcome = await completeRestore(prepared, testContext('2026-11-24', 'smart restore backup.sqlite --yes'));
    discardRestore(prepared);

    expect(outcome.previous).toBe('kept');
    expect(outcome.keptAt).toBe(`${bookPath}.before-restore-2026-11-24T100000Z`);
    const restored = tableCounts(bookPath);
    expect({ ...restored, audit_log: 0 }).toEqual({ ...atBackup, audit_log: 0 });
    expect(rows(restored, 'audit_log')).toBe(rows(atBackup, 'audit_log') + 1);
    expect(tableCounts(outcome.keptAt ?? '')).toEqual(beforeRestore);
    expect(failedChecks(bookPath)).toEqual([]);
    expect(mode(bookPath)).toBe('600');
    expect(mode(outcome.keptAt ?? '')).toBe('600');
    const book = open(bookPath);
    const last = book.prepare('SELECT command, summary FROM audit_log ORDER BY id DESC LIMIT 1').get() as { command: string; summary: string };
    expect(last.command).toBe('smart restore backup.sqlite --yes');
    expect(last.summary).toContain(`restored the book from ${backup}`);
    expect(last.summary).toContain(outcome.keptAt ?? '?');
    // Nothing else is left in the folder: no working copy, no temporary file.
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  test('a connection that had the book open sees the restored book, and its next write goes into it', async () => {
    const { dir, bookPath } = workspace();
    const backup = join(dir, 'backup.sqlite');
    await backupOf(bookPath, backup);
    addPurchases(bookPath, 2);
    const other = open(bookPath);
    const entries = (): number => (other.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n;
    const before = entries();

    const prepared = prepareRestore(backup, bookPath, NOW);
    const outcome = await completeRestore(prepared, testContext());
    discardRestore(prepared);

    expect(entries()).toBe(before - 2);
    buyShares(other, testContext(), { memberId: 1, count: 1 });
    other.close();
    expect(tableCounts(bookPath).entries).toBe(before - 1);
    expect(tableCounts(outcome.keptAt ?? '').entries).toBe(before);
    expect(failedChecks(bookPath)).toEqual([]);
  });

  test('onto a path without a book (a fresh machine): creates the folder (0700) and the book (0600)', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const { bookPath } = workspace();
    const backup = join(dir, 'backup.sqlite');
    await backupOf(bookPath, backup);
    const fresh = join(dir, 'new-home', 'smart', 'book.sqlite');
    const prepared = prepareRestore(backup, fresh, NOW);
    const outcome = await completeRestore(prepared, testContext());
    discardRestore(prepared);
    expect(outcome.previous).toBe('none');
    expect(outcome.keptAt).toBeUndefined();
    expect(mode(fresh)).toBe('600');
    expect(mode(join(dir, 'new-home'))).toBe('700');
    expect(mode(join(dir, 'new-home', 'smart'))).toBe('700');
    expect({ ...tableCounts(fresh), audit_log: 0 }).toEqual({ ...tableCounts(backup), audit_log: 0 });
    expect(failedChecks(fresh)).toEqual([]);
  });

  test('a book copied by hand with its -wal file is restored with what that file holds, and nothing is written beside it', async () => {
    const { dir, bookPath } = workspace();
    const source = open(bookPath);
    source.pragma('wal_autocheckpoint = 0');
    buyShares(source, testContext(), { memberId: 1, count: 1 });
    const withWal = tableCounts(bookPath);
    const copied = join(dir, 'copied');
    mkdirSync(copied);
    copyFileSync(bookPath, join(copied, 'book.sqlite'));
    copyFileSync(`${bookPath}-wal`, join(copied, 'book.sqlite-wal'));
    source.close();
    expect(statSync(join(copied, 'book.sqlite-wal')).size).toBeGreaterThan(0);

    const target = join(dir, 'elsewhere', 'book.sqlite');
    const prepared = prepareRestore(join(copied, 'book.sqlite'), target, NOW);
    expect(prepared.counts.entries).toBe(withWal.entries);
    await completeRestore(prepared, testContext());
    discardRestore(prepared);
    expect({ ...tableCounts(target), audit_log: 0 }).toEqual({ ...withWal, audit_log: 0 });
    expect(readdirSync(copied).sort()).toEqual(['book.sqlite', 'book.sqlite-wal']);
  });

  test('replaces a current book SQLite cannot read by moving its files aside as they were', async () => {
    const { dir, bookPath } = workspace();
    const backup = join(dir, 'backup.sqlite');
    await backupOf(bookPath, backup);
    writeFileSync(bookPath, 'this is no longer a database');
    const prepared = prepareRestore(backup, bookPath, NOW);
    const outcome = await completeRestore(prepared, testContext());
    discardRestore(prepared);
    expect(outcome.previous).toBe('moved-aside');
    expect(readFileSync(outcome.keptAt ?? '', 'utf8')).toBe('this is no longer a database');
    expect(failedChecks(bookPath)).toEqual([]);
  });

  test('brings a backup from the previous schema to this one', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    // A book as the smart before the latest migration made it.
    const old = join(dir, 'old.sqlite');
    const db = new BetterSqlite3(old);
    const migrations = loadMigrations();
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const migration of migrations.slice(0, -1)) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, NOW);
      db.pragma(`user_version = ${migration.version}`);
    }
    db.prepare(`INSERT INTO coop (id, name, enterprise_number, iban, bic, address, demo, created_at) VALUES (1, 'Old Coop', 'BE0123456749', 'BE71096123456769', 'GKCCBEBB', 'Rue X 1, 1000 Brussels', 0, ?)`).run(NOW);
    installDefaultRules(db, testContext());
    new LedgerStore(db).accountId(BANK);
    db.close();

    const { bookPath } = workspace();
    const before = fingerprint(bookPath);
    const oldBefore = sha256(old);
    const prepared = prepareRestore(old, bookPath, NOW);
    expect(prepared.migratedFrom).toBe(migrations.length - 1);
    expect(prepared.schemaVersion).toBe(migrations.length);
    // The migration ran on the working copy: neither the file given nor the book has changed yet.
    expect(sha256(old)).toBe(oldBefore);
    expect(fingerprint(bookPath)).toBe(before);
    await completeRestore(prepared, testContext());
    discardRestore(prepared);
    const restored = new BetterSqlite3(bookPath, { readonly: true });
    expect(restored.pragma('user_version', { simple: true })).toBe(migrations.length);
    restored.close();
    expect(failedChecks(bookPath)).toEqual([]);
  });

  describe('refuses, changing nothing', () => {
    async function expectRefused(file: string, kind: string): Promise<SmartError> {
      const { dir, bookPath } = workspace();
      const before = fingerprint(bookPath);
      const fileBefore = existsSync(file) ? sha256(file) : 'none';
      const error = await smartError(() => prepareRestore(file, bookPath, NOW));
      expect(error.kind).toBe(kind);
      expect(fingerprint(bookPath)).toBe(before);
      expect(existsSync(file) ? sha256(file) : 'none').toBe(fileBefore);
      expect(readdirSync(dir).sort()).toEqual(['book.sqlite']);
      return error;
    }

    let files: { dir: string; cleanup(): void };
    beforeAll(() => {
      files = tempDir();
    });
    afterAll(() => files.cleanup());

    test('a file that is not an SQLite database (exit 3)', async () => {
      const file = join(files.dir, 'notes.txt');
      writeFileSync(file, 'member list, not a book\n'.repeat(200));
      const error = await expectRefused(file, 'invalid-input');
      expect(error.message).toContain('not an SQLite database');
    });

    test('an SQLite database that is not a smart book (exit 3)', async () => {
      const file = join(files.dir, 'other.sqlite');
      const db = new BetterSqlite3(file);
      db.exec('CREATE TABLE notes (text TEXT)');
      db.close();
      await expectRefused(file, 'invalid-input');
    });

    test('a damaged copy of a book (exit 6), listing what integrity_check found', async () => {
      const file = join(files.dir, 'damaged.sqlite');
      copyFileSync(demoBook, file);
      const bytes = readFileSync(file);
      // Garbage over pages 3 to 10: the header is intact, the b-trees are not.
      bytes.fill(0xa5, 2 * 4096, 10 * 4096);
      writeFileSync(file, bytes);
      const error = await expectRefused(file, 'check-failed');
      expect(error.problems.length).toBeGreaterThan(0);
      expect(error.problems.every((problem) => problem.where === 'integrity_check')).toBe(true);
    });

    test('a book that fails an invariant after someone edited it with raw SQL (exit 6), naming the checks', async () => {
      const file = join(files.dir, 'edited.sqlite');
      copyFileSync(demoBook, file);
      tamper(file, 'DROP TRIGGER postings_no_update; UPDATE postings SET amount_cents = amount_cents + 100 WHERE id = 1;');
      const error = await expectRefused(file, 'check-failed');
      expect(error.problems.map((problem) => problem.where)).toEqual(expect.arrayContaining(['entries-balance', 'ledger-append-only']));
    });

    test('a book written by a newer smart (exit 5)', async () => {
      const file = join(files.dir, 'newer.sqlite');
      copyFileSync(demoBook, file);
      tamper(file, `PRAGMA user_version = ${latestSchemaVersion() + 1}`);
      const error = await expectRefused(file, 'conflict');
      expect(error.message).toContain('newer version of smart');
    });

    test('a file that does not exist (exit 4), and the book itself (exit 3)', async () => {
      await expectRefused(join(files.dir, 'missing.sqlite'), 'not-found');
      const { bookPath } = workspace();
      const error = await smartError(() => prepareRestore(bookPath, bookPath, NOW));
      expect(error.kind).toBe('invalid-input');
    });

    test('onto a fresh path: the folder it created is removed again', async () => {
      const file = join(files.dir, 'notes2.txt');
      writeFileSync(file, 'not a book');
      const fresh = join(files.dir, 'fresh', 'smart', 'book.sqlite');
      const error = await smartError(() => prepareRestore(file, fresh, NOW));
      expect(error.kind).toBe('invalid-input');
      expect(existsSync(join(files.dir, 'fresh'))).toBe(false);
    });
  });
});
