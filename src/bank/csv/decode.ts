import { Transform, type TransformCallback } from 'node:stream';

/**
 * Bank CSV exports come as UTF-8 (with or without a byte order mark) or as ISO-8859-1 /
 * Windows-1252. The bytes say which:
 * - a UTF-8 byte order mark (EF BB BF) means UTF-8; it is dropped;
 * - a UTF-16 byte order mark is refused (a spreadsheet's "Unicode text", not a bank export);
 * - otherwise, as long as every byte is ASCII both readings agree and nothing needs deciding;
 *   at the first byte above 0x7F the rest of that chunk (64 KiB when read from a file) is tried
 *   as UTF-8: valid UTF-8 means UTF-8, anything else means ISO-8859-1. Text in ISO-8859-1 that
 *   happens to be valid UTF-8 needs two or three accented characters in a row in a pattern no
 *   Belgian name or address has ("Ã©"), so the test does not misjudge a real statement.
 * ISO-8859-1 is decoded as Windows-1252, as every browser does for that label: the two agree on
 * every printable character and Windows-1252 also has "€", "‘" and "’" where ISO-8859-1 has
 * unused control codes, which is what Windows machines export under either name.
 * A file that turns out not to be UTF-8 after an accented character was read as UTF-8 mixes two
 * encodings and is refused with the line, as is a NUL byte anywhere (binary data).
 *
 * The decoded text also has its line ends made "\n" ("\r\n" and KBC's lone "\r" alike), so that
 * the CSV parser counts lines the same way for every bank, inside quoted fields too.
 */
export type EncodingChoice = 'auto' | 'utf-8' | 'latin1';

/** What a file was decoded as; ISO-8859-1 files are decoded as Windows-1252 (see above). */
export type TextEncoding = 'utf-8' | 'windows-1252';

/** Why the bytes are not bank statement text, and on which line of the file. */
export class BankTextDecodeError extends Error {
  readonly line: number;
  readonly hint: string;

  constructor(line: number, message: string, hint: string) {
    super(message);
    this.name = 'BankTextDecodeError';
    this.line = line;
    this.hint = hint;
  }
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** The characters where Windows-1252 and ISO-8859-1 differ, as ISO-8859-1 reads their bytes. */
const WINDOWS_1252_ONLY = /[\x80-\x9f]/;
const EXPORT_AGAIN = 'Export the statement again from the bank as CSV, or save it as "CSV UTF-8", and import it again.';

function startsWith(bytes: Buffer, prefix: Buffer | readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, index) => bytes[index] === byte);
}

/** What a file that starts with these bytes is not, when it is clearly not CSV text. */
export function binaryProblem(head: Buffer): string | undefined {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    return 'is UTF-16 text (it starts with a UTF-16 byte order mark), not a bank CSV export in UTF-8 or ISO-8859-1';
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'is a spreadsheet or a ZIP archive (XLSX), not a CSV text file';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'is a PDF document, not a CSV text file';
  if (head.includes(0)) return 'holds binary data (NUL bytes), not CSV text';
  return undefined;
}

/** The encoding of a whole small text or of the first bytes of a file, by the rules above. */
export function sniffEncoding(head: Buffer): { encoding: TextEncoding; bom: boolean } {
  if (startsWith(head, UTF8_BOM)) return { encoding: 'utf-8', bom: true };
  return { encoding: isUtf8(head, false) ? 'utf-8' : 'windows-1252', bom: false };
}

/** True when the bytes are UTF-8; when not final, a sequence cut at the end is not held against them. */
function isUtf8(bytes: Buffer, final: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes the first bytes of a file for a look at its header (format detection): never fails,
 * drops a UTF-8 byte order mark, leaves a character cut at the end out.
 */
export function decodeHead(head: Buffer, choice: EncodingChoice = 'auto'): string {
  const { encoding, bom } = sniffEncoding(head);
  const chosen: TextEncoding = choice === 'auto' ? encoding : choice === 'utf-8' ? 'utf-8' : 'windows-1252';
  const bytes = bom && chosen === 'utf-8' ? head.subarray(UTF8_BOM.length) : head;
  return new TextDecoder(chosen, { ignoreBOM: true }).decode(bytes, { stream: true });
}

/** How many bytes the UTF-8 sequence led by this byte has (1 when it is no valid lead byte). */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 1;
}

function firstNonAscii(bytes: Buffer): number {
  for (let index = 0; index < bytes.length; index += 1) if ((bytes[index] ?? 0) > 0x7f) return index;
  return -1;
}

