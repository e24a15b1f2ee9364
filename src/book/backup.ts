import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { recordAudit } from '../audit/audit-store.js';
import { runChecks } from '../checks/run-checks.js';
import { findCoop } from '../coop/coop-store.js';
import { type Problem, SmartError, conflict, hasErrorCode, invalidInput, notFound } from '../errors.js';
import { checkOutputFile } from '../exports/write-output-file.js';
import {
  type BookCounts,
  bookCounts,
  changePageSize,
  checkpoint,
  dataVersion,
  integrityProblems,
  looksLikeSmartBook,
  pageFacts,
  useRollbackJournal,
  vacuumInto,
} from './backup-store.js';
import { latestSchemaVersion, migrate } from './migrate.js';
import { BUSY_TIMEOUT_MS, type Book } from './open-book.js';
import type { WriteContext } from './write-context.js';

/*
 * `smart backup` and `smart restore`.
 *
 * A backup is SQLite's online backup API (better-sqlite3's db.backup) told to copy every page in
 * one step: that step reads inside one read transaction, so the copy is the book as it was at one
 * commit, while other smart processes go on reading and writing (WAL). The copy is written under a
 * temporary name beside its final name, turned into one self-contained file (rollback journal, no
 * -wal), verified (integrity_check and every invariant of `smart check`), fsync'ed and renamed
 * into place with mode 0600.
 *
 * A restore checks a working copy of the file in the book's folder (the file itself is only
 * read, never opened by SQLite), brings it to this smart's schema, and then copies it INTO the
 * book through the same backup API, as one write transaction: other smart processes that have the
 * book open see either the old book or the restored one, never a renamed file (a process holding
 * a renamed WAL book would go on writing into the copy kept aside). The previous book is first
 * copied aside; if someone commits after that copy, it is taken again while the restore holds the
 * book's write lock, so what is kept aside is exactly what was replaced.
 */

/** Pages per backup step: all of them, so each copy is one read transaction (one consistent snapshot). */
const ALL_PAGES = 0x7fffffff;
/** How many integrity_check messages to show; the first ones are enough to see the damage. */
const MESSAGES_SHOWN = 20;

export interface BackupOutcome {
  /** The backup file written. */
  readonly path: string;
  readonly bytes: number;
  readonly pages: number;
  readonly pageSize: number;
  readonly schemaVersion: number;
  readonly counts: BookCounts;
  /** When the copy was read: the backup holds the book as it was then. */
  readonly takenAt: string;
  readonly durationMs: number;
  /** An existing file was replaced (--force). */
  readonly replaced: boolean;
}

export interface BackupOptions {
  readonly force: boolean;
  /** The command's start (ISO), which names a backup written into a folder. */
  readonly now: string;
}

/** 2026-11-23T03:00:05.123Z -> 2026-11-23T030005Z: sortable, unambiguous (UTC), no colon for other systems. */
export function fileStamp(iso: string): string {
  return `${iso.slice(0, 10)}T${iso.slice(11, 19).replace(/:/g, '')}Z`;
}

/** The name of a backup written into a folder: the book's own name and the time, e.g. book-2026-11-23T030005Z.sqlite. */
export function backupFileName(bookPath: string, now: string): string {
  const stem = basename(bookPath, extname(bookPath)) || 'book';
  return `${stem}-${fileStamp(now)}.sqlite`;
}

/** FILE, or FILE/<name> when FILE is an existing folder (or ends with a slash, when it must be one). */
export function backupTarget(target: string, bookPath: string, now: string): string {
  const absolute = resolve(target);
  if (existsSync(absolute) && statSync(absolute).isDirectory()) return join(absolute, backupFileName(bookPath, now));
  if (target.endsWith('/') || target.endsWith(sep)) {
    throw notFound(`The folder ${absolute} does not exist.`, 'Create it first (mkdir -m 700 -p), or name the backup file.');
  }
  return absolute;
}

/**
 * `smart backup`: a verified copy of the book, taken while others may use it. Writes nothing to
 * the book (no audit row: a backup only reads, and a nightly cron job would otherwise add a row
 * each night and make every backup differ from the book it copies).
 */
