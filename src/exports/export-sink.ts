import { once } from 'node:events';
import { existsSync, unlinkSync } from 'node:fs';
import { type FileHandle, open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkOutputFile } from './write-output-file.js';

/** Text is gathered up to this size before each write: few system calls, little memory. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Where an export goes: a file (written under a temporary name, fsynced, then renamed into place,
 * so a crash or Ctrl-C never leaves half a file under the real name) or stdout (for a pipe).
 * Writes wait for the destination to drain, so a million rows never sit in memory at once.
 */
export interface ExportSink {
  /** The file's final path, or null for stdout. */
  readonly path: string | null;
  write(text: string): Promise<void>;
  /** Makes the file appear under its real name (or flushes stdout). Returns the bytes written. */
  commit(): Promise<number>;
  /** Removes the temporary file; nothing appears under the real name. Safe to call twice. */
  abort(): Promise<void>;
}

/**
 * Opens the sink for `--out FILE` (checked before any work: the folder exists, no file is in the
 * way unless `force`) or for stdout when no path is given.
 */
export async function openExportSink(path: string | undefined, force: boolean, stdout: NodeJS.WritableStream): Promise<ExportSink> {
  if (path === undefined || path === '-') return stdoutSink(stdout);
  checkOutputFile(path, force);
  return fileSink(path, force);
}

function stdoutSink(stdout: NodeJS.WritableStream): ExportSink {
  let pending = '';
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    bytes += Buffer.byteLength(text);
    if (!stdout.write(text)) await once(stdout, 'drain');
  };
  return {
    path: null,
    async write(text) {
      pending += text;
      if (pending.length >= CHUNK_BYTES) await flush();
    },
    async commit() {
      await flush();
      return bytes;
    },
    async abort() {
      pending = '';
    },
  };
}

async function fileSink(path: string, force: boolean): Promise<ExportSink> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  // Mode 0600: exports hold NISS, IBANs and salaries.
  const handle: FileHandle = await open(temporary, 'wx', 0o600);
  let open_ = true;
  let pending = '';
  let bytes = 0;
  // An interrupted export (Ctrl-C, kill) removes its temporary file rather than leave it behind.
  const removeTemporary = (): void => {
    if (existsSync(temporary)) unlinkSync(temporary);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    removeTemporary();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const detach = (): void => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  const flush = async (): Promise<void> => {
    if (pending === '') return;
    const buffer = Buffer.from(pending, 'utf8');
    pending = '';
    bytes += buffer.length;
    await handle.write(buffer);
  };
  return {
    path,
    async write(text) {
      pending += text;
      if (pending.length >= CHUNK_BYTES) await flush();
    },
    async commit() {
      await flush();
      await handle.sync();
      await handle.close();
      open_ = false;
      // Checked again: another process may have created the file while this one was writing.
      checkOutputFile(path, force);
      await rename(temporary, path);
      detach();
      return bytes;
    },
    async abort() {
      if (open_) {
        open_ = false;
        await handle.close();
      }
      removeTemporary();
      detach();
    },
  };
}
