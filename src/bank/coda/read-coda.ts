import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { type IsoDate, parseIsoDate } from '../../calendar/dates.js';
import { mod97, mod97NotZero, twoDigits } from '../../identifiers/mod97.js';
import { type Cents, formatCents } from '../../money/index.js';
import type { BankLine, BankLineProblem } from '../bank-line.js';
import { type Parsed, collectProblem, readFailure, rejection, shown, uniqueReferences } from '../reader-problems.js';

/**
 * CODA (Febelfin "gecodeerde berichtgeving / extraits de compte codés", version 2) reader.
 * A CODA file is lines of 128 characters; the first one or two characters say what a record is:
 *
 *   0   header: creation date (6-11, DDMMYY), bank BIC (61-71), duplicate flag (17 = "D"),
 *       version (128 = "2")
 *   1   old balance: account structure (2), account and currency (6-42), sign (43, 0 = credit),
 *       balance (44-58, 15 digits with 3 decimals), date (59-64)
 *   21  movement: sequence (3-6), detail (7-10), bank reference (11-31), sign (32), amount
 *       (33-47), value date (48-53), transaction code (54-61, type at 54), communication type
 *       (62, 1 = structured), communication (63-115: "101"/"102" + 12 digits when structured),
 *       entry (booking) date (116-121)
 *   22  communication continued (11-63), customer reference (64-98), counterparty BIC (99-109)
 *   23  counterparty account (11-47: IBAN and currency; an old Belgian account number becomes
 *       its IBAN when its check digits are right), name (48-82), communication (83-125)
 *   31/32/33 information (the counterparty's address and other details), 4 free message:
 *       checked for their place in the file, not mapped
 *   8   new balance: account (5-41), sign (42), balance (43-57), date (58-63)
 *   9   trailer: number of records 1, 2, 3 and 8 (17-22), sum of debits (23-37) and of
 *       credits (38-52) of the movements with detail number 0000
 *
 * How movements become bank lines: movements are grouped by sequence number. The movement with
 * detail 0000 is what was booked (it alone counts in the balances and the trailer's totals).
 * When it is money in and a batch (a globalisation) whose details (21 records with detail 0001,
 * 0002...) add up exactly to it, each detail becomes a BankLine, so each payer's payment can
 * find its invoice. Otherwise the movement itself is the one BankLine: in particular money out
 * stays one line, as the co-op's own payout batch is one order booked as one debit and is
 * recognised by its total. `sourceLine` is the line of the 21 record.
 *
 * Checked strictly: the length of every record (trailing spaces beyond 128 and CRLF are fine),
 * the order of the records, every amount (digits only, a non-zero third decimal is a problem:
 * BankLine amounts are whole cents), signs and dates, old balance + movements = new balance,
 * and the trailer's count and totals. A structured communication is kept as its twelve digits
 * of text whether or not its check digits are right: matching validates it.
 *
 * The statement's account is the IBAN of record 1 (structure 2 or 3), or the IBAN of a Belgian
 * account number (structure 0) whose check digits are right; else null. The bank reference
 * (11-31) is the line's reference, with "#1", "#2"... when it repeats within a statement.
 * The file's bytes are read as UTF-8 where they are valid UTF-8, else as Latin-1 (Windows-1252).
 */

export interface CodaBalance {
  readonly amountCents: Cents;
  readonly date: IsoDate;
  readonly sourceLine: number;
}

export interface CodaStatement {
  /** The line of the old balance (record 1). */
  readonly sourceLine: number;
  /** The creation date of the file part (record 0). */
  readonly createdOn: IsoDate;
  readonly bankBic: string | null;
  /** The bank marked the file as a duplicate of one sent before. */
  readonly duplicate: boolean;
  /** The statement's own account (IBAN, electronic form) when known. */
  readonly account: string | null;
  /** The account as written in record 1 (trimmed). */
  readonly accountNumber: string;
  readonly currency: string;
  /** The paper statement number (record 1, 3-5). */
  readonly statementNumber: string;
  readonly openingBalance: CodaBalance;
  readonly closingBalance: CodaBalance;
  readonly lines: readonly BankLine[];
}

export interface CodaReadOptions {
  /** How many bytes are read at a time (tests use small chunks to prove the streaming). */
  readonly chunkBytes?: number;
}

/** What to do when the file is rejected. */
const STATEMENT_HINT = 'Nothing was imported. Download the CODA file again from the bank (do not open and save it in an editor), then import it again.';
/** Which file to give instead of a folder. */
const FOLDER_HINT = 'Give the path of the CODA (.cod) file.';

