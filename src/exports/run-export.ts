import { recordAudit } from '../audit/audit-store.js';
import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import type { ExportSink } from './export-sink.js';
import { type ExportFlavour, type ExportResult, type TableExport, exportTable, exportText } from './table-export.js';

/**
 * Reads everything an export needs inside one read transaction, so its rows and the totals it
 * reports come from one state of the book even while a payout run or an import commits meanwhile.
 */
async function inSnapshot<T>(book: Book, sink: ExportSink, read: () => Promise<T>): Promise<T> {
  book.exec('BEGIN DEFERRED');
  try {
    return await read();
  } catch (error) {
    await sink.abort();
    throw error;
  } finally {
    if (book.inTransaction) book.exec('COMMIT');
  }
}

/**
 * Exports of personal data are recorded in the audit log (who took NISS and salaries out of the
 * book, when, where to): in a transaction of their own, after the file is in place.
 */
function recordExport(book: Book, context: WriteContext, what: string, path: string | null, rows: number | null): void {
  const where = path === null ? 'stdout' : path;
  book.transaction(() => recordAudit(book, context, `export ${what}: ${rows === null ? '' : `${rows} rows `}to ${where}`))();
}

/** `smart export ...` of a table: `produce` builds the rows' cursors inside the snapshot. */
export async function runTableExport(book: Book, context: WriteContext, sink: ExportSink, what: string, produce: () => TableExport | Promise<TableExport>, flavour: ExportFlavour): Promise<ExportResult> {
  const result = await inSnapshot(book, sink, async () => exportTable(sink, await produce(), flavour));
  recordExport(book, context, what, result.path, result.rows);
  return result;
}

/** `smart export ...` of a text file (a journal): `produce` yields its pieces inside the snapshot. */
export async function runTextExport(book: Book, context: WriteContext, sink: ExportSink, what: string, produce: () => Iterable<string> | Promise<Iterable<string>>): Promise<{ path: string | null; bytes: number }> {
  const result = await inSnapshot(book, sink, async () => exportText(sink, await produce()));
  recordExport(book, context, what, result.path, null);
  return result;
}
