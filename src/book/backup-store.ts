import type { Database } from 'better-sqlite3';

/**
 * The SQL behind `smart backup` and `smart restore`: facts about a database file (a book, a
 * backup copy, a file to restore) read with pragmas and counts. Nothing here opens a transaction.
 */

export interface BookCounts {
  readonly members: number;
  readonly invoices: number;
  readonly entries: number;
}

export interface PageFacts {
  readonly pages: number;
  readonly pageSize: number;
  readonly schemaVersion: number;
}

/** What `PRAGMA integrity_check` found, at most `limit` messages; empty when the file is sound. */
export function integrityProblems(db: Database, limit: number): string[] {
  const rows = db.pragma(`integrity_check(${Math.max(1, Math.trunc(limit))})`) as { integrity_check: string }[];
  const messages = rows.map((row) => row.integrity_check);
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

/** Whether the file holds the tables every smart book has had since its first schema. */
export function looksLikeSmartBook(db: Database): boolean {
  const row = db
    .prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('coop', 'schema_migrations', 'entries', 'members')`)
    .get() as { n: number };
  return row.n === 4;
}

export function bookCounts(db: Database): BookCounts {
  const count = (table: 'members' | 'invoices' | 'entries'): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { members: count('members'), invoices: count('invoices'), entries: count('entries') };
}

export function pageFacts(db: Database): PageFacts {
  return {
    pages: db.pragma('page_count', { simple: true }) as number,
    pageSize: db.pragma('page_size', { simple: true }) as number,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
  };
}

/**
 * Turns a copy into one self-contained file: the rollback journal instead of WAL (SQLite moves
 * what a -wal file holds into the file first), so that opening it, even read-only, never needs
 * or leaves -wal and -shm files beside it.
 */
export function useRollbackJournal(db: Database): void {
  db.pragma('journal_mode = DELETE');
}

/** Rewrites a (rollback-journal) copy with another page size, so the backup API can copy it into a WAL book. */
export function changePageSize(db: Database, pageSize: number): void {
  db.pragma(`page_size = ${Math.trunc(pageSize)}`);
  db.exec('VACUUM');
}

/** Changes whenever another connection commits to the file (PRAGMA data_version). */
export function dataVersion(db: Database): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/** Copies what the -wal file holds into the book and empties it, as far as readers allow. */
export function checkpoint(db: Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** A consistent, compact copy of the database into an empty file (rollback journal), in one read transaction. */
export function vacuumInto(db: Database, path: string): void {
  db.prepare('VACUUM INTO ?').run(path);
}