export async function backupBook(book: Book, bookPath: string, target: string, options: BackupOptions): Promise<BackupOutcome> {
  const path = backupTarget(target, bookPath, options.now);
  if (isBookFile(path, bookPath)) {
    throw invalidInput(`${path} is the book itself (or one of its files).`, { hint: 'Write the backup to another file, preferably on another disk.' });
  }
  checkOutputFile(path, options.force);
  const replaced = existsSync(path);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  createPrivateFile(temporary);
  try {
    const started = performance.now();
    const takenAt = new Date().toISOString();
    await copyWholeDatabase(book, temporary);
    const verified = verifyCopy(temporary);
    if (verified.problems.length > 0) {
      throw new SmartError('check-failed', `The copy of ${bookPath} fails its checks, so no backup was written to ${path}.`, {
        problems: verified.problems,
        hint: 'The book itself is in this state: run `smart check` and correct it (or restore an earlier backup), then back up again. Earlier backups were left untouched.',
      });
    }
    chmodSync(temporary, 0o600);
    fsyncPath(temporary);
    renameSync(temporary, path);
    fsyncPath(dirname(path));
    return {
      path,
      bytes: statSync(path).size,
      ...verified.facts,
      counts: verified.counts,
      takenAt,
      durationMs: Math.round(performance.now() - started),
      replaced,
    };
  } catch (error) {
    removeDatabaseFiles(temporary);
    throw error;
  }
}

/** Copies every page of `source` into the file `destination` in one step; waits while the book is busy. */
async function copyWholeDatabase(source: Database, destination: string): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    // The first step copies no page (better-sqlite3 starts with 0 to learn the page count); the
    // progress callback then asks for every page at once.
    const result = await source.backup(destination, { progress: () => ALL_PAGES });
    // No page counted: SQLite answered "busy" before the first step and nothing was copied.
    if (result.totalPages > 0 && result.remainingPages === 0) return;
    if (Date.now() > deadline) throw bookBusy();
    await pause(100);
  }
}

interface VerifiedCopy {
  readonly problems: Problem[];
  readonly facts: { pages: number; pageSize: number; schemaVersion: number };
  readonly counts: BookCounts;
}

function verifyCopy(path: string): VerifiedCopy {
  const db = new BetterSqlite3(path, { fileMustExist: true });
  try {
    useRollbackJournal(db);
    const facts = pageFacts(db);
    const integrity = integrityProblems(db, MESSAGES_SHOWN);
    if (integrity.length > 0) return { problems: integrity.map((message) => ({ where: 'integrity_check', message })), facts, counts: { members: 0, invoices: 0, entries: 0 } };
    const problems = checkProblems(db);
    return { problems, facts, counts: bookCounts(db) };
  } finally {
    db.close();
  }
}

function checkProblems(db: Database): Problem[] {
  return runChecks(db)
    .filter((result) => !result.ok)
    .flatMap((result) => result.problems.map((message) => ({ where: result.name, message })));
}

// ---------------------------------------------------------------------------------------------
// Restore

export interface PreparedRestore {
  /** The file to restore, as given (absolute). */
  readonly file: string;
  readonly bookPath: string;
  /** The checked working copy, in the book's folder, mode 0600. */
  readonly working: string;
  /** The folder this restore created for the book (a fresh machine), removed again if the restore is abandoned. */
  readonly createdFolder: string | undefined;
  readonly coopName: string;
  readonly schemaVersion: number;
  /** The file's schema when it was older than this smart's (the working copy was migrated). */
  readonly migratedFrom: number | undefined;
  readonly counts: BookCounts;
}

/** What became of the book that was there: none; kept (a copy, the book file itself was restored in place); moved aside (files SQLite could not read, renamed as they were). */
export type PreviousBook = 'none' | 'kept' | 'moved-aside';

export interface RestoreOutcome {
  readonly book: string;
  readonly restoredFrom: string;
  /** Where the book that was replaced is kept (mode 0600); undefined when there was none. */
  readonly keptAt: string | undefined;
  readonly previous: PreviousBook;
  readonly coopName: string;
  readonly schemaVersion: number;
  readonly migratedFrom: number | undefined;
  readonly counts: BookCounts;
}

/**
 * The first half of `smart restore`: copies FILE into a working copy beside the book and checks
 * it (an SQLite database, integrity_check, a smart book, a schema this smart knows, every
 * invariant). Refuses with every problem found and changes nothing; the book is not touched.
 */
