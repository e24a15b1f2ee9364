import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SmartError } from '../../errors.js';
import type { StatementBatch } from '../import-statement.js';
import type { WorkerData, WorkerError, WorkerMessage } from './csv-worker.js';
import { unpackLines } from './line-packing.js';
import type { BankCsvSource } from './read-bank-csv.js';

/**
 * Reading a long statement on a second thread while the import writes on the main one: the
 * worker (csv-worker.ts) reads and checks the lines and gives each its identity; the main thread
 * inserts and matches them. The lines, their order and the errors are those of
 * readBankCsvBatches: the worker runs it, and a SmartError it throws is thrown here again with
 * the same kind, message, hint and problems.
 *
 * Used when the built worker module is there (not when the sources run under ts-jest: they then
 * read on the main thread) and the file is at least MIN_BYTES, below which starting a thread
 * costs more than it saves. SMART_BANK_WORKER=0 never uses it, =1 always does (for tests).
 */
const WORKER_URL = new URL('./csv-worker.js', import.meta.url);
const MIN_BYTES = 2 * 1024 * 1024;
/** Batches (of about 220 KBC lines, 64 KiB of file) the worker may read ahead. */
const WINDOW = 16;

export function useReadWorker(path: string): boolean {
  const setting = process.env.SMART_BANK_WORKER;
  if (setting === '0') return false;
  if (WORKER_URL.protocol !== 'file:' || !existsSync(fileURLToPath(WORKER_URL))) return false;
  if (setting === '1') return true;
  try {
    return statSync(path).size >= MIN_BYTES;
  } catch {
    return false;
  }
}

function rebuilt(error: WorkerError): Error {
  if (error.smart) return new SmartError(error.kind, error.message, { ...(error.hint === undefined ? {} : { hint: error.hint }), problems: error.problems });
  const rebuiltError = new Error(error.message);
  if (error.code !== undefined) Object.assign(rebuiltError, { code: error.code });
  if (error.stack !== undefined) rebuiltError.stack = `${error.stack}\n    (in the statement reading thread)`;
  return rebuiltError;
}

/** The statement's lines in batches with their identities, read by a worker thread (`expectedLines`: as the first pass counted them). */
export async function* readBankCsvInWorker(path: string, source: BankCsvSource, expectedLines: number): AsyncGenerator<StatementBatch> {
  const workerData: WorkerData = { path, source, window: WINDOW, expectedLines };
  // A small young generation: the thread keeps only a few batches alive at a time, and the
  // default one would add some 20 MB to the import's peak memory for nothing. No inherited Node
  // options: they are the command's, not the thread's (--input-type would even stop it).
  const worker = new Worker(WORKER_URL, { workerData, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let exited = false;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error: Error) => {
    failure = error;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (message === undefined) {
        if (failure !== undefined) throw failure;
        if (exited) throw new Error('the thread reading the statement stopped before the end of the file');
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (message.kind === 'done') return;
      if (message.kind === 'error') throw rebuilt(message.error);
      worker.postMessage('more');
      const { lines, extra } = unpackLines(message.packed);
      yield { lines, identities: extra };
    }
  } finally {
    await worker.terminate();
  }
}
