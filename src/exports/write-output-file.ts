import { closeSync, existsSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { conflict, notFound } from '../errors.js';

/**
 * Writes a document next to its final name and renames it into place, so a crash never leaves
 * half a file; mode 0600 because invoices, payslips and exports hold personal data. Refuses to
 * replace an existing file unless `force`.
 */
export function writeOutputFile(path: string, data: string | Uint8Array, force: boolean): void {
  if (!existsSync(dirname(path))) throw notFound(`The folder ${dirname(path)} does not exist.`, 'Create it first, or choose another --out path.');
  if (existsSync(path) && !force) throw conflict(`${path} already exists.`, 'Pass --force to replace it, or choose another --out path.');
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
