/**
 * What the catalogue of user mistakes (catalogue.test.ts) runs on: one demo book made by the
 * built CLI (`smart demo`, plus a client payment nobody could match), checkpointed into a single
 * file; a fresh copy of it per case; and the proof a refused command wrote nothing (the file's
 * sha256, no -wal with content, and every row of every table).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { tableContents } from '../e2e/bank-support.js';
import { type CliResult, json, runSmart } from '../e2e/support.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** A file of fixtures/ (e.g. "bank/kbc.csv"). */
export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** The co-op's account in the demo book (fixtures/demo/coop.json). */
const DEMO_ACCOUNT = 'BE71096123456769';

/** A KBC statement of the demo account: one payment of 77.00 that no rule can place. */
function unmatchedPayment(): Buffer {
  const header = readFileSync(fixture('demo/statement-kbc.csv')).toString('latin1').split(/\r\n/)[0] ?? '';
  const row = `${DEMO_ACCOUNT};;Coopérative Démo SCRL;EUR;00050;01/12/2026;EUROPESE OVERSCHRIJVING;01/12/2026;77,00;18504,73;77,00;;BE68 5390 0754 7034;GKCCBEBB;Onbekende Klant;;;Betaling referentie 4711`;
  return Buffer.from(`${header}\r\n${row}\r\n`, 'latin1');
}

export interface CatalogueBook {
  readonly root: string;
  /** The prepared book: never given to a case, only copied. */
  readonly path: string;
  readonly sha256: string;
  readonly contents: Record<string, string[]>;
  /** The bank line of the unmatched 77.00 payment. */
  readonly incomingLine: number;
  /** The unmatched outgoing line of the demo (bank fees). */
  readonly outgoingLine: number;
  cleanup(): void;
}

function check(result: CliResult, what: string): CliResult {
  if (result.exitCode !== 0) throw new Error(`${what} failed (${result.exitCode}): ${result.stderr}`);
  return result;
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The demo book, with the unmatched payment, as one file (its WAL checkpointed and gone). */
export function prepareCatalogueBook(): CatalogueBook {
  const root = mkdtempSync(join(tmpdir(), 'smart-errors-'));
  const path = join(root, 'prepared.sqlite');
  check(runSmart(['demo', '--db', path], { cwd: root }), 'smart demo');
  const statement = join(root, 'kbc-december.csv');
  writeFileSync(statement, unmatchedPayment());
  check(runSmart(['bank', 'import', statement, '--db', path], { cwd: root }), 'smart bank import');
  const unmatched = json<{ id: number; amount: string }[]>(check(runSmart(['bank', 'unmatched', '--json', '--db', path], { cwd: root }), 'smart bank unmatched'));
  const incoming = unmatched.find((line) => line.amount === '77.00');
  const outgoing = unmatched.find((line) => line.amount.startsWith('-'));
  if (incoming === undefined || outgoing === undefined) throw new Error(`the prepared book lacks its unmatched lines: ${JSON.stringify(unmatched)}`);
  const db = new BetterSqlite3(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  for (const extra of [`${path}-wal`, `${path}-shm`]) if (existsSync(extra) && statSync(extra).size > 0) throw new Error(`${extra} is left after the checkpoint`);
  // The contents are read from a copy: a read-only open leaves -shm files beside the file it reads.
  const probe = join(root, 'probe.sqlite');
  copyFileSync(path, probe);
  const contents = tableContents(probe);
  return {
    root,
    path,
    sha256: sha256(path),
    contents,
    incomingLine: incoming.id,
    outgoingLine: outgoing.id,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A folder, in a case's `files`. */
export const FOLDER = Symbol('folder');

export type CaseFile = Buffer | string | typeof FOLDER | ((book: CatalogueBook) => Buffer);

/** A fresh folder for one case, with a copy of the book and the case's files in it. */
export function caseFolder(book: CatalogueBook, name: string, files: Readonly<Record<string, CaseFile>>): { dir: string; bookPath: string } {
  const dir = join(book.root, name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60));
  mkdirSync(dir);
  const bookPath = join(dir, 'book.sqlite');
  copyFileSync(book.path, bookPath);
  for (const [file, content] of Object.entries(files)) {
    const target = join(dir, file);
    if (content === FOLDER) mkdirSync(target);
    else writeFileSync(target, typeof content === 'function' ? content(book) : content);
  }
  return { dir, bookPath };
}

/** What the book looks like after a case: the same bytes, no WAL with content, the same rows. */
export function bookAfter(bookPath: string): { sha256: string; wal: number; contents: Record<string, string[]> } {
  const walPath = `${bookPath}-wal`;
  const wal = existsSync(walPath) ? statSync(walPath).size : 0;
  const digest = sha256(bookPath);
  return { sha256: digest, wal, contents: tableContents(bookPath) };
}

/** Replaces the first `from` on line `line` (1-based) of a text file read as `encoding`. */
export function onLine(path: string, line: number, from: string | RegExp, to: string, encoding: BufferEncoding = 'latin1'): Buffer {
  const text = readFileSync(path).toString(encoding);
  const lines = text.split('\n');
  const target = lines[line - 1];
  if (target === undefined || !(typeof from === 'string' ? target.includes(from) : from.test(target))) {
    throw new Error(`line ${line} of ${path} has no ${String(from)}`);
  }
  lines[line - 1] = target.replace(from, to);
  return Buffer.from(lines.join('\n'), encoding);
}
