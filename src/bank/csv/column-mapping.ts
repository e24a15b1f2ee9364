import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Problem, invalidInput, notFound } from '../../errors.js';
import { DATE_FORMATS, type DateFormat } from './bank-fields.js';
import type { BankColumn, BankProfile, CsvDelimiter } from './bank-profiles.js';
import type { EncodingChoice } from './decode.js';

/**
 * The column mapping for the CSV export of any bank without a profile of its own
 * (`smart bank import FILE --format csv --map MAPPING`): a small JSON file, for example
 * fixtures/bank/mapping.example.json.
 *
 * {
 *   "$comment":   any text, ignored (JSON has no comments);
 *   "name":       the bank's name, shown in messages (optional, "mapping");
 *   "delimiter":  ";" (default), ",", "tab" (or "\t") or "|";
 *   "encoding":   "auto" (default: UTF-8 with or without BOM, else ISO-8859-1), "utf-8" or
 *                 "latin1" (ISO-8859-1, read as Windows-1252; "iso-8859-1" and
 *                 "windows-1252" are accepted too);
 *   "skipLines":  lines before the header row (default 0); blank lines after them are skipped;
 *   "dateFormat": "dd/mm/yyyy", "dd-mm-yyyy", "dd.mm.yyyy" or "yyyy-mm-dd" (required);
 *   "decimal":    "," (amounts like 1.234,56) or "." (amounts like 1,234.56) (required);
 *   "currency":   the currency when there is no currency column or it is empty (default "EUR");
 *   "columns": {  header names in the file (any case), for:
 *     "bookingDate"          required;
 *     "amount"               the signed amount: required unless "credit" and "debit" are given;
 *     "credit", "debit"      money in and money out in two columns, instead of "amount";
 *     "valueDate", "account" (the statement's own IBAN), "currency", "counterpartyName",
 *     "counterpartyIban", "communication", "structuredReference" (a column holding only the
 *     +++123/4567/89002+++ communication), "bankReference" (the bank's unique reference of the
 *     line: it makes imports exactly-once)      optional.
 *   }
 * }
 * A column may be given as a list of header names: the first one not empty on a line is used
 * (e.g. "communication": ["Message", "Details"]). Every name given must be in the header row.
 * Unknown keys are refused, so that a typing error is not silently ignored.
 */
export interface ColumnMapping {
  readonly kind: 'column-mapping';
  readonly name: string;
  readonly delimiter: CsvDelimiter;
  readonly encoding: EncodingChoice;
  readonly skipLines: number;
  readonly dateFormat: DateFormat;
  readonly decimal: ',' | '.';
  readonly currency: string;
  readonly columns: Readonly<Partial<Record<MappingColumn, readonly string[]>>>;
}

export const MAPPING_COLUMNS = [
  'bookingDate',
  'amount',
  'credit',
  'debit',
  'valueDate',
  'account',
  'currency',
  'counterpartyName',
  'counterpartyIban',
  'communication',
  'structuredReference',
  'bankReference',
] as const satisfies readonly BankColumn[];

export type MappingColumn = (typeof MAPPING_COLUMNS)[number];

const TOP_KEYS = ['$comment', 'name', 'delimiter', 'encoding', 'skipLines', 'dateFormat', 'decimal', 'currency', 'columns'] as const;

