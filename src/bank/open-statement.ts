import { basename } from 'node:path';
import { SmartError, hasErrorCode, invalidInput } from '../errors.js';
import type { BankCsvFormat } from './csv/bank-profiles.js';
import type { ColumnMapping } from './csv/column-mapping.js';
import type { Statement, StatementBatch } from './import-statement.js';
import { readHead } from './read-head.js';

export type StatementFormat = 'auto' | 'kbc' | 'bnp' | 'belfius' | 'ing' | 'argenta' | 'camt053' | 'coda' | 'csv';

const HEAD_BYTES = 4096;

/**
 * camt.053 is XML naming its message; CODA starts with a 128-character header record "0000".
 * Any other XML (or HTML) goes to the camt.053 reader too, which says what it is instead (a
 * pain.001 payment file, another root element); no bank CSV starts with "<".
 */
function sniffFormat(bytes: Buffer): 'camt053' | 'coda' | 'bank-csv' {
  const text = bytes.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (text.startsWith('<')) return 'camt053';
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/^0{4}\d/.test(firstLine) && firstLine.trimEnd().length <= 128 && firstLine.length >= 100) return 'coda';
  return 'bank-csv';
}

/**
 * A CSV statement's lines in batches: read on a worker thread, with their identities, when the
 * import asks for keyed batches of a long file (csv/read-in-worker.ts); else on this thread.
 */
async function* csvBatches(path: string, source: BankCsvFormat | ColumnMapping, options: { keyed?: boolean; expectedLines?: number } = {}): AsyncGenerator<StatementBatch> {
  const { readBankCsvInWorker, useReadWorker } = await import('./csv/read-in-worker.js');
  if (options.keyed === true && useReadWorker(path)) {
    let started = false;
    try {
      for await (const batch of readBankCsvInWorker(path, source, options.expectedLines ?? 0)) {
        started = true;
        yield batch;
      }
      return;
    } catch (error) {
      // A thread that could not start or died before its first batch: read on this thread.
      if (started || error instanceof SmartError) throw error;
    }
  }
  const { readBankCsvBatches } = await import('./csv/read-bank-csv.js');
  for await (const lines of readBankCsvBatches(path, source)) yield { lines };
}

/**
 * Opens a statement with the reader of its format: given, or recognised from its content. Each
 * reader streams the file and rejects it whole, listing every bad line, before the import writes
 * anything.
 */
export async function openStatement(path: string, options: { format: StatementFormat; mapPath?: string }): Promise<Statement> {
  const bytes = await readHead(path, HEAD_BYTES, (error) =>
    hasErrorCode(error, 'EISDIR') ? invalidInput(`${basename(path)} is a folder, not a statement file.`, { hint: 'Give the path of the statement file itself.' }) : error,
  );
  if (bytes.length === 0) throw invalidInput(`${basename(path)} is empty.`, { hint: 'Download the statement again from the bank.' });
  const format = options.format === 'auto' ? sniffFormat(bytes) : options.format;
  if (format === 'camt053') {
    const { readCamt053 } = await import('./camt053/read-camt053.js');
    return { format: 'camt053', read: () => readCamt053(path) };
  }
  if (format === 'coda') {
    const { readCoda } = await import('./coda/read-coda.js');
    return { format: 'coda', read: () => readCoda(path) };
  }
  const { readBankCsv, resolveBankCsvProfile, validateBankCsv } = await import('./csv/read-bank-csv.js');
  if (format === 'csv') {
    if (options.mapPath === undefined) throw invalidInput('A CSV of another bank needs --map MAPPING.json.', { hint: 'See fixtures/bank/mapping.example.json.' });
    const { loadColumnMapping } = await import('./csv/column-mapping.js');
    const mapping = await loadColumnMapping(options.mapPath);
    return {
      format: 'csv (mapping)',
      read: () => readBankCsv(path, mapping),
      readBatches: (batches) => csvBatches(path, mapping, batches),
      countLines: async () => (await validateBankCsv(path, mapping)).lines,
    };
  }
  const source = format === 'bank-csv' ? 'auto' : format;
  const profile = await resolveBankCsvProfile(path, source);
  // A worker thread is given the bank's format, from which it has the same profile (a profile
  // holds functions, which cannot be passed to a thread).
  const bank = profile.format as BankCsvFormat;
  return {
    format: profile.format,
    read: () => readBankCsv(path, profile),
    readBatches: (batches) => csvBatches(path, bank, batches),
    countLines: async () => (await validateBankCsv(path, profile)).lines,
  };
}
