import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import type { IsoDate } from '../../calendar/dates.js';
import { type Problem, type SmartError, invalidInput, notFound } from '../../errors.js';
import { maskPersonalNumbers } from '../../identifiers/mask-in-text.js';
import type { Cents } from '../../money/cents.js';
import type { BankLine } from '../bank-line.js';
import { readHead } from '../read-head.js';
import { combineCreditDebit, parseBankAmount } from './bank-amount.js';
import { type DateFormat, cleanText, parseBankDate, readAccountNumber, readCurrency, readStructuredReference, structuredReferenceInText } from './bank-fields.js';
import {
  type BankColumn,
  type BankCsvFormat,
  type BankProfile,
  type CsvDelimiter,
  HEADER_SEARCH_LINES,
  type RowCells,
  bankProfile,
  isHeaderRow,
  normalizeHeaderName,
} from './bank-profiles.js';
import { type ColumnMapping, mappingProfile } from './column-mapping.js';
import { validBelgianIban } from './belgian-iban.js';
import { CsvRecordSplitter } from './csv-records.js';
import { BankTextDecodeError, binaryProblem, createDecodeStream } from './decode.js';
import { HEAD_BYTES, detectCsvFormat, locateHeader } from './detect-csv-format.js';

/**
 * Reading a bank statement CSV file into BankLines, streaming: the file is never read whole.
 *
 *   file bytes -> BankTextDecoder (UTF-8 or ISO-8859-1, "\n" line ends) -> CsvRecordSplitter -> rows
 *
 * What to read it as: 'auto' (recognised by its header row, see detectCsvFormat), one of the
 * banks' formats, a BankProfile, or a user's ColumnMapping (column-mapping.ts).
 *
 * Problems with the whole file (missing, empty, binary, no header row, broken quoting, mixed
 * encodings) stop the reading at once. Problems with a line (a date that does not exist, an
 * amount with three decimals or a letter, an invalid IBAN, a field too many) are collected:
 * at the end of the file ONE invalid-input error lists them (the first MAX_LISTED_PROBLEMS,
 * each with where = "file:line" and the reason naming the column) and the file is rejected
 * whole. Nothing from such a file may be written, so callers have two ways to read:
 *
 * - readAllBankCsv(path, source): every line in memory, returned only when the whole file is
 *   good. Simple; about 300 bytes a line, so 300 MB for a million lines.
 * - two passes: validateBankCsv(path, source) reads the whole file and keeps nothing, then
 *   readBankCsv(path, source) streams the lines again for the caller to write as they come, in
 *   one transaction. readBankCsv still checks every line and throws at the end if the file
 *   changed in between and now has a bad line, so the caller's transaction must only commit
 *   once the generator has finished.
 *
 * readBankCsv stops yielding at the first bad line (the file is lost anyway) but reads on to
 * the end to list the others.
 */
export type BankCsvSource = 'auto' | BankCsvFormat | BankProfile | ColumnMapping;

/** How many bad lines an error lists; the message still counts them all. */
export const MAX_LISTED_PROBLEMS = 50;

/** A record is refused beyond this many characters: no bank line comes near it. */
const MAX_RECORD_CHARACTERS = 100_000;

/** The file is read this much at a time. */
const CHUNK_BYTES = 64 * 1024;

const REEXPORT_HINT = 'Export the statement again from the bank as CSV and import it again.';
const MAPPING_HINT = 'For a bank smart does not know, describe its columns in a mapping file and use --format csv --map MAPPING (see fixtures/bank/mapping.example.json).';

interface PreparedFile {
  readonly path: string;
  readonly file: string;
  readonly profile: BankProfile;
  readonly delimiter: CsvDelimiter;
}

function readCsvHead(path: string): Promise<Buffer> {
  return readHead(path, HEAD_BYTES, () => notFound(`Cannot read ${path} (is it a folder?).`, 'Check the file name.'));
}

function profileOf(source: Exclude<BankCsvSource, 'auto'>): BankProfile {
  if (typeof source === 'string') return bankProfile(source);
  return source.kind === 'column-mapping' ? mappingProfile(source) : source;
}

