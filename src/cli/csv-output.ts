import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '../exports/spreadsheet-safe.js';

/** RFC 4180 CSV with a header row; text cells a spreadsheet would run as a formula are neutralised. */
export function writeSpreadsheetCsv(out: NodeJS.WritableStream, header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): void {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutraliseCell(cell) : cell ?? '')));
  out.write(stringify([header as string[], ...cells], { record_delimiter: 'windows' }));
}