export function prepareRestore(file: string, bookPath: string, now: string): PreparedRestore {
  const source = resolve(file);
  if (!existsSync(source)) throw notFound(`No file at ${source}.`, 'Give the path of a backup made by `smart backup`.');
  if (!statSync(source).isFile()) throw invalidInput(`${source} is not a file.`, { hint: 'Give the path of a backup file, e.g. /var/backups/smart/book-2026-11-23T030005Z.sqlite.' });
  if (isBookFile(source, bookPath)) throw invalidInput(`${source} is the book itself: there is nothing to restore.`, { hint: 'Give the path of a backup made by `smart backup`.' });
  if (existsSync(bookPath) && statSync(bookPath).isDirectory()) {
    throw invalidInput(`${bookPath} is a folder, not a book.`, { hint: 'Give --db (or SMART_DB) the path of the book file itself, e.g. /srv/coop/book.sqlite.' });
  }
  const folder = dirname(bookPath);
  const createdFolder = existsSync(folder) ? undefined : mkdirSync(folder, { recursive: true, mode: 0o700 });
  const working = join(folder, `.${basename(bookPath)}.restore-${process.pid}.tmp`);
  const abandon = (): void => discardWorkingCopy(working, folder, createdFolder);
  try {
    copyPrivately(source, working);
    // A book copied by hand with its -wal file: SQLite folds that file into the working copy.
    const wal = `${source}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) copyPrivately(wal, `${working}-wal`);
    const examined = examineWorkingCopy(working, source, now);
    return { file: source, bookPath, working, createdFolder, ...examined };
  } catch (error) {
    abandon();
    throw error;
  }
}

/** Removes the working copy (and the folder the restore created, when it is empty): the restore was refused or declined. */
export function discardRestore(prepared: PreparedRestore): void {
  discardWorkingCopy(prepared.working, dirname(prepared.bookPath), prepared.createdFolder);
}

function examineWorkingCopy(working: string, source: string, now: string): Omit<PreparedRestore, 'file' | 'bookPath' | 'working' | 'createdFolder'> {
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(working, { fileMustExist: true });
    db.pragma('foreign_keys = ON');
    useRollbackJournal(db);
    const integrity = integrityProblems(db, MESSAGES_SHOWN);
    if (integrity.length > 0) throw damaged(source, integrity);
    const version = pageFacts(db).schemaVersion;
    if (!looksLikeSmartBook(db) || version === 0) {
      throw invalidInput(`${source} is an SQLite database, but not a smart book.`, { hint: 'Give the path of a backup made by `smart backup`. Nothing was changed.' });
    }
    const latest = latestSchemaVersion();
    if (version > latest) {
      throw conflict(
        `${source} was written by a newer version of smart (schema ${version}; this smart knows up to ${latest}).`,
        'Upgrade smart (npm install -g smart-coop@latest, or git pull && npm install) before restoring it. Nothing was changed.',
      );
    }
    if (version < latest) {
      try {
        migrate(db, now);
      } catch (error) {
        if (error instanceof SmartError) throw error;
        throw new SmartError('check-failed', `${source} could not be brought from schema ${version} to schema ${latest}: ${(error as Error).message}.`, {
          hint: 'Nothing was changed. Restore another backup, or report this with the file\'s schema version.',
        });
      }
    }
    const problems = checkProblems(db);
    if (problems.length > 0) {
      throw new SmartError('check-failed', `${source} fails smart's checks: it was not restored, and nothing was changed.`, {
        problems,
        hint: 'Restore another backup (an earlier one), or look into this one with `smart check --db COPY` on a copy of it.',
      });
    }
    return {
      coopName: findCoop(db)?.name ?? '(no co-op recorded)',
      schemaVersion: latest,
      migratedFrom: version < latest ? version : undefined,
      counts: bookCounts(db),
    };
  } catch (error) {
    if (hasErrorCode(error, 'SQLITE_NOTADB')) {
      throw invalidInput(`${source} is not a smart book: it is not an SQLite database.`, { hint: 'Give the path of a backup made by `smart backup`. Nothing was changed.' });
    }
    if (isCorruption(error)) throw damaged(source, [(error as Error).message]);
    throw error;
  } finally {
    db?.close();
  }
}

function damaged(source: string, messages: readonly string[]): SmartError {
  return new SmartError('check-failed', `${source} is damaged (SQLite's integrity check fails): it was not restored, and nothing was changed.`, {
    problems: messages.map((message) => ({ where: 'integrity_check', message })),
    hint: 'Restore another backup (an earlier one).',
  });
}

/**
 * The second half of `smart restore`, once the person confirmed: records the restore in the
 * working copy's audit log, keeps the current book aside and puts the working copy in its place.
 */
