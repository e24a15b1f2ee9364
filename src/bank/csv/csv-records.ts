/**
 * The records of a bank statement CSV text, split exactly as csv-parse 7 splits them with the
 * options the bank reader used to give it (one-character delimiter, quote and escape '"',
 * relax_quotes, relax_column_count, skip_empty_lines off, max_record_size), for text whose line
 * ends are all "\n" (BankTextDecoder makes them so), but several times faster: a line with no
 * quote in it, which is nearly every line a bank writes, is split with one String.split; only a
 * record with a quote goes through the character-by-character rules below.
 *
 * The rules (csv-parse's, with those options):
 * - a '"' at the start of a field opens a quoted field, in which the delimiter and "\n" are
 *   text and '""' is one '"'; the quote closes before a delimiter, a "\n" or the end of the text;
 * - a '"' elsewhere in an unquoted field is text (relax_quotes); a closing quote followed by
 *   anything else is not a close: the field goes on unquoted, with a '"' put back in front of
 *   it and this '"' kept (csv-parse's relax_quotes, quirk included);
 * - every "\n" outside quotes ends a record, an empty line too (one empty field); the end of
 *   the text ends the last record unless it is empty;
 * - a record refuses more than `maxRecordSize` characters of field content, counted as
 *   csv-parse counts them: the fields before in UTF-16 units, the current one in UTF-8 bytes,
 *   checked before each byte is added (CSV_MAX_RECORD_SIZE);
 * - a quote still open at the end of the text is CSV_QUOTE_NOT_CLOSED.
 * Errors carry `code` and `lines` as csv-parse's CsvError does, so callers can handle both alike.
 */
export class CsvRecordError extends Error {
  readonly code: 'CSV_QUOTE_NOT_CLOSED' | 'CSV_MAX_RECORD_SIZE';
  /** The line of the text where the error was found (1-based). */
  readonly lines: number;

  constructor(code: 'CSV_QUOTE_NOT_CLOSED' | 'CSV_MAX_RECORD_SIZE', lines: number, message: string) {
    super(message);
    this.name = 'CsvRecordError';
    this.code = code;
    this.lines = lines;
  }
}

const QUOTE = 34; // '"'
const NEWLINE = 10; // '\n'