function signatureText(profile: BankProfile): string {
  return profile.header.find === 'signature' ? (profile.header.signatures[0] ?? []).map((name) => `"${name}"`).join(', ') : '';
}

/** Looks at the head of the file: what it is read as, and with which delimiter. */
async function prepare(path: string, source: BankCsvSource): Promise<PreparedFile> {
  const file = basename(path);
  const head = await readCsvHead(path);
  if (head.length === 0 || /^[\s\uFEFF]*$/.test(head.toString('latin1').replace(/^\xEF\xBB\xBF/, ''))) {
    throw invalidInput(`${file} is empty.`, { hint: `A bank statement CSV has a header row and a line per transaction. ${REEXPORT_HINT}` });
  }
  const binary = binaryProblem(head);
  if (binary !== undefined) throw invalidInput(`${file} ${binary}.`, { hint: `${REEXPORT_HINT} ${MAPPING_HINT}` });

  let profile: BankProfile;
  if (source === 'auto') {
    const format = detectCsvFormat(head);
    if (format === undefined) {
      throw invalidInput(
        `${file} is not the CSV export of a bank smart recognises (KBC, BNP Paribas Fortis, Belfius, ING, Argenta): none of their header rows is in its first ${HEADER_SEARCH_LINES} lines.`,
        { hint: MAPPING_HINT },
      );
    }
    profile = bankProfile(format);
  } else {
    profile = profileOf(source);
  }
  if (profile.delimiter !== 'auto') return { path, file, profile, delimiter: profile.delimiter };
  const located = locateHeader(head, profile);
  if (located === undefined) {
    const actually = detectCsvFormat(head);
    const looksLike = actually === undefined ? '' : ` It looks like a ${bankProfile(actually).bank} export.`;
    throw invalidInput(`${file}: no ${profile.bank} header row (with ${signatureText(profile)}) in its first ${HEADER_SEARCH_LINES} lines.${looksLike}`, {
      hint: `Check --format (--format auto recognises the bank). ${MAPPING_HINT}`,
    });
  }
  return { path, file, profile, delimiter: located.delimiter };
}

/** The profile a file is read with: the recognised bank's for 'auto'. Throws as readBankCsv would. */
export async function resolveBankCsvProfile(path: string, source: BankCsvSource = 'auto'): Promise<BankProfile> {
  return (await prepare(path, source)).profile;
}

interface Header {
  readonly line: number;
  /** The names as the file writes them, for messages. */
  readonly names: readonly string[];
  readonly indices: Readonly<Partial<Record<BankColumn, readonly number[]>>>;
}

function resolveHeader(prepared: PreparedFile, cells: readonly string[], line: number): Header {
  const { profile, file } = prepared;
  const normalized = cells.map(normalizeHeaderName);
  const indices: Partial<Record<BankColumn, number[]>> = {};
  const problems: Problem[] = [];
  for (const [column, names] of Object.entries(profile.columns) as [BankColumn, readonly string[]][]) {
    const found: number[] = [];
    for (const name of names) {
      const index = normalized.indexOf(normalizeHeaderName(name));
      if (index !== -1) found.push(index);
      else if (profile.header.find === 'after-skip') {
        problems.push({ where: `${file}:${line}`, message: `the header row has no column "${name}" (the mapping's columns.${column})` });
      }
    }
    if (found.length > 0) indices[column] = found;
  }
  if (problems.length > 0) {
    const [first] = problems;
    throw invalidInput(problems.length === 1 && first !== undefined ? `${file}:${line}: ${first.message}.` : `${file}:${line}: the header row lacks ${problems.length} columns of the mapping.`, {
      problems,
      hint: `The header row is: ${cells.map((cell) => maskPersonalNumbers(cell.trim())).join(' | ')}. Fix the column names or "skipLines" in the mapping.`,
    });
  }
  return { line, names: cells.map((cell) => cell.trim()), indices };
}

function newlinesIn(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) count += 1;
  }
  return count;
}

