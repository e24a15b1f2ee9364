import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { type Problem, invalidInput, notFound } from '../errors.js';

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
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
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
  input.on('data', (chunk) => {
    try {
      // Decoding only to check: csv-parse reads the same bytes as UTF-8.
      decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      parser.destroy(invalidInput(`${file} is not UTF-8 text.`, { hint: 'Save it as "CSV UTF-8" (in Excel or LibreOffice) and try again.' }));
    }
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { line: item.info.lines, values: item.record };
    }
  } catch (error) {
    throw asCsvProblem(file, error);
  } finally {
    input.destroy();
  }
}

function asCsvProblem(file: string, error: unknown): unknown {
  if (error instanceof Error && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    const code = (error as { code: string }).code;
    if (code.startsWith('CSV_')) {
      const line = (error as { lines?: number }).lines;
      const reason = code === 'CSV_MAX_RECORD_SIZE' ? 'a field is far longer than any real value' : error.message.replace(/^Invalid [^:]*: /, '');
      return invalidInput(`${file}${line === undefined ? '' : `:${line}`}: not valid CSV: ${reason}.`, {
        hint: 'Fix that line (quotes, number of columns) and import the file again; nothing was imported.',
      });
    }
  }
  return error;
}
