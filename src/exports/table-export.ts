import { stringify } from 'csv-stringify/sync';
import { type Cents, assertCents, formatCents } from '../money/cents.js';
import type { ExportSink } from './export-sink.js';
import { neutraliseCell } from './spreadsheet-safe.js';

/**
 * How a column's cells are written. `money` cells are integer cents in the rows and come out as
 * "1210.00" (or "1210,00" for Excel): numbers, never neutralised, so "-3.20" stays a number.
 * `text` cells are neutralised against formula injection.
 */
export type ColumnKind = 'text' | 'money' | 'integer' | 'date';

export interface ExportColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Money columns whose total the export reports (and `smart check` reconciles). */
  readonly total?: boolean;
}

export type ExportCell = string | number | null;

/**
 * RFC 4180 by default: `,`, decimal point, CRLF, UTF-8 without BOM. `excel`: what a Belgian
 * spreadsheet opens as numbers on a double-click: `;`, decimal comma and a UTF-8 BOM.
 */
export interface ExportFlavour {
  readonly excel: boolean;
}

/** A table to export: its columns and its rows, produced lazily (a cursor over the book). */
export interface TableExport {
  readonly columns: readonly ExportColumn[];
  readonly rows: Iterable<readonly ExportCell[]>;
}

export interface ExportTotal {
  readonly column: string;
  readonly cents: Cents;
}

export interface ExportResult {
  readonly path: string | null;
  readonly rows: number;
  readonly bytes: number;
  readonly totals: readonly ExportTotal[];
}

/** Rows per csv-stringify call: large enough to be cheap, small enough to stream. */
const BATCH_ROWS = 2000;

export function formatCell(kind: ColumnKind, cell: ExportCell, flavour: ExportFlavour): string {
  if (cell === null) return '';
  switch (kind) {
    case 'money': {
      const text = formatCents(assertCents(Number(cell)));
      return flavour.excel ? text.replace('.', ',') : text;
    }
    case 'integer':
      return String(assertCents(Number(cell)));
    case 'date':
      return String(cell);
    case 'text':
      return neutraliseCell(String(cell));
  }
}

/**
 * Writes the header and every row to the sink in batches, summing the money columns marked
 * `total` as it goes. The caller commits or aborts the sink: a failure half way leaves no file.
 */
export async function writeTable(sink: ExportSink, table: TableExport, flavour: ExportFlavour): Promise<Omit<ExportResult, 'bytes' | 'path'>> {
  const options = { delimiter: flavour.excel ? ';' : ',', record_delimiter: 'windows' as const };
  const kinds = table.columns.map((column) => column.kind);
  const totalled = table.columns.flatMap((column, index) => (column.total === true && column.kind === 'money' ? [index] : []));
  const sums = totalled.map(() => 0);
  if (flavour.excel) await sink.write('\uFEFF');
  await sink.write(stringify([table.columns.map((column) => column.name)], options));
  let count = 0;
  let batch: string[][] = [];
  for (const row of table.rows) {
    batch.push(kinds.map((kind, index) => formatCell(kind, row[index] ?? null, flavour)));
    totalled.forEach((index, at) => {
      sums[at] = assertCents((sums[at] ?? 0) + Number(row[index] ?? 0));
    });
    count += 1;
    if (batch.length === BATCH_ROWS) {
      await sink.write(stringify(batch, options));
      batch = [];
    }
  }
  if (batch.length > 0) await sink.write(stringify(batch, options));
  return { rows: count, totals: totalled.map((index, at) => ({ column: table.columns[index]?.name ?? '', cents: sums[at] ?? 0 })) };
}

/** Writes a whole table export and commits it; on any failure the sink is aborted first. */
export async function exportTable(sink: ExportSink, table: TableExport, flavour: ExportFlavour): Promise<ExportResult> {
  try {
    const written = await writeTable(sink, table, flavour);
    const bytes = await sink.commit();
    return { ...written, bytes, path: sink.path };
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/** Writes text produced in pieces (an hledger or beancount journal) and commits it. */
export async function exportText(sink: ExportSink, pieces: Iterable<string>): Promise<{ path: string | null; bytes: number }> {
  try {
    for (const piece of pieces) await sink.write(piece);
    const bytes = await sink.commit();
    return { path: sink.path, bytes };
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