/**
 * The readings of account numbers and dates are pure and repeat from line to line (the own
 * account on every line, a client's IBAN, the days of the month): each is computed once per
 * distinct text, in a cache that is emptied when it grows large.
 */
function memoized<T>(read: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const known = cache.get(text);
    if (known !== undefined) return known;
    const value = read(text);
    if (cache.size >= 10_000) cache.clear();
    cache.set(text, value);
    return value;
  };
}

const readAccountCached = memoized(readAccountNumber);
const dateReaders = new Map<string, (text: string) => ReturnType<typeof parseBankDate>>();
/** The same readers by the profile's list itself: no key to build for every line. */
const dateReadersByList = new WeakMap<readonly DateFormat[], (text: string) => ReturnType<typeof parseBankDate>>();

function dateReader(formats: readonly DateFormat[]): (text: string) => ReturnType<typeof parseBankDate> {
  const known = dateReadersByList.get(formats);
  if (known !== undefined) return known;
  const key = formats.join('|');
  let reader = dateReaders.get(key);
  if (reader === undefined) {
    reader = memoized((text) => parseBankDate(text, formats));
    dateReaders.set(key, reader);
  }
  dateReadersByList.set(formats, reader);
  return reader;
}

/** The last own account read as a valid Belgian IBAN, as written and in electronic form. */
let lastBelgian: { readonly text: string; readonly iban: string } = { text: '', iban: '' };

/** Whitespace cleanText would change: a run of two, any but a plain space, or at either end. */
const UNCLEAN = /\s\s|[^\S ]|^\s|\s$/;

/** cleanText, without its work for the text a bank usually writes (single spaces only). */
function clean(text: string | undefined): string | null {
  if (text === undefined || UNCLEAN.test(text)) return cleanText(text);
  return text === '' ? null : text;
}

/** Text that may hold a delimited structured communication (+++...+++ or ***...***). */
function mayHoldStructured(text: string | undefined): boolean {
  return text !== undefined && (text.includes('+++') || text.includes('***'));
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

function describeDelimiter(delimiter: CsvDelimiter): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}

/**
 * What a line read with `checkOnly` is when it is good: its checks are all made, but not its
 * text (names, communications), which has nothing to check.
 */
const CHECKED: BankLine = Object.freeze({
  sourceLine: 0,
  account: null,
  bookingDate: '1970-01-01',
  valueDate: null,
  amountCents: 0,
  currency: 'EUR',
  counterpartyName: null,
  counterpartyIban: null,
  structuredReference: null,
  communication: null,
  bankReference: null,
});

/**
 * One line of the file read into a BankLine, or the reasons it cannot be, or null for a line
 * that moved no money; with `checkOnly`, CHECKED instead of the BankLine of a good line.
 */
