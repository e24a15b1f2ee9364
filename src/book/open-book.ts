import { closeSync, existsSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { SmartError, hasErrorCode, notFound } from '../errors.js';
import { migrate } from './migrate.js';

export type Book = Database;

/** How long a command waits for another smart process that holds the book before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;

function configure(db: Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a committed payment survives a power cut too; the cost is one fsync per commit.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Old values (a corrected NISS or IBAN) are zeroed in the pages SQLite rewrites anyway, at no
  // extra I/O; `member anonymise` turns it fully on (docs/reliability.md, "Personal data").
  db.pragma('secure_delete = FAST');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

function notABook(path: string): SmartError {
  return new SmartError('invalid-input', `${path} is not a smart book (not an SQLite database).`, {
    hint: 'Check the --db path or SMART_DB; create a new book with `smart init`.',
  });
}

function damaged(path: string): SmartError {
  return new SmartError('invalid-input', `${path} is damaged: SQLite cannot read it (database disk image is malformed).`, {
    hint: 'Nothing was changed. Restore the book from a backup, or check that --db names the book and not a copy being written.',
  });
}

/** The errors of opening a file that is not a readable book, as the user's mistake they are. */
function openProblem(path: string, error: unknown): unknown {
  if (hasErrorCode(error, 'SQLITE_NOTADB')) return notABook(path);
  if (hasErrorCode(error, 'SQLITE_CORRUPT')) return damaged(path);
  return error;
}

/**
 * A database that has tables but was never a smart book (schema 0) belongs to another program:
 * migrating it would write smart's tables into it. An empty database is an old, empty book.
 */
function refuseForeignDatabase(db: Database, path: string): void {
  if ((db.pragma('user_version', { simple: true }) as number) !== 0) return;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' LIMIT 1").all();
  if (tables.length > 0) {
    throw new SmartError('invalid-input', `${path} is an SQLite database of another program, not a smart book.`, {
      hint: 'It was left untouched. Check the --db path or SMART_DB; create a new book with `smart init`.',
    });
  }
}

/** Opens an existing book and migrates it to this version of smart. */
export function openBook(path: string, now: string): Book {
  if (!existsSync(path)) {
    throw notFound(`No book at ${path}.`, `Create one with \`smart init --db ${path}\`, or point --db or SMART_DB at an existing book.`);
  }
  if (statSync(path).isDirectory()) {
    throw new SmartError('invalid-input', `${path} is a folder, not a smart book.`, { hint: 'Give --db (or SMART_DB) the path of the book file itself, e.g. book.sqlite.' });
  }
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(path, { fileMustExist: true });
    refuseForeignDatabase(db, path);
    configure(db);
    migrate(db, now);
    return db;
  } catch (error) {
    db?.close();
    throw openProblem(path, error);
  }
}

/**
 * Creates a new, empty book readable by its owner only (mode 0600, in a 0700 folder when the
 * folder is new) and brings it to the latest schema. Refuses to touch an existing file.
 * `fill` writes the first content (the co-op's identity, the rules) in the same process; if it
 * throws, the new file is removed so that a failed `smart init` leaves nothing behind.
 */
export function createBook(path: string, now: string, fill: (db: Book) => void): Book {
  if (existsSync(path)) {
    throw new SmartError('conflict', `A file already exists at ${path}.`, {
      hint: 'Choose another --db path, or use the existing book as it is.',
    });
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Creating the file ourselves with mode 0600 means SQLite's -wal and -shm files inherit it too.
  closeSync(openSync(path, 'wx', 0o600));
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(path, { fileMustExist: true });
    configure(db);
    migrate(db, now);
    fill(db);
    return db;
  } catch (error) {
    db?.close();
    for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) unlinkSync(file);
    throw error;
  }
}