export async function completeRestore(prepared: PreparedRestore, context: WriteContext): Promise<RestoreOutcome> {
  const { bookPath } = prepared;
  const bookThere = existsSync(bookPath);
  // A -wal or -shm file without its book must not be applied to the restored book: moved aside too.
  const strayFiles = !bookThere && (existsSync(`${bookPath}-wal`) || existsSync(`${bookPath}-shm`));
  const keptAt = bookThere || strayFiles ? freeAsideName(bookPath, context.now) : undefined;
  let previous: PreviousBook = 'none';
  const working = new BetterSqlite3(prepared.working, { fileMustExist: true });
  try {
    const summary = `restored the book from ${prepared.file} (${describeCounts(prepared.counts)})${keptAt === undefined ? '' : `; the previous book is kept at ${keptAt}`}`;
    working.transaction(() => recordAudit(working, context, summary)).immediate();
    if (keptAt !== undefined && bookThere && (await copyIntoLiveBook(working, bookPath, keptAt))) {
      previous = 'kept';
    } else {
      working.close();
      if (keptAt !== undefined) {
        // No book, or one SQLite cannot read at all: its files are moved aside as they are.
        moveBookAside(bookPath, keptAt);
        previous = 'moved-aside';
      }
      installWorkingCopy(prepared);
    }
  } finally {
    if (working.open) working.close();
    removeDatabaseFiles(prepared.working);
  }
  chmodSync(bookPath, 0o600);
  return {
    book: bookPath,
    restoredFrom: prepared.file,
    keptAt,
    previous,
    coopName: prepared.coopName,
    schemaVersion: prepared.schemaVersion,
    migratedFrom: prepared.migratedFrom,
    counts: prepared.counts,
  };
}

/**
 * Copies the working copy into the book that is there, through the backup API: one write
 * transaction on the book, so other smart processes wait for it (their busy timeout) and then see
 * the restored book. Returns false when SQLite cannot read the current book (not a database).
 */
async function copyIntoLiveBook(working: Database, bookPath: string, keptAt: string): Promise<boolean> {
  let live: Database;
  try {
    live = new BetterSqlite3(bookPath, { fileMustExist: true });
    live.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    live.pragma('synchronous = FULL');
  } catch (error) {
    if (isUnreadable(error)) return false;
    throw error;
  }
  try {
    let before: number;
    try {
      const livePageSize = pageFacts(live).pageSize;
      if (pageFacts(working).pageSize !== livePageSize) changePageSize(working, livePageSize);
      // Read before the copy aside: any commit after this moment changes it.
      before = dataVersion(live);
      await keepAside(live, keptAt);
    } catch (error) {
      if (isUnreadable(error)) return false;
      throw error;
    }
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    try {
      for (;;) {
        const result = await working.backup(bookPath, {
          // Called after the first step, which took the book's write lock: no one else can commit
          // until the restore does. If someone committed since the copy aside, that copy is
          // stale: it is taken again now, so that it holds exactly the book being replaced.
          progress: () => {
            if (dataVersion(live) !== before) snapshotAside(live, keptAt);
            return ALL_PAGES;
          },
        });
        if (result.totalPages > 0 && result.remainingPages === 0) break;
        // No page counted: another command held the book before the first step; nothing was written.
        if (Date.now() > deadline) throw bookBusy();
        await pause(100);
      }
    } catch (error) {
      // The book was not changed: the copy aside of it is not needed.
      removeDatabaseFiles(keptAt);
      throw error;
    }
    // The restore committed through a connection of SQLite's default (WAL, synchronous NORMAL):
    // move it into the book file and make sure it is on disk before saying it is done.
    checkpoint(live);
    fsyncPath(bookPath);
    if (existsSync(`${bookPath}-wal`)) fsyncPath(`${bookPath}-wal`);
    return true;
  } finally {
    live.close();
  }
}

/** A consistent copy of the book as it is now, at `keptAt` (mode 0600, one self-contained file): page by page. */
async function keepAside(live: Database, keptAt: string): Promise<void> {
  const temporary = asideTemporary(keptAt);
  createPrivateFile(temporary);
  try {
    await copyWholeDatabase(live, temporary);
    const copy = new BetterSqlite3(temporary, { fileMustExist: true });
    try {
      useRollbackJournal(copy);
    } finally {
      copy.close();
    }
    installAside(temporary, keptAt);
  } catch (error) {
    removeDatabaseFiles(temporary);
    throw error;
  }
}

/** The same, synchronously (VACUUM INTO), for the moment the restore holds the book's write lock. */
function snapshotAside(live: Database, keptAt: string): void {
  const temporary = asideTemporary(keptAt);
  createPrivateFile(temporary);
  try {
    vacuumInto(live, temporary);
    installAside(temporary, keptAt);
  } catch (error) {
    removeDatabaseFiles(temporary);
    throw error;
  }
}

function asideTemporary(keptAt: string): string {
  return join(dirname(keptAt), `.${basename(keptAt)}.${process.pid}.tmp`);
}

