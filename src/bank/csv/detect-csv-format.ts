import { BANK_CSV_FORMATS, type BankCsvFormat, type BankProfile, type CsvDelimiter, HEADER_SEARCH_LINES, bankProfile, isHeaderRow } from './bank-profiles.js';
import { decodeHead } from './decode.js';

/** How many bytes of a file to look at to recognise it: far more than any bank's preamble. */
export const HEAD_BYTES = 64 * 1024;

const DELIMITERS: readonly CsvDelimiter[] = [';', ',', '\t', '|'];

/**
 * The cells of one line of the head, for a look at its header: quotes are honoured within the
 * line ("a;b" stays one cell). Only for recognising a header; the CSV parser reads the file.
 */
export function splitHeadLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index] ?? '';
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (character === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += character;
  }
  cells.push(cell);
  return cells;
}

/** The first lines of the file's head, decoded. */
function headLines(head: Buffer, profile?: BankProfile): string[] {
  return decodeHead(head, profile?.encoding).split(/\r\n|\r|\n/).slice(0, HEADER_SEARCH_LINES);
}

/**
 * Where the profile's header row is in the head of a file, and which delimiter it is written
 * with (";" as every Belgian bank writes it, or "," or a tab after a spreadsheet saved it again).
 */
export function locateHeader(head: Buffer, profile: BankProfile): { line: number; delimiter: CsvDelimiter } | undefined {
  const lines = headLines(head, profile);
  for (const [index, line] of lines.entries()) {
    for (const delimiter of DELIMITERS) {
      if (line.includes(delimiter) && isHeaderRow(profile, splitHeadLine(line, delimiter))) return { line: index + 1, delimiter };
    }
  }
  return undefined;
}

/**
 * Which Belgian bank's CSV export a file is, from its first bytes (HEAD_BYTES are plenty):
 * the header row, found by its column names past any preamble (Belfius), decoded as UTF-8 or
 * ISO-8859-1 as the bytes say. Undefined when no bank's header is there (another bank: use a
 * column mapping; or not a CSV export at all).
 */
export function detectCsvFormat(head: Buffer): BankCsvFormat | undefined {
  const lines = headLines(head);
  for (const line of lines) {
    for (const delimiter of DELIMITERS) {
      if (!line.includes(delimiter)) continue;
      const cells = splitHeadLine(line, delimiter);
      const format = BANK_CSV_FORMATS.find((candidate) => isHeaderRow(bankProfile(candidate), cells));
      if (format !== undefined) return format;
    }
  }
  return undefined;
}
