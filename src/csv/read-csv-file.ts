import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { type Problem, type SmartError, hasErrorCode, invalidInput, notFound } from '../errors.js';

export interface CsvRecord {
  /** The line of the file where the record starts (1 = the header). */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface CsvShape {
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** A longer field is refused: no real member or bank line needs more. */
  readonly maxFieldLength?: number;
}

const SNIFF_BYTES = 64 * 1024;

/** Looks at the start of the file: refuses empty and binary files, and picks `;` or `,`. */
async function sniff(path: string): Promise<{ delimiter: string }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw notFound(`Cannot read ${path}.`, 'Check the file name.');
  }
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0));
    } catch (error) {
      if (hasErrorCode(error, 'EISDIR')) throw invalidInput(`${basename(path)} is a folder, not a CSV file.`, { hint: 'Give the path of the CSV file itself.' });
      throw error;
    }
    const head = buffer.subarray(0, bytesRead);
    if (bytesRead === 0 || head.toString('utf8').replace(/^\uFEFF/, '').trim() === '') {
      throw invalidInput(`${basename(path)} is empty.`, { hint: 'A CSV file starts with a header row naming its columns.' });
    }
    if (head.includes(0)) {
      throw invalidInput(`${basename(path)} is not a CSV text file (it holds binary data).`, { hint: 'Export the data as CSV (UTF-8) and try again.' });
    }
    const firstLine = head.toString('utf8').split(/\r?\n/, 1)[0] ?? '';
    const semicolons = firstLine.split(';').length;
    const commas = firstLine.split(',').length;
    return { delimiter: semicolons > commas ? ';' : ',' };
  } finally {
    await handle.close();
  }
}

/**
 * Reads a CSV file as records keyed by its header, streaming, so a large file never sits whole
 * in memory. The header must name every required column and nothing unknown; the file must be
 * UTF-8 (a BOM is fine). Problems with the shape of the file stop the reading at once with the
 * file and line; problems with values are the caller's to collect.
 */
export async function* readCsvFile(path: string, shape: CsvShape): AsyncGenerator<CsvRecord> {
  const file = basename(path);
  const { delimiter } = await sniff(path);
  const known = new Set([...shape.required, ...shape.optional]);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  /** The last line of the last record read (the header's is 1): a record that fails to parse starts after it. */
  let lastLine = 0;
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    trim: true,
    skip_empty_lines: true,
    max_record_size: shape.maxFieldLength ?? 4096,
    columns: (header: string[]) => {
      const names = header.map((name) => name.trim().toLowerCase());
      const problems: Problem[] = [];
      for (const name of names) if (!known.has(name)) problems.push({ where: `${file}:1`, message: `unknown column "${name}"` });
      for (const name of shape.required) if (!names.includes(name)) problems.push({ where: `${file}:1`, message: `missing column "${name}"` });
      lastLine = 1;
      if (problems.length > 0) {
        throw invalidInput(`${file} does not have the expected columns.`, {
          problems,
          hint: `Columns: ${shape.required.join(', ')} (required), ${shape.optional.join(', ')} (optional).`,
        });
      }
      return names;
    },
  });
  const input = createReadStream(path);
  // Decoding only to check: csv-parse reads the same bytes as UTF-8. On the first bad byte the
  // reading stops, and the file is read again to name the line (see notUtf8).
  const checkUtf8 = (bytes: Buffer, final: boolean): void => {
    try {
      decoder.decode(bytes, { stream: !final });
    } catch {
      parser.destroy(new NotUtf8());
    }
  };
  input.on('data', (chunk) => checkUtf8(chunk as Buffer, false));
  input.on('end', () => checkUtf8(Buffer.alloc(0), true));
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      lastLine = item.info.lines;
      yield { line: item.info.lines, values: item.record };
    }
  } catch (error) {
    if (error instanceof NotUtf8) throw await notUtf8(path);
    throw asCsvProblem(file, error, lastLine + 1);
  } finally {
    input.destroy();
  }
}

/** The reader found bytes that are not UTF-8 (the error that says where is made afterwards). */
class NotUtf8 extends Error {}

/**
 * The error for a file that is not UTF-8, naming its first line that is not: a line end (0x0A)
 * is never part of a UTF-8 sequence, so each line can be checked on its own.
 */
async function notUtf8(path: string): Promise<SmartError> {
  const file = basename(path);
  const isUtf8 = (bytes: Buffer): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return true;
    } catch {
      return false;
    }
  };
  let line = 1;
  let found: number | undefined;
  let pending: Buffer = Buffer.alloc(0);
  search: for await (const chunk of createReadStream(path)) {
    const bytes = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    let start = 0;
    for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
      if (!isUtf8(bytes.subarray(start, end))) {
        found = line;
        break search;
      }
      line += 1;
      start = end + 1;
    }
    pending = bytes.subarray(start);
  }
  if (found === undefined && !isUtf8(pending)) found = line;
  const where = found === undefined ? file : `${file}:${found}`;
  return invalidInput(`${where}: this line is not UTF-8 text (an accented letter saved as ISO-8859-1 or Windows-1252?).`, {
    hint: 'Save the file as "CSV UTF-8" (in Excel or LibreOffice) and import it again; nothing was imported.',
  });
}

/**
 * A csv-parse error as the user's problem, at the line the record starts (`recordLine`) for a
 * quote or a field too long, which csv-parse reports where it gave up (the end of the file for an
 * unclosed quote).
 */
function asCsvProblem(file: string, error: unknown, recordLine: number): unknown {
  if (error instanceof Error && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    const code = (error as { code: string }).code;
    // csv-parse names every error CSV_..., except INVALID_OPENING_QUOTE (a quote in the middle of a field).
    if (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE') {
      const reported = (error as { lines?: number }).lines;
      const fields = /columns length is (\d+), got (\d+)/.exec(error.message);
      let line = reported;
      let reason: string;
      if (code === 'CSV_MAX_RECORD_SIZE') {
        line = recordLine;
        reason = 'a field is far longer than any real value';
      } else if (code === 'CSV_QUOTE_NOT_CLOSED') {
        line = recordLine;
        reason = 'a quote opened in this row is never closed';
      } else if (code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') {
        line = recordLine;
        reason = 'a quoted text in this row goes on after its closing quote (a quote inside a text is written twice: "")';
      } else if (code === 'INVALID_OPENING_QUOTE') {
        reason = 'a quote in the middle of a text (put the whole text in quotes and write each quote in it twice: "a ""b"" c")';
      } else if (fields !== null) {
        reason = `the row has ${fields[2] ?? '?'} fields where the header has ${fields[1] ?? '?'}`;
      } else {
        reason = error.message.replace(/^Invalid [^:]*: /, '');
      }
      return invalidInput(`${file}${line === undefined ? '' : `:${line}`}: not valid CSV: ${reason}.`, {
        hint: 'Fix that line (quotes, number of columns) and import the file again; nothing was imported.',
      });
    }
  }
  return error;
}