function countLineEnds(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** How many "\n" a text has (once every line end is one). */
function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/**
 * A stream from the bytes of a bank CSV file to its text (as UTF-8 bytes, "\n" line ends).
 * `encoding` tells what it was decoded as once that is known (undefined while all is ASCII).
 */
export class BankTextDecoder extends Transform {
  readonly #choice: EncodingChoice;
  #decoder: TextDecoder | undefined;
  #encoding: TextEncoding | undefined;
  #pending: Buffer = Buffer.alloc(0);
  #started = false;
  #afterCarriageReturn = false;
  /** Line ends passed on so far: the line being decoded is this plus one. */
  #lineEnds = 0;
  /** Where #emit puts the text of the chunk being decoded. */
  #out: string[] = [];

  constructor(choice: EncodingChoice = 'auto') {
    super();
    this.#choice = choice;
  }

  get encoding(): TextEncoding | undefined {
    return this.#encoding;
  }

  /**
   * Decodes the next bytes of the file (`final`: the end of it, with an empty chunk) without a
   * stream: the text, with "\n" line ends, is appended to `pieces`. Throws BankTextDecodeError;
   * `pieces` then holds the text decoded before the problem.
   */
  decodeInto(chunk: Buffer, final: boolean, pieces: string[]): void {
    this.#out = pieces;
    try {
      this.#accept(chunk, final);
    } finally {
      this.#out = [];
    }
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#transform(chunk, false, callback);
  }

  override _flush(callback: TransformCallback): void {
    this.#transform(Buffer.alloc(0), true, callback);
  }

  #transform(chunk: Buffer, final: boolean, callback: TransformCallback): void {
    const pieces: string[] = [];
    try {
      this.decodeInto(chunk, final, pieces);
    } catch (error) {
      callback(error as Error);
      return;
    }
    for (const piece of pieces) this.push(piece, 'utf8');
    callback();
  }

  #decide(encoding: TextEncoding): void {
    this.#encoding = encoding;
    this.#decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: true });
  }

  #accept(chunk: Buffer, final: boolean): void {
    let bytes = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    this.#pending = Buffer.alloc(0);
    if (!this.#started) {
      // The byte order mark needs three bytes to be seen.
      if (bytes.length < UTF8_BOM.length && !final) {
        this.#pending = bytes;
        return;
      }
      this.#started = true;
      const binary = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) ? binaryProblem(bytes) : undefined;
      if (binary !== undefined) throw new BankTextDecodeError(1, `the file ${binary}`, EXPORT_AGAIN);
      if (startsWith(bytes, UTF8_BOM)) {
        if (this.#choice === 'latin1') {
          throw new BankTextDecodeError(1, 'the file starts with a UTF-8 byte order mark, but its mapping says "encoding": "latin1"', 'Set "encoding" to "utf-8" or "auto" in the mapping file.');
        }
        bytes = bytes.subarray(UTF8_BOM.length);
        this.#decide('utf-8');
      } else if (this.#choice === 'utf-8') {
        this.#decide('utf-8');
      } else if (this.#choice === 'latin1') {
        this.#decide('windows-1252');
      }
    }
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      const line = this.#lineEnds + countLineEnds(bytes.subarray(0, nul).toString('latin1')) + 1;
      throw new BankTextDecodeError(line, 'the file holds binary data (a NUL byte), not CSV text', EXPORT_AGAIN);
    }
    if (this.#decoder === undefined) {
      const index = firstNonAscii(bytes);
      if (index === -1) {
        this.#emit(bytes.toString('latin1'));
        return;
      }
      if (index > 0) this.#emit(bytes.subarray(0, index).toString('latin1'));
      bytes = bytes.subarray(index);
      // Wait for the whole of the first non-ASCII character before judging.
      if (bytes.length < sequenceLength(bytes[0] ?? 0) && !final) {
        this.#pending = bytes;
        return;
      }
      this.#decide(isUtf8(bytes, final) ? 'utf-8' : 'windows-1252');
    }
    this.#emit(this.#decode(bytes, final));
  }

  #decode(bytes: Buffer, final: boolean): string {
    if (this.#encoding === 'windows-1252') {
      // Windows-1252 is ISO-8859-1 but for 0x80-0x9F: read as the latter (much quicker) when
      // none of those bytes is there. One byte is one character: no state between chunks.
      const text = bytes.toString('latin1');
      if (!WINDOWS_1252_ONLY.test(text)) return text;
    }
    const decoder = this.#decoder as TextDecoder;
    try {
      // Windows-1252 always in stream mode: it keeps no state between chunks, and Node 20.18.3 and
      // later decode 0x80-0x9F as ISO-8859-1 outside it (nodejs/node#60888: "€" would be lost).
      return decoder.decode(bytes, { stream: !final || this.#encoding === 'windows-1252' });
    } catch {
      const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      const bad = lenient.indexOf('\uFFFD');
      const line = this.#lineEnds + countLineEnds(bad === -1 ? lenient : lenient.slice(0, bad)) + 1;
      const mixed = this.#choice === 'utf-8'
        ? 'this line is not valid UTF-8, as the mapping\'s "encoding": "utf-8" says the file is'
        : 'this line is not valid UTF-8 although the lines before it are: the file mixes two encodings';
      const hint = this.#choice === 'utf-8' ? 'Set "encoding" to "auto" or "latin1" in the mapping file.' : EXPORT_AGAIN;
      throw new BankTextDecodeError(line, mixed, hint);
    }
  }

  #emit(text: string): void {
    if (text === '') return;
    // A "\r\n" cut between two chunks is one line end: the "\r" was passed on as "\n".
    let out = this.#afterCarriageReturn && text.startsWith('\n') ? text.slice(1) : text;
    this.#afterCarriageReturn = text.endsWith('\r');
    if (out === '') return;
    if (out.includes('\r')) out = out.replaceAll('\r\n', '\n').replaceAll('\r', '\n');
    this.#lineEnds += countNewlines(out);
    this.#out.push(out);
  }
}

export function createDecodeStream(choice: EncodingChoice = 'auto'): BankTextDecoder {
  return new BankTextDecoder(choice);
}