/** UTF-8 bytes of a text (what csv-parse counts the current field in). */
function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export class CsvRecordSplitter {
  readonly #delimiter: string;
  readonly #delimiterCode: number;
  readonly #maxRecordSize: number;
  /** Text held back for the next piece: a '"' inside quotes whose next character decides what it is. */
  #leftover = '';
  /** A record being read by the slow path (undefined at the start of a record). */
  #record: string[] | undefined;
  #field = '';
  /** The content of the record's fields before the current one, in UTF-16 units. */
  #recordLength = 0;
  #quoting = false;
  #wasQuoting = false;
  /** Line ends passed so far: the current line is this plus one. */
  #lineEnds = 0;

  constructor(delimiter: string, maxRecordSize: number) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n') throw new Error(`CsvRecordSplitter: unsupported delimiter ${JSON.stringify(delimiter)}`);
    this.#delimiter = delimiter;
    this.#delimiterCode = delimiter.charCodeAt(0);
    this.#maxRecordSize = maxRecordSize;
  }

  /** Lines of the text each record of the last push or end spans (1, or more with quoted line breaks). */
  #spans: number[] = [];
  /** Line ends passed when the current record started. */
  #recordLineEnds = 0;

  /**
   * Splits the next piece of text: every record it completes is appended to `records`, in order,
   * also when it then throws (the records before the error stay there for the caller). When
   * `spans` is given, the number of lines of the text each record spans is appended to it.
   */
  push(text: string, records: string[][], spans?: number[]): void {
    const buffer = this.#leftover === '' ? text : this.#leftover + text;
    this.#leftover = '';
    this.#spans = spans ?? [];
    this.#run(buffer, false, records);
  }

  /** The end of the text: the last record, if it has anything, is appended to `records` (its span to `spans`). */
  end(records: string[][], spans?: number[]): void {
    const buffer = this.#leftover;
    this.#leftover = '';
    this.#spans = spans ?? [];
    this.#run(buffer, true, records);
    if (this.#quoting) {
      throw new CsvRecordError('CSV_QUOTE_NOT_CLOSED', this.#lineEnds + 1, `Quote Not Closed: the parsing is finished with an opening quote at line ${this.#lineEnds + 1}`);
    }
    if (this.#record !== undefined && (this.#wasQuoting || this.#record.length !== 0 || this.#field !== '')) {
      this.#endField();
      records.push(this.#record);
      this.#spans.push(this.#lineEnds - this.#recordLineEnds + 1);
    }
    this.#record = undefined;
  }

  #run(buffer: string, final: boolean, records: string[][]): void {
    const length = buffer.length;
    const delimiter = this.#delimiter;
    // A line this short cannot hold too much content, whatever its characters.
    const shortLine = Math.floor((this.#maxRecordSize + 1) / 3);
    let at = 0;
    let nextQuote = -2;
    while (at < length) {
      if (this.#record === undefined) {
        const newline = buffer.indexOf('\n', at);
        if (newline === -1) {
          // The start of a record the next piece ends: read it into the state, so that a long
          // one is never scanned again.
          this.#startRecord();
        } else {
          if (nextQuote < at && nextQuote !== -1) nextQuote = buffer.indexOf('"', at);
          if ((nextQuote === -1 || nextQuote > newline) && newline - at <= shortLine) {
            records.push(buffer.slice(at, newline).split(delimiter));
            this.#spans.push(1);
            this.#lineEnds += 1;
            at = newline + 1;
            continue;
          }
          this.#startRecord();
        }
      }
      at = this.#slow(buffer, at, final, records);
      if (at < 0) return;
    }
  }

  /**
   * The character rules, from `at` until the record ends (returns where the next one starts)
   * or the text does (returns -1; the state waits for the next piece).
   */
  #slow(buffer: string, start: number, final: boolean, records: string[][]): number {
    const length = buffer.length;
    const delimiterCode = this.#delimiterCode;
    let at = start;
    while (at < length) {
      if (this.#quoting) {
        const quote = buffer.indexOf('"', at);
        if (quote === -1) {
          this.#append(buffer.slice(at));
          this.#countLineEnds(buffer, at, length);
          return -1;
        }
        if (quote > at) {
          this.#append(buffer.slice(at, quote));
          this.#countLineEnds(buffer, at, quote);
        }
        if (quote + 1 >= length && !final) {
          // Whether this quote closes the field or escapes another depends on what comes next.
          this.#leftover = '"';
          return -1;
        }
        const next = quote + 1 < length ? buffer.charCodeAt(quote + 1) : -1;
        if (next === QUOTE) {
          this.#append('"');
          at = quote + 2;
        } else if (next === -1 || next === delimiterCode || next === NEWLINE) {
          this.#quoting = false;
          this.#wasQuoting = true;
          at = quote + 1;
        } else {
          // relax_quotes: not a closing quote after all; csv-parse puts one back in front.
          this.#quoting = false;
          this.#wasQuoting = true;
          this.#field = `"${this.#field}`;
          this.#append('"');
          at = quote + 1;
        }
        continue;
      }
      const code = buffer.charCodeAt(at);
      if (code === NEWLINE) {
        this.#endField();
        records.push(this.#record as string[]);
        this.#record = undefined;
        this.#lineEnds += 1;
        this.#spans.push(this.#lineEnds - this.#recordLineEnds);
        return at + 1;
      }
      if (code === delimiterCode) {
        this.#endField();
        at += 1;
        continue;
      }
      if (code === QUOTE && this.#field === '') {
        this.#quoting = true;
        at += 1;
        continue;
      }
      // A run of plain text: up to the next delimiter, line end or quote (a quote inside an
      // unquoted field is text, but the run stops there to keep the rule above simple).
      let end = at + 1;
      while (end < length) {
        const c = buffer.charCodeAt(end);
        if (c === delimiterCode || c === NEWLINE || c === QUOTE) break;
        end += 1;
      }
      this.#append(buffer.slice(at, end));
      at = end;
    }
    return -1;
  }

  /** Adds text to the current field, refusing it as csv-parse does when the record grows too long. */
  #append(text: string): void {
    const field = this.#field + text;
    if (this.#recordLength + 3 * field.length > this.#maxRecordSize + 1 && this.#recordLength + utf8Length(field) - 1 > this.#maxRecordSize) {
      throw new CsvRecordError(
        'CSV_MAX_RECORD_SIZE',
        this.#lineEnds + 1,
        `Max Record Size: record exceed the maximum number of tolerated bytes of ${this.#maxRecordSize} at line ${this.#lineEnds + 1}`,
      );
    }
    this.#field = field;
  }

  #startRecord(): void {
    this.#record = [];
    this.#recordLineEnds = this.#lineEnds;
    this.#field = '';
    this.#recordLength = 0;
    this.#quoting = false;
    this.#wasQuoting = false;
  }

  #endField(): void {
    (this.#record as string[]).push(this.#field);
    this.#recordLength += this.#field.length;
    this.#field = '';
    this.#wasQuoting = false;
  }

  #countLineEnds(buffer: string, from: number, to: number): void {
    for (let at = buffer.indexOf('\n', from); at !== -1 && at < to; at = buffer.indexOf('\n', at + 1)) this.#lineEnds += 1;
  }
}