function readRow(prepared: PreparedFile, header: Header, cells: readonly string[], line: number, checkOnly = false): BankLine | string[] | null {
  const { profile, delimiter } = prepared;
  const width = header.names.length;
  if (cells.length < width) {
    return [`the line has ${cells.length} fields where the header row has ${width}: a ${describeDelimiter(delimiter)} is missing, or a text holds a line break without quotes`];
  }
  if (cells.length > width && cells.slice(width).some((cell) => cell.trim() !== '')) {
    return [`the line has ${cells.length} fields where the header row has ${width}: a text holds a ${describeDelimiter(delimiter)} without quotes`];
  }
  const problems: string[] = [];
  /** The first non-empty cell of a column, with the header name it is under. */
  const cell = (column: BankColumn): { value: string; name: string } | undefined => {
    for (const index of header.indices[column] ?? []) {
      const value = (cells[index] ?? '').trim();
      if (value !== '') return { value, name: header.names[index] ?? column };
    }
    return undefined;
  };
  const has = (column: BankColumn): boolean => (header.indices[column]?.length ?? 0) > 0;
  const nameOf = (column: BankColumn): string => {
    const index = header.indices[column]?.[0];
    return index === undefined ? column : (header.names[index] ?? column);
  };
  if (cell('refusalReason') !== undefined) return null;
  const rowCells: RowCells = { text: (column) => cell(column)?.value ?? '' };
  const readDate = dateReader(profile.dateFormats);

  const date = (column: BankColumn, required: boolean): IsoDate | null => {
    const found = cell(column);
    if (found === undefined) {
      if (required) problems.push(`column "${nameOf(column)}" is empty: every line has a booking date`);
      return null;
    }
    const reading = readDate(found.value);
    if (reading.ok) return reading.value;
    problems.push(`column "${found.name}": ${reading.problem}`);
    return null;
  };
  const bookingDate = date('bookingDate', true);
  const valueDate = date('valueDate', false);

  let amountCents: Cents | undefined;
  if (has('amount')) {
    const found = cell('amount');
    if (found === undefined) problems.push(`column "${nameOf('amount')}" is empty: every line has an amount`);
    else {
      const reading = parseBankAmount(found.value, profile.amountStyle);
      if (reading.ok) amountCents = reading.cents;
      else problems.push(`column "${found.name}": ${reading.problem}`);
    }
  } else {
    const part = (column: 'credit' | 'debit'): Cents | undefined | null => {
      const found = cell(column);
      if (found === undefined) return undefined;
      const reading = parseBankAmount(found.value, profile.amountStyle);
      if (reading.ok) return reading.cents;
      problems.push(`column "${found.name}": ${reading.problem}`);
      return null;
    };
    const credit = part('credit');
    const debit = part('debit');
    if (credit !== null && debit !== null) {
      const reading = combineCreditDebit(credit, debit);
      if (reading.ok) amountCents = reading.cents;
      else problems.push(`columns "${nameOf('credit')}" and "${nameOf('debit')}": ${reading.problem}`);
    }
  }

  const currencyCell = cell('currency');
  const currency = readCurrency(currencyCell?.value ?? '', profile.defaultCurrency);
  if (!currency.ok) problems.push(`column "${currencyCell?.name ?? nameOf('currency')}": ${currency.problem}`);

  const account = (column: BankColumn): string | null => {
    const found = cell(column);
    if (found === undefined) return null;
    // A valid Belgian IBAN, nearly every account of a Belgian statement, on a short path; the
    // statement's own account, the same on every line, once.
    if (found.value === lastBelgian.text) return lastBelgian.iban;
    const belgian = validBelgianIban(found.value);
    if (belgian !== undefined) {
      if (column === 'account') lastBelgian = { text: found.value, iban: belgian };
      return belgian;
    }
    const reading = readAccountCached(found.value);
    if (reading.ok) return reading.value;
    problems.push(`column "${found.name}": ${reading.problem}`);
    return null;
  };
  const ownAccount = account('account');
  let counterpartyIban = account('counterpartyIban');
  const bad = problems.length > 0 || bookingDate === null || amountCents === undefined || !currency.ok;
  // Nothing below finds a problem.
  if (checkOnly) return bad ? problems : CHECKED;
  let counterpartyName = clean(cell('counterpartyName')?.value);

  const details = cell('details')?.value;
  if (details !== undefined && profile.fromDetails !== undefined && (counterpartyIban === null || counterpartyName === null)) {
    const extra = profile.fromDetails(details);
    if (counterpartyIban === null && extra.counterpartyIban !== undefined) {
      // Found in a description, not given as an account: used only when it is a valid IBAN.
      const reading = readAccountNumber(extra.counterpartyIban);
      if (reading.ok) counterpartyIban = reading.value;
    }
    if (counterpartyName === null) counterpartyName = clean(extra.counterpartyName);
  }

  const communication = clean(cell('communication')?.value) ?? clean(details);
  // Cleaning never makes "+++" or "***" appear: text without them holds no delimited communication.
  const structuredReference =
    readStructuredReference(cell('structuredReference')?.value) ??
    structuredReferenceInText(communication) ??
    (mayHoldStructured(details) ? structuredReferenceInText(clean(details)) : null);

  if (bad || bookingDate === null || amountCents === undefined || !currency.ok) return problems;
  const bankReference = profile.bankReference !== undefined ? profile.bankReference(rowCells, bookingDate) : clean(cell('bankReference')?.value);
  return {
    sourceLine: line,
    account: ownAccount,
    bookingDate,
    valueDate,
    amountCents,
    currency: currency.value,
    counterpartyName,
    counterpartyIban,
    structuredReference,
    communication,
    bankReference,
  };
}