const DELIMITERS: Readonly<Record<string, CsvDelimiter>> = { ';': ';', ',': ',', tab: '\t', '\t': '\t', '|': '|' };
const ENCODINGS: Readonly<Record<string, EncodingChoice>> = {
  auto: 'auto',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  latin1: 'latin1',
  'iso-8859-1': 'latin1',
  'windows-1252': 'latin1',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quoted(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

/**
 * Checks a parsed mapping file and returns the mapping, or throws one invalid-input error that
 * lists every wrong key. `source` names the file in the messages.
 */
export function parseColumnMapping(json: unknown, source = 'mapping'): ColumnMapping {
  const problems: Problem[] = [];
  const problem = (key: string, message: string): void => {
    problems.push({ where: source, message: `"${key}": ${message}` });
  };
  if (!isRecord(json)) {
    throw invalidInput(`${source}: a column mapping is a JSON object such as {"dateFormat": "dd/mm/yyyy", "decimal": ",", "columns": {...}}.`, {
      hint: 'See fixtures/bank/mapping.example.json.',
    });
  }
  for (const key of Object.keys(json)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) problem(key, `unknown key; the keys are ${quoted(TOP_KEYS)}`);
  }

  const name = json['name'] ?? 'mapping';
  if (typeof name !== 'string' || name.trim() === '') problem('name', 'must be a non-empty text');

  const delimiterText = json['delimiter'] ?? ';';
  const delimiter = typeof delimiterText === 'string' ? DELIMITERS[delimiterText] : undefined;
  if (delimiter === undefined) problem('delimiter', 'must be ";", ",", "tab" or "|"');

  const encodingText = json['encoding'] ?? 'auto';
  const encoding = typeof encodingText === 'string' ? ENCODINGS[encodingText.toLowerCase()] : undefined;
  if (encoding === undefined) problem('encoding', 'must be "auto", "utf-8" or "latin1"');

  const skipLines = json['skipLines'] ?? 0;
  if (typeof skipLines !== 'number' || !Number.isInteger(skipLines) || skipLines < 0 || skipLines > 1000) {
    problem('skipLines', 'must be a whole number of lines from 0 to 1000');
  }

  const dateFormat = json['dateFormat'];
  if (dateFormat === undefined) problem('dateFormat', `is missing: one of ${quoted(DATE_FORMATS)}`);
  else if (typeof dateFormat !== 'string' || !(DATE_FORMATS as readonly string[]).includes(dateFormat)) {
    problem('dateFormat', `must be one of ${quoted(DATE_FORMATS)}`);
  }

  const decimal = json['decimal'];
  if (decimal === undefined) problem('decimal', 'is missing: "," (amounts like 1.234,56) or "." (amounts like 1,234.56)');
  else if (decimal !== ',' && decimal !== '.') problem('decimal', 'must be "," (amounts like 1.234,56) or "." (amounts like 1,234.56)');

  const currency = json['currency'] ?? 'EUR';
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) problem('currency', 'must be a currency code such as "EUR"');

  const columns: Partial<Record<MappingColumn, readonly string[]>> = {};
  const columnsJson = json['columns'];
  if (columnsJson === undefined) problem('columns', 'is missing: it maps header names to "bookingDate", "amount", ...');
  else if (!isRecord(columnsJson)) problem('columns', 'must be an object such as {"bookingDate": "Date", "amount": "Amount"}');
  else {
    for (const [key, value] of Object.entries(columnsJson)) {
      if (!(MAPPING_COLUMNS as readonly string[]).includes(key)) {
        problem(`columns.${key}`, `unknown column key; the keys are ${quoted(MAPPING_COLUMNS)}`);
        continue;
      }
      const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
      if (names === undefined || names.length === 0 || names.some((entry) => typeof entry !== 'string' || entry.trim() === '')) {
        problem(`columns.${key}`, 'must be a header name, or a list of header names');
        continue;
      }
      columns[key as MappingColumn] = (names as string[]).map((entry) => entry.trim());
    }
    // A key given with a wrong value has its problem already: it is not missing as well.
    const given = (key: MappingColumn): boolean => key in columnsJson;
    if (!given('bookingDate')) problem('columns.bookingDate', 'is missing: the header name of the booking date');
    const split = given('credit') || given('debit');
    if (given('amount') && split) problem('columns.amount', 'give either "amount" (signed) or "credit" and "debit", not both');
    else if (!given('amount') && !split) problem('columns.amount', 'is missing: the header name of the signed amount (or give "credit" and "debit")');
    else if (split && !(given('credit') && given('debit'))) {
      problem(given('credit') ? 'columns.debit' : 'columns.credit', '"credit" and "debit" go together');
    }
  }

  if (problems.length > 0) {
    const [first] = problems;
    throw invalidInput(problems.length === 1 && first !== undefined ? `${source}: ${first.message}.` : `${source}: the column mapping has ${problems.length} problems.`, {
      problems,
      hint: 'See fixtures/bank/mapping.example.json for a complete mapping.',
    });
  }
  return {
    kind: 'column-mapping',
    name: (name as string).trim(),
    delimiter: delimiter as CsvDelimiter,
    encoding: encoding as EncodingChoice,
    skipLines: skipLines as number,
    dateFormat: dateFormat as DateFormat,
    decimal: decimal as ',' | '.',
    currency: currency as string,
    columns,
  };
}

/** Reads and checks a mapping file. */
export async function loadColumnMapping(path: string): Promise<ColumnMapping> {
  const file = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw notFound(`Cannot read the column mapping ${path}.`, 'Check the file name given to --map.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidInput(`${file} is not valid JSON: ${reason}.`, { hint: 'See fixtures/bank/mapping.example.json for a complete mapping.' });
  }
  return parseColumnMapping(json, file);
}

/** The reading profile of a mapping: every name it gives must be in the header row. */
export function mappingProfile(mapping: ColumnMapping): BankProfile {
  return {
    kind: 'bank-profile',
    format: 'mapping',
    bank: mapping.name,
    delimiter: mapping.delimiter,
    encoding: mapping.encoding,
    header: { find: 'after-skip', skipLines: mapping.skipLines },
    columns: mapping.columns,
    dateFormats: [mapping.dateFormat],
    amountStyle: mapping.decimal === ',' ? 'decimal-comma' : 'decimal-point',
    defaultCurrency: mapping.currency,
  };
}