/**
 * The bank lines of a CODA file, streamed. Lines are yielded statement by statement once the
 * statement's trailer has been read and its balances checked. Any problem anywhere in the file
 * makes the generator throw an invalid-input SmartError at the end, listing every problem with
 * its line: callers write nothing until the generator has finished.
 */
export async function* readCoda(path: string, options: CodaReadOptions = {}): AsyncGenerator<BankLine> {
  for await (const statement of readCodaStatements(path, options)) yield* statement.lines;
}

/** The statements of a CODA file with their balances and lines (see readCoda). */
export async function* readCodaStatements(path: string, options: CodaReadOptions = {}): AsyncGenerator<CodaStatement> {
  const file = basename(path);
  const reader = new CodaReader();
  try {
    for await (const { number, text } of fileLines(path, options.chunkBytes ?? 64 * 1024)) {
      reader.record(number, text);
      while (reader.ready.length > 0) {
        const statement = reader.ready.shift();
        if (statement !== undefined && reader.problems.length === 0) yield statement;
      }
    }
    reader.finish();
  } catch (error) {
    if (!(error instanceof CodaStop)) throw error;
    reader.problems.push({ line: error.line, message: error.message });
  }
  if (reader.problems.length === 0) {
    for (const statement of reader.ready) yield statement;
    return;
  }
  throw rejection(file, reader.problems, STATEMENT_HINT);
}

/** A problem after which the rest of the file cannot be read meaningfully. */
class CodaStop extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.name = 'CodaStop';
    this.line = line;
  }
}


// ---------------------------------------------------------------------------------------------
// Lines of the file

const RECORD_LENGTH = 128;
/** Far longer than any record with trailing spaces: the file is not CODA. */
const MAX_LINE_BYTES = 4096;

async function* fileLines(path: string, chunkBytes: number): AsyncGenerator<{ number: number; text: string }> {
  const stream = createReadStream(path, { highWaterMark: Math.max(1, chunkBytes) });
  let pending: Buffer = Buffer.alloc(0);
  let number = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let start = 0;
      let newline = pending.indexOf(0x0a, start);
      while (newline !== -1) {
        number += 1;
        yield { number, text: decodeLine(pending.subarray(start, newline), number) };
        start = newline + 1;
        newline = pending.indexOf(0x0a, start);
      }
      pending = pending.subarray(start);
      if (pending.length > MAX_LINE_BYTES) {
        throw new CodaStop(number + 1, `line ${number + 1} is far longer than a CODA record of ${RECORD_LENGTH} characters: this is not a CODA file`);
      }
    }
  } catch (error) {
    throw readFailure(path, error, FOLDER_HINT);
  } finally {
    stream.destroy();
  }
  if (pending.length > 0) yield { number: number + 1, text: decodeLine(pending, number + 1) };
}


const UTF8 = new TextDecoder('utf-8', { fatal: true });
const LATIN1 = new TextDecoder('windows-1252');

