import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { conflict, notFound } from '../errors.js';

/**
 * Checks, before any work is done, that a file can be written there: its folder exists and no
 * file is in the way (unless `force`). Commands that change the book call it first, so a bad
 * path never comes to light after the change is committed.
 */
export function checkOutputFile(path: string, force: boolean): void {
  if (!existsSync(dirname(path))) throw notFound(`The folder ${dirname(path)} does not exist.`, 'Create it first, or write the file elsewhere.');
  if (existsSync(path) && !force) throw conflict(`${path} already exists.`, 'Pass --force to replace it, or write the file elsewhere.');
}

export function checkOutputFolder(path: string): void {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw notFound(`The folder ${path} does not exist.`, 'Create it first (mkdir), or write the files elsewhere.');
}

/**
 * Writes a document next to its final name and renames it into place, so a crash never leaves
 * half a file; mode 0600 because invoices, payslips and exports hold personal data. Refuses to
 * replace an existing file unless `force`.
 */
export function writeOutputFile(path: string, data: string | Uint8Array, force: boolean): void {
  checkOutputFile(path, force);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, path);
}