interface CsvParseError {
  readonly code: string;
  readonly message: string;
  readonly lines?: number;
}

function isCsvParseError(error: unknown): error is CsvParseError {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as unknown as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('CSV_');
}

/** A failure that stops the reading, as the invalid-input error the user sees. */
function fileProblem(file: string, error: unknown, problems: readonly Problem[], recordLine: number): unknown {
  if (error instanceof BankTextDecodeError) {
    return invalidInput(`${file}:${error.line}: ${error.message}.`, { hint: error.hint, problems });
  }
  if (isCsvParseError(error)) {
    // An unclosed quote or an endless line is reported where its record starts, not where the
    // parser gave up (the end of the file).
    const atRecord = error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_MAX_RECORD_SIZE';
    const line = atRecord ? recordLine : error.lines;
    const where = line === undefined ? file : `${file}:${line}`;
    const reason =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quote opened on this line is never closed'
        : error.code === 'CSV_MAX_RECORD_SIZE'
          ? 'this line is far longer than any bank statement line'
          : error.message.replace(/^[^:]*: /, '');
    return invalidInput(`${where}: not valid CSV: ${reason}.`, {
      hint: 'Check the quotes on that line, or export the statement again; nothing was imported.',
      problems: [...problems, { where, message: `not valid CSV: ${reason}` }],
    });
  }
  return error;
}

function badLinesError(file: string, badLines: number, problems: readonly Problem[]): SmartError {
  const [first] = problems;
  const firstText = first === undefined ? file : `${first.where ?? file}: ${first.message}`;
  const more = badLines === 1 ? '' : ` (and ${badLines - 1} more bad line${badLines === 2 ? '' : 's'})`;
  const message = `${firstText}${more}.`;
  const listed = badLines > problems.length ? ` Only the first ${problems.length} are listed.` : '';
  return invalidInput(message, {
    problems,
    hint: `Nothing was imported: a statement is imported whole or not at all.${listed} Correct the lines (or export the statement again) and import the file again.`,
  });
}

/**
 * The lines of the file in batches (those of each 64 KiB read), streamed:
 *
 *   file bytes -> BankTextDecoder.decodeInto -> CsvRecordSplitter (csv-parse's rules) -> rows
 *
 * all in this loop, without streams between them, so that a line costs no promise of its own.
 */
