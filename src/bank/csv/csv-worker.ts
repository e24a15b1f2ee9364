/**
 * The thread that reads a bank statement CSV for `smart bank import` while the main thread
 * writes (see read-in-worker.ts): it reads the file as readBankCsvBatches does, gives each line
 * its identity (lineIdentity, counting the occurrences of each content in file order as the
 * import does), and posts the batches packed (line-packing.ts), at most `window` ahead of what
 * the main thread has taken. Run only as a worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SmartError } from '../../errors.js';
import { contentKey, referenceIdentity } from '../line-identity.js';
import { LineOccurrences } from '../line-occurrences.js';
import { packLines } from './line-packing.js';
import { type BankCsvSource, readBankCsvBatches } from './read-bank-csv.js';

export type WorkerMessage =
  | { readonly kind: 'batch'; readonly packed: string }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly error: WorkerError };

export type WorkerError =
  | { readonly smart: true; readonly kind: SmartError['kind']; readonly message: string; readonly hint: string | undefined; readonly problems: SmartError['problems'] }
  | { readonly smart: false; readonly message: string; readonly code: unknown; readonly stack: string | undefined };

function describe(error: unknown): WorkerError {
  if (error instanceof SmartError) return { smart: true, kind: error.kind, message: error.message, hint: error.hint, problems: error.problems };
  if (error instanceof Error) return { smart: false, message: error.message, code: (error as { code?: unknown }).code, stack: error.stack };
  return { smart: false, message: String(error), code: undefined, stack: undefined };
}

export interface WorkerData {
  readonly path: string;
  readonly source: BankCsvSource;
  readonly window: number;
  /** How many lines the first pass counted: the size of the occurrence table. */
  readonly expectedLines: number;
}

async function run(port: NonNullable<typeof parentPort>, data: WorkerData): Promise<void> {
  let occurrences: LineOccurrences | undefined;
  let credits = data.window;
  let resume: (() => void) | undefined;
  port.on('message', () => {
    credits += 1;
    resume?.();
    resume = undefined;
  });
  try {
    for await (const lines of readBankCsvBatches(data.path, data.source)) {
      while (credits === 0) await new Promise<void>((resolve) => (resume = resolve));
      credits -= 1;
      const identities = lines.map((line) => {
        const reference = referenceIdentity(line);
        if (reference !== undefined) return reference;
        const key = contentKey(line);
        return `hash:${key}#${(occurrences ??= new LineOccurrences(data.expectedLines)).add(key)}`;
      });
      port.postMessage({ kind: 'batch', packed: packLines(lines, identities) } satisfies WorkerMessage);
    }
    port.postMessage({ kind: 'done' } satisfies WorkerMessage);
  } catch (error) {
    port.postMessage({ kind: 'error', error: describe(error) } satisfies WorkerMessage);
  }
  // The main thread ends this thread once it has the last message.
}

if (parentPort !== null) await run(parentPort, workerData as WorkerData);