function decodeLine(bytes: Buffer, number: number): string {
  let line = bytes;
  if (line.at(-1) === 0x0d) line = line.subarray(0, -1);
  if (number === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
  try {
    return UTF8.decode(line);
  } catch {
    return LATIN1.decode(line);
  }
}

// ---------------------------------------------------------------------------------------------
// Fields


/** The characters from `from` to `to`, 1-based and inclusive as the Febelfin spec counts them. */
function field(record: string, from: number, to: number): string {
  return record.slice(from - 1, to);
}


/** 15 digits with 3 decimals, signed by a sign code (0 credit, 1 debit), as whole cents. */
function parseAmount(signCode: string, digits: string, what: string): Parsed<Cents> {
  if (!/^\d{15}$/.test(digits)) return { ok: false, problem: `the ${what} "${shown(digits)}" is not an amount of 15 digits (3 of them decimals)` };
  if (!digits.endsWith('0')) {
    return { ok: false, problem: `the ${what} ${digits.slice(0, 12).replace(/^0+(?=\d)/, '')}.${digits.slice(12)} has a third decimal: it is not a whole number of cents` };
  }
  if (signCode !== '0' && signCode !== '1') return { ok: false, problem: `the sign code "${shown(signCode)}" of the ${what} is neither 0 (credit) nor 1 (debit)` };
  const cents = Number(digits.slice(0, 14));
  return { ok: true, value: signCode === '1' ? -cents : cents };
}

/** DDMMYY as an ISO date (years 2000-2099). */
function parseDate(text: string, what: string): Parsed<IsoDate> {
  const match = /^(\d\d)(\d\d)(\d\d)$/.exec(text);
  const date = match === null ? undefined : parseIsoDate(`20${match[3] ?? ''}-${match[2] ?? ''}-${match[1] ?? ''}`);
  return date === undefined ? { ok: false, problem: `the ${what} "${shown(text)}" is not a date written DDMMYY` } : { ok: true, value: date };
}

function blankToNull(text: string): string | null {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
}

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/;

/** The IBAN of a Belgian account number (12 digits) whose own check digits are right. */
function belgianIban(number: string): string | null {
  if (!/^\d{12}$/.test(number) || mod97NotZero(number.slice(0, 10)) !== Number(number.slice(10))) return null;
  // ISO 13616: check digits = 98 - (BBAN + "BE00" with letters as numbers) mod 97; B = 11, E = 14.
  return `BE${twoDigits(98 - mod97(`${number}111400`))}${number}`;
}

interface Account {
  readonly iban: string | null;
  readonly number: string;
  readonly currency: string;
}

/** The account zone of record 1 (6-42), by its structure code (position 2). */
function parseAccount(structure: string, zone: string): Parsed<Account> {
  let number: string;
  let currency: string;
  let iban: string | null;
  switch (structure) {
    case '0':
      number = zone.slice(0, 12);
      currency = zone.slice(13, 16);
      iban = belgianIban(number);
      break;
    case '1':
    case '2':
    case '3':
      number = zone.slice(0, 34).trim();
      currency = zone.slice(34, 37);
      iban = structure !== '1' && IBAN_SHAPE.test(number) ? number : null;
      break;
    default:
      return { ok: false, problem: `the account structure code "${shown(structure)}" is not 0, 1, 2 or 3` };
  }
  if (!/^[A-Z]{3}$/.test(currency)) return { ok: false, problem: `the account currency "${shown(currency)}" is not a three-letter code such as EUR` };
  return { ok: true, value: { iban, number: number.trim(), currency } };
}

// ---------------------------------------------------------------------------------------------
// The reader

interface Movement {
  readonly line: number;
  readonly sequence: string;
  readonly detail: string;
  readonly reference: string;
  readonly amountCents: Cents | undefined;
  readonly valueDate: IsoDate | null;
  readonly bookingDate: IsoDate | undefined;
  readonly structured: boolean;
  readonly communication21: string;
  communication22: string;
  communication23: string;
  counterpartyIban: string | null;
  counterpartyName: string | null;
  /** The last record of the movement read so far: 1, 2 or 3 (for 21, 22, 23). */
  part: number;
}

interface Header {
  readonly line: number;
  readonly createdOn: IsoDate | undefined;
  readonly bankBic: string | null;
  readonly duplicate: boolean;
}

interface StatementInProgress {
  readonly header: Header;
  readonly line: number;
  readonly accountZone: string;
  readonly account: Account | undefined;
  readonly statementNumber: string;
  readonly opening: CodaBalance | undefined;
  readonly movements: Movement[];
  closing?: CodaBalance | undefined;
  closingLine?: number;
  readonly problemsAtStart: number;
  /** Records 1, 2, 3 and 8 read, and records 4, for the trailer's count. */
  counted: number;
  freeMessages: number;
}

type State = 'start' | 'header' | 'open' | 'closed' | 'ended';

class CodaReader {
  readonly problems: BankLineProblem[] = [];
  readonly ready: CodaStatement[] = [];
  private state: State = 'start';
  private header: Header | undefined;
  private statement: StatementInProgress | undefined;
  private movement: Movement | undefined;
  private lastLine = 0;
  private anyRecord = false;

  record(number: number, raw: string): void {
    this.lastLine = number;
    if (raw.trim() === '') return;
    const record = raw.length > RECORD_LENGTH && raw.slice(RECORD_LENGTH).trim() === '' ? raw.slice(0, RECORD_LENGTH) : raw;
    const first = !this.anyRecord;
    this.anyRecord = true;
    if (first && !record.startsWith('0')) {
      throw new CodaStop(number, 'the first record is not a CODA header (record 0): this is not a CODA file');
    }
    if (record.length !== RECORD_LENGTH) {
      const message = `the record has ${record.length} characters, a CODA record has ${RECORD_LENGTH}`;
      if (first) throw new CodaStop(number, `${message}: this is not a CODA file`);
      this.problem(number, message);
      return;
    }
    switch (record[0]) {
      case '0':
        this.headerRecord(number, record);
        break;
      case '1':
        this.oldBalance(number, record);
        break;
      case '2':
        this.movementRecord(number, record);
        break;
      case '3':
        this.informationRecord(number, record);
        break;
      case '4':
        if (this.expect(number, ['open', 'closed'], 'a free message (record 4)') && this.statement !== undefined) this.statement.freeMessages += 1;
        break;
      case '8':
        this.newBalance(number, record);
        break;
      case '9':
        this.trailer(number, record);
        break;
      default:
        this.problem(number, `"${shown(record[0] ?? '')}" is not a CODA record type (0, 1, 2, 3, 4, 8 or 9)`);
    }
  }

  finish(): void {
    if (!this.anyRecord) throw new CodaStop(1, 'the file is empty');
    if (this.state !== 'ended') {
      this.problem(this.lastLine, 'the file ends before its trailer (record 9): it is cut short');
    }
  }

  private problem(line: number, message: string): void {
    collectProblem(this.problems, line, message);
  }

  /** Whether a record may come now; a problem when it may not. */
  private expect(line: number, states: readonly State[], what: string): boolean {
    if (states.includes(this.state)) return true;
    const where: Record<State, string> = {
      start: 'before the header (record 0)',
      header: 'before the old balance (record 1)',
      open: 'inside a statement, before its new balance (record 8)',
      closed: 'after the new balance (record 8)',
      ended: 'after the trailer (record 9)',
    };
    this.problem(line, `${what} cannot come ${where[this.state]}`);
    return false;
  }

  private headerRecord(line: number, record: string): void {
    if (!this.expect(line, ['start', 'ended'], 'a header (record 0)')) return;
    const version = field(record, 128, 128);
    if (version !== '2') {
      throw new CodaStop(line, `this is CODA version "${shown(version)}": only CODA 2 is read, ask the bank for CODA version 2`);
    }
    const created = parseDate(field(record, 6, 11), 'creation date');
    if (!created.ok) this.problem(line, created.problem);
    this.header = {
      line,
      createdOn: created.ok ? created.value : undefined,
      bankBic: blankToNull(field(record, 61, 71)),
      duplicate: field(record, 17, 17) === 'D',
    };
    this.state = 'header';
  }

  private oldBalance(line: number, record: string): void {
    if (!this.expect(line, ['header'], 'an old balance (record 1)') || this.header === undefined) return;
    const problemsAtStart = this.problems.length;
    const account = parseAccount(field(record, 2, 2), field(record, 6, 42));
    if (!account.ok) this.problem(line, account.problem);
    const amount = parseAmount(field(record, 43, 43), field(record, 44, 58), 'old balance');
    if (!amount.ok) this.problem(line, amount.problem);
    const date = parseDate(field(record, 59, 64), 'old balance date');
    if (!date.ok) this.problem(line, date.problem);
    this.statement = {
      header: this.header,
      line,
      accountZone: field(record, 6, 42),
      account: account.ok ? account.value : undefined,
      statementNumber: field(record, 3, 5),
      opening: amount.ok && date.ok ? { amountCents: amount.value, date: date.value, sourceLine: line } : undefined,
      movements: [],
      problemsAtStart,
      counted: 1,
      freeMessages: 0,
    };
    this.movement = undefined;
    this.state = 'open';
  }

  private movementRecord(line: number, record: string): void {
    if (!this.expect(line, ['open'], 'a movement (record 2)') || this.statement === undefined) return;
    this.statement.counted += 1;
    const part = field(record, 2, 2);
    const sequence = field(record, 3, 6);
    const detail = field(record, 7, 10);
    if (!/^\d{4}$/.test(sequence) || !/^\d{4}$/.test(detail)) {
      this.problem(line, `the sequence and detail numbers "${shown(field(record, 3, 10))}" are not eight digits`);
      return;
    }
    if (part === '1') {
      this.movement = this.newMovement(line, record, sequence, detail);
      this.statement.movements.push(this.movement);
      return;
    }
    if (part !== '2' && part !== '3') {
      this.problem(line, `"2${shown(part)}" is not a CODA movement record (21, 22 or 23)`);
      return;
    }
    const movement = this.movement;
    const number = Number(part);
    if (movement === undefined || movement.sequence !== sequence || movement.detail !== detail || movement.part >= number) {
      this.problem(line, `a record 2${part} that does not follow its movement's record 21 (sequence ${sequence}, detail ${detail})`);
      return;
    }
    movement.part = number;
    if (part === '2') {
      movement.communication22 = field(record, 11, 63);
    } else {
      const account = field(record, 11, 44).trim().replace(/\s+/g, '').toUpperCase();
      movement.counterpartyIban = IBAN_SHAPE.test(account) ? account : belgianIban(account);
      movement.counterpartyName = blankToNull(field(record, 48, 82));
      movement.communication23 = field(record, 83, 125);
    }
  }

  private newMovement(line: number, record: string, sequence: string, detail: string): Movement {
    const amount = parseAmount(field(record, 32, 32), field(record, 33, 47), 'amount');
    if (!amount.ok) this.problem(line, amount.problem);
    const valueText = field(record, 48, 53);
    const value = valueText === '000000' ? ({ ok: true, value: null } as const) : parseDate(valueText, 'value date');
    if (!value.ok) this.problem(line, value.problem);
    const booking = parseDate(field(record, 116, 121), 'entry date');
    const structured = field(record, 62, 62) === '1';
    if (!structured && field(record, 62, 62) !== '0') {
      this.problem(line, `the communication type "${shown(field(record, 62, 62))}" is neither 0 (free) nor 1 (structured)`);
    }
    return {
      line,
      sequence,
      detail,
      reference: field(record, 11, 31).trim(),
      amountCents: amount.ok ? amount.value : undefined,
      valueDate: value.ok ? value.value : null,
      bookingDate: booking.ok ? booking.value : undefined,
      structured,
      communication21: field(record, 63, 115),
      communication22: '',
      communication23: '',
      counterpartyIban: null,
      counterpartyName: null,
      part: 1,
    };
  }

  private informationRecord(line: number, record: string): void {
    if (!this.expect(line, ['open'], 'an information record (record 3)') || this.statement === undefined) return;
    this.statement.counted += 1;
    const part = field(record, 2, 2);
    if (part !== '1' && part !== '2' && part !== '3') {
      this.problem(line, `"3${shown(part)}" is not a CODA information record (31, 32 or 33)`);
    } else if (this.statement.movements.length === 0) {
      this.problem(line, 'an information record (record 3) before any movement');
    }
  }

  private newBalance(line: number, record: string): void {
    if (!this.expect(line, ['open'], 'a new balance (record 8)') || this.statement === undefined) return;
    const statement = this.statement;
    statement.counted += 1;
    this.state = 'closed';
    if (field(record, 5, 41) !== statement.accountZone) {
      this.problem(line, `the new balance is for another account than the old balance (line ${statement.line})`);
    }
    const amount = parseAmount(field(record, 42, 42), field(record, 43, 57), 'new balance');
    if (!amount.ok) this.problem(line, amount.problem);
    const date = parseDate(field(record, 58, 63), 'new balance date');
    if (!date.ok) this.problem(line, date.problem);
    statement.closingLine = line;
    if (amount.ok && date.ok) statement.closing = { amountCents: amount.value, date: date.value, sourceLine: line };
  }

  private trailer(line: number, record: string): void {
    if (!this.expect(line, ['closed'], 'a trailer (record 9)')) {
      this.state = 'ended';
      this.statement = undefined;
      return;
    }
    this.state = 'ended';
    const statement = this.statement;
    this.statement = undefined;
    if (statement === undefined) return;
    const healthy = this.problems.length === statement.problemsAtStart;
    const main = statement.movements.filter((movement) => movement.detail === '0000');
    const count = field(record, 17, 22);
    if (!/^\d{6}$/.test(count)) this.problem(line, `the number of records "${shown(count)}" is not six digits`);
    else if (Number(count) !== statement.counted && Number(count) !== statement.counted + statement.freeMessages) {
      this.problem(line, `the trailer counts ${Number(count)} records, the file has ${statement.counted}: records are missing or added`);
    }
    if (healthy) {
      const debit = parseAmount('0', field(record, 23, 37), 'total of debits');
      const credit = parseAmount('0', field(record, 38, 52), 'total of credits');
      if (!debit.ok) this.problem(line, debit.problem);
      if (!credit.ok) this.problem(line, credit.problem);
      const debits = -main.reduce((sum, movement) => sum + Math.min(0, movement.amountCents ?? 0), 0);
      const credits = main.reduce((sum, movement) => sum + Math.max(0, movement.amountCents ?? 0), 0);
      if (debit.ok && debit.value !== debits) {
        this.problem(line, `the trailer's total of debits is ${formatCents(debit.value)}, the movements' is ${formatCents(debits)}`);
      }
      if (credit.ok && credit.value !== credits) {
        this.problem(line, `the trailer's total of credits is ${formatCents(credit.value)}, the movements' is ${formatCents(credits)}`);
      }
      this.checkBalances(statement, main);
    }
    const lines = this.bankLines(statement);
    if (this.problems.length > 0 || statement.account === undefined || statement.opening === undefined || statement.closing === undefined) return;
    this.ready.push({
      sourceLine: statement.line,
      createdOn: statement.header.createdOn ?? statement.opening.date,
      bankBic: statement.header.bankBic,
      duplicate: statement.header.duplicate,
      account: statement.account.iban,
      accountNumber: statement.account.number,
      currency: statement.account.currency,
      statementNumber: statement.statementNumber,
      openingBalance: statement.opening,
      closingBalance: statement.closing,
      lines,
    });
  }

  private checkBalances(statement: StatementInProgress, main: readonly Movement[]): void {
    const { opening, closing } = statement;
    if (opening === undefined || closing === undefined) return;
    const moved = main.reduce((sum, movement) => sum + (movement.amountCents ?? 0), 0);
    if (opening.amountCents + moved !== closing.amountCents) {
      this.problem(
        closing.sourceLine,
        `the balances do not add up: the old balance ${formatCents(opening.amountCents)} (line ${opening.sourceLine}) plus the movements ` +
          `${formatCents(moved)} makes ${formatCents(opening.amountCents + moved)}, but the new balance is ${formatCents(closing.amountCents)}`,
      );
    }
  }

  /** The statement's bank lines: each booked movement, or the details of a batch that add up to it. */
  private bankLines(statement: StatementInProgress): BankLine[] {
    const groups = new Map<string, { main: Movement | undefined; details: Movement[] }>();
    for (const movement of statement.movements) {
      const group = groups.get(movement.sequence) ?? { main: undefined, details: [] };
      groups.set(movement.sequence, group);
      if (movement.detail === '0000') {
        if (group.main !== undefined) this.problem(movement.line, `a second movement with sequence ${movement.sequence} and detail 0000`);
        group.main = movement;
      } else {
        group.details.push(movement);
      }
    }
    const chosen: { movement: Movement; bookingFallback: IsoDate | undefined }[] = [];
    for (const [sequence, { main, details }] of groups) {
      if (main === undefined) {
        for (const detail of details) this.problem(detail.line, `a movement detail without its movement (sequence ${sequence}, detail 0000)`);
        continue;
      }
      const detailSum = details.reduce((sum, detail) => sum + (detail.amountCents ?? Number.NaN), 0);
      if (details.length > 0 && main.amountCents !== undefined && main.amountCents > 0 && detailSum === main.amountCents) {
        for (const detail of details) chosen.push({ movement: detail, bookingFallback: main.bookingDate });
      } else {
        chosen.push({ movement: main, bookingFallback: undefined });
      }
    }
    const account = statement.account;
    const lines: BankLine[] = [];
    for (const { movement, bookingFallback } of chosen) {
      const bookingDate = movement.bookingDate ?? bookingFallback;
      if (bookingDate === undefined) {
        this.problem(movement.line, 'the entry date (positions 116-121) is not a date written DDMMYY');
        continue;
      }
      if (movement.amountCents === undefined || account === undefined) continue;
      lines.push({
        sourceLine: movement.line,
        account: account.iban,
        bookingDate,
        valueDate: movement.valueDate,
        amountCents: movement.amountCents,
        currency: account.currency,
        counterpartyName: movement.counterpartyName,
        counterpartyIban: movement.counterpartyIban,
        ...communication(movement),
        bankReference: movement.reference === '' ? null : movement.reference,
      });
    }
    return uniqueReferences(lines);
  }
}

/**
 * The structured communication (type 101 or 102: twelve digits, as written) and the free text.
 * Free text runs on from record 21 into 22 and 23, so the zones are joined as they are.
 */
function communication(movement: Movement): { structuredReference: string | null; communication: string | null } {
  const rest = movement.communication22 + movement.communication23;
  if (movement.structured) {
    const type = movement.communication21.slice(0, 3);
    const digits = movement.communication21.slice(3, 15);
    if ((type === '101' || type === '102') && /^\d{12}$/.test(digits)) {
      return { structuredReference: digits, communication: blankToNull(movement.communication21.slice(15) + rest) };
    }
  }
  return { structuredReference: null, communication: blankToNull(movement.communication21 + rest) };
}