async function* readPreparedBatches(prepared: PreparedFile, checkOnly = false): AsyncGenerator<BankLine[]> {
  const { file, profile, delimiter } = prepared;
  const decoder = createDecodeStream(profile.encoding);
  // Every line gives a record, blank ones too: counting lines here is exact, as the decoder
  // makes every line end "\n".
  const splitter = new CsvRecordSplitter(delimiter, MAX_RECORD_CHARACTERS);
  const skipLines = profile.header.find === 'after-skip' ? profile.header.skipLines : 0;

  const problems: Problem[] = [];
  let badLines = 0;
  let header: Header | undefined;
  let nextLine = 1;
  let stopped = false;
  const records: string[][] = [];
  /** How many lines of the file each record spans (a quoted line break makes it more than one). */
  const spans: number[] = [];
  const pieces: string[] = [];
  /** The lines of the records split so far. */
  const take = (): BankLine[] => {
    const lines: BankLine[] = [];
    for (let index = 0; index < records.length; index += 1) {
      const cells = records[index] as string[];
      const line = nextLine;
      nextLine += spans[index] ?? 1 + newlinesIn(cells);
      if (line <= skipLines || isBlank(cells)) continue;
      if (header === undefined) {
        if (profile.header.find === 'after-skip' || isHeaderRow(profile, cells)) header = resolveHeader(prepared, cells, line);
        else if (line >= HEADER_SEARCH_LINES) {
          stopped = true;
          break;
        }
        continue;
      }
      const outcome = readRow(prepared, header, cells, line, checkOnly);
      if (outcome === null) continue;
      if (Array.isArray(outcome)) {
        badLines += 1;
        if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ where: `${file}:${line}`, message: outcome.join('; ') });
      } else if (badLines === 0) {
        lines.push(outcome);
      }
    }
    records.length = 0;
    spans.length = 0;
    return lines;
  };
  /** Decodes and splits a chunk (the end of the file when final); the records before a problem are kept. */
  const split = (chunk: Buffer, final: boolean): unknown => {
    let failure: unknown;
    try {
      decoder.decodeInto(chunk, final, pieces);
    } catch (error) {
      failure = error;
    }
    try {
      for (const piece of pieces) splitter.push(piece, records, spans);
      if (final && failure === undefined) splitter.end(records, spans);
    } catch (error) {
      // The text before a decoding problem comes first in the file.
      failure = error;
    }
    pieces.length = 0;
    return failure;
  };
  let fd: number | undefined;
  try {
    // Read in 64 KiB chunks as a file stream reads, without its promise and thread hop per
    // chunk (the decoder judges the encoding on the chunk where the first accent is).
    fd = openSync(prepared.path, 'r');
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const size = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (size === 0) break;
      const failure = split(size === CHUNK_BYTES ? chunk : chunk.subarray(0, size), false);
      const lines = take();
      if (failure !== undefined) throw failure;
      if (lines.length > 0) yield lines;
      if (stopped) break;
    }
    if (!stopped) {
      const failure = split(Buffer.alloc(0), true);
      const lines = take();
      if (failure !== undefined) throw failure;
      if (lines.length > 0) yield lines;
    }
  } catch (error) {
    throw fileProblem(file, error, problems, nextLine);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (header === undefined) {
    const what = profile.header.find === 'signature' ? `no ${profile.bank} header row (with ${signatureText(profile)}) in its first ${HEADER_SEARCH_LINES} lines` : 'no header row';
    throw invalidInput(`${file}: ${what}.`, { hint: profile.format === 'mapping' ? 'Check "skipLines" in the mapping file.' : REEXPORT_HINT });
  }
  if (badLines > 0) throw badLinesError(file, badLines, problems);
}

async function* readPrepared(prepared: PreparedFile): AsyncGenerator<BankLine> {
  for await (const lines of readPreparedBatches(prepared)) yield* lines;
}

/**
 * The lines of a bank statement CSV file in batches, streamed, as readBankCsv gives them one by
 * one (the same checks, the same error at the end): for a caller that handles many lines at a
 * time.
 */
export async function* readBankCsvBatches(path: string, source: BankCsvSource = 'auto'): AsyncGenerator<BankLine[]> {
  yield* readPreparedBatches(await prepare(path, source));
}

/**
 * The lines of a bank statement CSV file, streamed. Throws at the end, after the last line,
 * when any line is bad (see the top of this file): write nothing for good before it finishes.
 */
export async function* readBankCsv(path: string, source: BankCsvSource = 'auto'): AsyncGenerator<BankLine> {
  yield* readPrepared(await prepare(path, source));
}

/** Every line of the file, returned only when all of them are good. */
export async function readAllBankCsv(path: string, source: BankCsvSource = 'auto'): Promise<BankLine[]> {
  const lines: BankLine[] = [];
  for await (const line of readBankCsv(path, source)) lines.push(line);
  return lines;
}

/**
 * The first pass of a two-pass import: reads and checks the whole file, keeps no line, and says
 * how many lines it has and what it was read as. Throws as readBankCsv does.
 */
export async function validateBankCsv(
  path: string,
  source: BankCsvSource = 'auto',
): Promise<{ lines: number; format: BankCsvFormat | 'mapping'; bank: string }> {
  const prepared = await prepare(path, source);
  let lines = 0;
  // Every check of readBankCsv, without the work of the lines' text (nothing to check there).
  for await (const batch of readPreparedBatches(prepared, true)) lines += batch.length;
  return { lines, format: prepared.profile.format, bank: prepared.profile.bank };
}