function installAside(temporary: string, keptAt: string): void {
  chmodSync(temporary, 0o600);
  fsyncPath(temporary);
  renameSync(temporary, keptAt);
  fsyncPath(dirname(keptAt));
}

/** Renames the book and its -wal and -shm files to `keptAt`, `keptAt-wal`, `keptAt-shm` (mode 0600). */
function moveBookAside(bookPath: string, keptAt: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (!existsSync(`${bookPath}${suffix}`)) continue;
    renameSync(`${bookPath}${suffix}`, `${keptAt}${suffix}`);
    chmodSync(`${keptAt}${suffix}`, 0o600);
  }
  fsyncPath(dirname(bookPath));
}

/** Puts the working copy at the book's path, refusing to replace a book that appeared meanwhile. */
function installWorkingCopy(prepared: PreparedRestore): void {
  fsyncPath(prepared.working);
  try {
    linkSync(prepared.working, prepared.bookPath);
  } catch (error) {
    if (hasErrorCode(error, 'EEXIST')) {
      throw conflict(`A book appeared at ${prepared.bookPath} during the restore (another smart init or restore?).`, 'Nothing was replaced; run smart restore again.');
    }
    throw error;
  }
  unlinkSync(prepared.working);
  fsyncPath(dirname(prepared.bookPath));
}

export function describeCounts(counts: BookCounts): string {
  return `${counts.members} member(s), ${counts.invoices} invoice(s) and credit note(s), ${counts.entries} ledger entr${counts.entries === 1 ? 'y' : 'ies'}`;
}

// ---------------------------------------------------------------------------------------------
// Files

/** `book.sqlite.before-restore-2026-11-23T101500Z`, or with -2, -3 ... when that name is taken. */
function freeAsideName(bookPath: string, now: string): string {
  const base = `${bookPath}.before-restore-${fileStamp(now)}`;
  const taken = (name: string): boolean => ['', '-wal', '-shm'].some((suffix) => existsSync(`${name}${suffix}`));
  if (!taken(base)) return base;
  for (let n = 2; ; n += 1) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/** Whether `path` names the book or one of SQLite's files beside it. */
function isBookFile(path: string, bookPath: string): boolean {
  const candidate = canonical(path);
  return ['', '-wal', '-shm', '-journal'].some((suffix) => {
    const file = `${bookPath}${suffix}`;
    if (candidate === canonical(file)) return true;
    if (!existsSync(path) || !existsSync(file)) return false;
    const a = statSync(path);
    const b = statSync(file);
    return a.dev === b.dev && a.ino === b.ino;
  });
}

function canonical(path: string): string {
  try {
    return join(realpathSync(dirname(resolve(path))), basename(path));
  } catch {
    return resolve(path);
  }
}

/** An empty file readable by its owner only; SQLite keeps the mode of a file it did not create. */
function createPrivateFile(path: string): void {
  removeDatabaseFiles(path);
  closeSync(openSync(path, 'wx', 0o600));
}

/** Copies a file into a new file that is readable by its owner only from the first byte (copyFileSync would give it the source's mode). */
function copyPrivately(source: string, destination: string): void {
  createPrivateFile(destination);
  const from = openSync(source, 'r');
  try {
    const to = openSync(destination, 'w');
    try {
      const buffer = Buffer.alloc(1 << 20);
      for (let read = readSync(from, buffer); read > 0; read = readSync(from, buffer)) {
        for (let written = 0; written < read; ) written += writeSync(to, buffer, written, read - written);
      }
    } finally {
      closeSync(to);
    }
  } finally {
    closeSync(from);
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    try {
      unlinkSync(`${path}${suffix}`);
    } catch (error) {
      if (!hasErrorCode(error, 'ENOENT')) throw error;
    }
  }
}

function discardWorkingCopy(working: string, folder: string, createdFolder: string | undefined): void {
  removeDatabaseFiles(working);
  if (createdFolder === undefined) return;
  // Remove the folders this restore created, innermost first, as long as they are empty.
  for (let current = folder; current.length >= createdFolder.length; current = dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return;
    }
    if (current === createdFolder) return;
  }
}

// ---------------------------------------------------------------------------------------------

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CORRUPT');
}

function isUnreadable(error: unknown): boolean {
  return hasErrorCode(error, 'SQLITE_NOTADB') || isCorruption(error);
}

function bookBusy(): SmartError {
  return new SmartError('busy', `The book stayed busy: another smart command kept writing to it for more than ${BUSY_TIMEOUT_MS / 1000} s. Nothing was changed.`, {
    hint: 'Try again when it is done.',
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolveLater) => setTimeout(resolveLater, ms));
}
