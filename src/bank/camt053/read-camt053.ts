import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { type IsoDate, parseIsoDate } from '../../calendar/dates.js';
import { type Cents, formatCents } from '../../money/index.js';
import type { BankLine, BankLineProblem } from '../bank-line.js';
import { type Parsed, collectProblem, readFailure, rejection, shown, uniqueReferences } from '../reader-problems.js';
import { type XmlAttribute, type XmlEvents, XmlSyntaxError, XmlTokenizer } from './xml-tokenizer.js';

/**
 * ISO 20022 camt.053 (bank-to-customer statement) reader, for the versions Belgian banks send
 * (.001.02, .001.04, .001.08 and the others in between): elements are matched by local name,
 * so the namespace and its prefix do not matter.
 *
 * How a statement becomes bank lines:
 * - one BankLine per booked entry (`Ntry`); entries whose status is PDNG, INFO or FUTR are not
 *   booked and are skipped (a missing status counts as booked);
 * - an entry that holds several transactions (`NtryDtls/TxDtls`, a batch): when every
 *   transaction has its own amount (`TxDtls/Amt`, else `AmtDtls/TxAmt/Amt`) in the entry's
 *   currency, those amounts must add up to the entry's amount exactly, or the file is rejected.
 *   Money in (CRDT) is then split: one line per transaction, so that each payer's payment can
 *   find its invoice. Money out (DBIT) stays one line: it is one order of the co-op (a payout
 *   batch sent as one pain.001 payment information, booked as one debit), recognised by its
 *   total; its communication is the batch's `PmtInfId` and the texts of its transactions. A
 *   credit batch whose transactions lack amounts also stays one line (no counterparty, no
 *   structured reference: none of them is the reference of the whole amount);
 * - the amount is the entry's `Amt` (its `Ccy` the currency), read as decimal text into whole
 *   cents, never through a float, positive for CRDT and negative for DBIT. More than two
 *   decimals is a problem unless the extra ones are zeros ("8.850" is 8.85);
 * - booking date `BookgDt/Dt` (or the date part of `BookgDt/DtTm`, else the value date);
 *   value date `ValDt`;
 * - the counterparty is the debtor of money in (`RltdPties/Dbtr`, `DbtrAcct/Id/IBAN`) and the
 *   creditor of money out (`Cdtr`, `CdtrAcct`); .08 wraps the party in `Pty`. The other side
 *   is the account owner and is never taken as the counterparty;
 * - `RmtInf/Strd/CdtrRefInf/Ref` is the structured reference when it is twelve digits (Belgian
 *   structured communication, "+++" and "/" allowed); any other creditor reference (an RF
 *   reference, a longer number) joins the free text, as do `RmtInf/Ustrd` (joined with spaces)
 *   and `AddtlRmtInf`. Without remittance information, `AddtlTxInf` then `AddtlNtryInf`;
 * - the bank reference is the entry's `AcctSvcrRef`, else the transaction's `Refs/AcctSvcrRef`,
 *   else its `Refs/EndToEndId` (never "NOTPROVIDED"); a transaction split out of a batch takes
 *   its own `Refs/AcctSvcrRef`, else the entry's with "/n" (its position), else its
 *   EndToEndId. A reference that would repeat within a statement gets "#1", "#2"... in order;
 * - `sourceLine` is the line of the `<Ntry>` (of the `<TxDtls>` for a split batch);
 *   `account` is the statement's `Acct/Id/IBAN`.
 *
 * Money is checked strictly: amounts, credit/debit indicators, currencies, and the statement's
 * balances when it gives them (the opening OPBD, else PRCD, plus the booked lines must make the
 * closing CLBD; balances in two different currencies cannot be compared and are not checked).
 * Missing optional elements are fine.
 */

export interface Camt053Balance {
  readonly amountCents: Cents;
  readonly currency: string;
  readonly date: IsoDate | null;
  /** The line of the balance's amount. */
  readonly sourceLine: number;
}

export interface Camt053Statement {
  /** The line of the `<Stmt>`. */
  readonly sourceLine: number;
  readonly id: string | null;
  /** The statement's own account (IBAN, electronic form) when the file gives an IBAN. */
  readonly account: string | null;
  readonly currency: string | null;
  readonly openingBalance: Camt053Balance | null;
  readonly closingBalance: Camt053Balance | null;
  readonly lines: readonly BankLine[];
}

export interface Camt053ReadOptions {
  /** How many bytes are read at a time (tests use small chunks to prove the streaming). */
  readonly chunkBytes?: number;
}

/** What to do when the file is rejected. */
const STATEMENT_HINT = 'Nothing was imported. Fix the file, or download the statement again from the bank, then import it again.';
/** Which file to give instead of a folder. */
const FOLDER_HINT = 'Give the path of the camt.053 (.xml) file.';

/**
 * The bank lines of a camt.053 file, streamed. Lines are yielded statement by statement once
 * the statement has been read and its balances checked. Any problem anywhere in the file makes
 * the generator throw an invalid-input SmartError at the end, listing every problem with its
 * line: callers keep what they received and write nothing until the generator has finished.
 */
export async function* readCamt053(path: string, options: Camt053ReadOptions = {}): AsyncGenerator<BankLine> {
  for await (const statement of readCamt053Statements(path, options)) yield* statement.lines;
}

/** The statements of a camt.053 file with their balances and lines (see readCamt053). */
export async function* readCamt053Statements(path: string, options: Camt053ReadOptions = {}): AsyncGenerator<Camt053Statement> {
  const file = basename(path);
  const reader = new CamtReader();
  const tokenizer = new XmlTokenizer(reader);
  try {
    for await (const text of decodedChunks(path, options.chunkBytes ?? 64 * 1024)) {
      tokenizer.write(text);
      while (reader.ready.length > 0) {
        const statement = reader.ready.shift();
        if (statement !== undefined && reader.problems.length === 0) yield statement;
      }
    }
    tokenizer.end();
    reader.finish();
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    reader.problems.push({ line: error.line, message: error.message });
  }
  if (reader.problems.length === 0) {
    for (const statement of reader.ready) yield statement;
    return;
  }
  throw rejection(file, reader.problems, STATEMENT_HINT);
}


// ---------------------------------------------------------------------------------------------
// Reading and decoding the bytes

/** Enough bytes to see a byte order mark and the XML declaration. */
const HEAD_BYTES = 1024;

async function* decodedChunks(path: string, chunkBytes: number): AsyncGenerator<string> {
  const stream = createReadStream(path, { highWaterMark: Math.max(1, chunkBytes) });
  let decoder: TextDecoder | undefined;
  const head: Buffer[] = [];
  let headLength = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (decoder !== undefined) {
        yield decoder.decode(chunk, { stream: true });
        continue;
      }
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < HEAD_BYTES) continue;
      const bytes = Buffer.concat(head);
      decoder = decoderFor(bytes);
      yield decoder.decode(bytes, { stream: true });
    }
  } catch (error) {
    throw readFailure(path, error, FOLDER_HINT);
  } finally {
    stream.destroy();
  }
  if (decoder === undefined) {
    const bytes = Buffer.concat(head);
    decoder = decoderFor(bytes);
    yield decoder.decode(bytes, { stream: true });
  }
  yield decoder.decode();
}


/** UTF-8 unless a byte order mark or the XML declaration says otherwise. */
function decoderFor(bytes: Buffer): TextDecoder {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8');
  const declaration = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(bytes.subarray(0, 300).toString('latin1'));
  const label = declaration?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label);
  } catch {
    throw new XmlSyntaxError(1, `the file declares the character set "${label}", which is not supported: camt.053 files are UTF-8`);
  }
}

// ---------------------------------------------------------------------------------------------
// Small element trees: each direct child of a <Stmt> (an entry, a balance, the account) is built
// as a tree, read, and dropped.

interface Node {
  readonly name: string;
  readonly line: number;
  readonly attributes: readonly XmlAttribute[];
  readonly children: Node[];
  text: string;
}

function child(node: Node | undefined, name: string): Node | undefined {
  return node?.children.find((candidate) => candidate.name === name);
}

function childrenNamed(node: Node | undefined, name: string): Node[] {
  return node === undefined ? [] : node.children.filter((candidate) => candidate.name === name);
}

function at(node: Node | undefined, ...names: string[]): Node | undefined {
  let current = node;
  for (const name of names) current = child(current, name);
  return current;
}

/** The trimmed text of an element, or null when it is absent or empty. */
function textOf(node: Node | undefined): string | null {
  const text = node?.text.trim() ?? '';
  return text === '' ? null : text;
}

function attributeOf(node: Node, localName: string): string | undefined {
  return node.attributes.find((attribute) => attribute.localName === localName)?.value;
}


// ---------------------------------------------------------------------------------------------
// Values


const DECIMAL = /^(?:(\d+)(?:\.(\d*))?|\.(\d+))$/;

/** A camt.053 amount (xs:decimal, never negative) as whole cents. */
export function parseCamtAmount(text: string): Parsed<Cents> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'the amount is empty' };
  if (/^[+-]/.test(trimmed)) {
    return { ok: false, problem: `the amount "${shown(trimmed)}" has a sign: a camt.053 amount is written without one and its direction is CdtDbtInd` };
  }
  const match = DECIMAL.exec(trimmed);
  if (match === null) return { ok: false, problem: `the amount "${shown(trimmed)}" is not a decimal number such as 1210.50` };
  const units = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? match[3] ?? '';
  if (/[^0]/.test(fraction.slice(2))) {
    return { ok: false, problem: `the amount "${shown(trimmed)}" has more than two decimals: it is not a whole number of cents` };
  }
  if (units.length > 13) return { ok: false, problem: `the amount "${shown(trimmed)}" is far larger than any real payment` };
  return { ok: true, value: Number(units) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0')) };
}

function parseDate(node: Node | undefined, what: string): Parsed<IsoDate | null> {
  if (node === undefined) return { ok: true, value: null };
  const date = textOf(child(node, 'Dt'));
  const dateTime = textOf(child(node, 'DtTm'));
  const text = date ?? (dateTime === null ? null : dateTime.slice(0, 10));
  if (text === null) return { ok: true, value: null };
  const parsed = parseIsoDate(text);
  if (parsed === undefined) return { ok: false, problem: `the ${what} "${shown(date ?? dateTime ?? '')}" is not a date written YYYY-MM-DD` };
  return { ok: true, value: parsed };
}

function compactIban(node: Node | undefined): string | null {
  const text = textOf(at(node, 'Id', 'IBAN'));
  return text === null ? null : text.replace(/\s+/g, '').toUpperCase();
}

type Direction = 'CRDT' | 'DBIT';

interface Money {
  readonly amountCents: Cents;
  readonly currency: string;
  readonly direction: Direction;
}

const TWELVE_DIGITS = /^\d{12}$/;

/** Twelve digits when the creditor reference is a Belgian structured communication, else null. */
function belgianStructured(reference: string): string | null {
  const delimited = /^(\+{3}|\*{3})(.*)\1$/s.exec(reference);
  const digits = (delimited?.[2] ?? reference).replace(/[\s/]+/g, '');
  return TWELVE_DIGITS.test(digits) ? digits : null;
}

interface TransactionText {
  readonly counterpartyName: string | null;
  readonly counterpartyIban: string | null;
  readonly structuredReference: string | null;
  readonly communication: string | null;
}

function partyName(party: Node | undefined): string | null {
  return textOf(child(party, 'Nm')) ?? textOf(at(party, 'Pty', 'Nm'));
}

/** Counterparty and remittance information of one transaction (`TxDtls`). */
function transactionText(transaction: Node | undefined, direction: Direction): TransactionText {
  const parties = child(transaction, 'RltdPties');
  const side = direction === 'CRDT' ? 'Dbtr' : 'Cdtr';
  const remittance = child(transaction, 'RmtInf');
  let structuredReference: string | null = null;
  const texts: string[] = [];
  for (const unstructured of childrenNamed(remittance, 'Ustrd')) {
    const text = textOf(unstructured);
    if (text !== null) texts.push(text);
  }
  for (const structured of childrenNamed(remittance, 'Strd')) {
    for (const creditorReference of childrenNamed(structured, 'CdtrRefInf')) {
      const reference = textOf(child(creditorReference, 'Ref'));
      if (reference === null) continue;
      const digits = belgianStructured(reference);
      if (digits !== null && structuredReference === null) structuredReference = digits;
      else texts.push(reference);
    }
    for (const additional of childrenNamed(structured, 'AddtlRmtInf')) {
      const text = textOf(additional);
      if (text !== null) texts.push(text);
    }
  }
  if (texts.length === 0 && structuredReference === null) {
    const additional = textOf(child(transaction, 'AddtlTxInf'));
    if (additional !== null) texts.push(additional);
  }
  return {
    counterpartyName: partyName(child(parties, side)),
    counterpartyIban: compactIban(child(parties, `${side}Acct`)),
    structuredReference,
    communication: texts.length === 0 ? null : texts.join(' '),
  };
}

function references(transaction: Node | undefined): { servicer: string | null; endToEnd: string | null } {
  const refs = child(transaction, 'Refs');
  const endToEnd = textOf(child(refs, 'EndToEndId'));
  return {
    servicer: textOf(child(refs, 'AcctSvcrRef')),
    endToEnd: endToEnd === null || endToEnd.toUpperCase() === 'NOTPROVIDED' ? null : endToEnd,
  };
}

// ---------------------------------------------------------------------------------------------
// The reader

const NOT_BOOKED = new Set(['PDNG', 'INFO', 'FUTR']);

interface StatementInProgress {
  readonly line: number;
  readonly problemsAtStart: number;
  id: string | null;
  account: string | null;
  currency: string | null;
  readonly balances: Map<string, Camt053Balance>;
  readonly lines: BankLine[];
}

class CamtReader implements XmlEvents {
  readonly problems: BankLineProblem[] = [];
  readonly ready: Camt053Statement[] = [];
  private readonly path: string[] = [];
  private nodes: Node[] = [];
  private statement: StatementInProgress | undefined;
  private statementCount = 0;
  private messageLine = 1;
  private documentChecked = false;

  startElement(_name: string, localName: string, attributes: readonly XmlAttribute[], line: number): void {
    const depth = this.path.length;
    this.path.push(localName);
    const parent = this.nodes.at(-1);
    if (parent !== undefined) {
      const node: Node = { name: localName, line, attributes, children: [], text: '' };
      parent.children.push(node);
      this.nodes.push(node);
      return;
    }
    if (depth === 0) {
      if (localName !== 'Document') {
        throw new XmlSyntaxError(line, `the root element is <${shown(localName)}>, not the <Document> of a camt.053 statement`);
      }
    } else if (depth === 1 && !this.documentChecked) {
      this.documentChecked = true;
      if (localName !== 'BkToCstmrStmt') throw new XmlSyntaxError(line, notAStatement(localName));
      this.messageLine = line;
    } else if (depth === 2 && this.path[1] === 'BkToCstmrStmt' && localName === 'Stmt') {
      this.statement = {
        line,
        problemsAtStart: this.problems.length,
        id: null,
        account: null,
        currency: null,
        balances: new Map(),
        lines: [],
      };
    } else if (depth === 3 && this.statement !== undefined) {
      this.nodes.push({ name: localName, line, attributes, children: [], text: '' });
    }
  }

  text(text: string): void {
    const node = this.nodes.at(-1);
    if (node !== undefined) node.text += text;
  }

  endElement(): void {
    const localName = this.path.pop();
    const node = this.nodes.pop();
    if (node !== undefined) {
      if (this.nodes.length === 0) this.statementPart(node);
      return;
    }
    if (this.path.length === 2 && localName === 'Stmt' && this.statement !== undefined) this.finishStatement(this.statement);
  }

  finish(): void {
    if (!this.documentChecked) this.problem(this.messageLine, 'the <Document> is empty: it holds no camt.053 statement');
    else if (this.statementCount === 0) {
      this.problem(this.messageLine, 'the file holds no statement (<Stmt>): it is not a complete camt.053 file');
    }
  }

  private problem(line: number, message: string): void {
    collectProblem(this.problems, line, message);
  }

  private statementPart(node: Node): void {
    const statement = this.statement;
    if (statement === undefined) return;
    switch (node.name) {
      case 'Id':
        statement.id = textOf(node);
        break;
      case 'Acct': {
        statement.account = compactIban(node);
        const currency = textOf(child(node, 'Ccy'));
        if (currency !== null) statement.currency = currency.toUpperCase();
        break;
      }
      case 'Bal':
        this.balance(statement, node);
        break;
      case 'Ntry':
        this.entry(statement, node);
        break;
      default:
        break;
    }
  }

  private balance(statement: StatementInProgress, node: Node): void {
    const code = textOf(at(node, 'Tp', 'CdOrPrtry', 'Cd'));
    if (code === null || !['OPBD', 'PRCD', 'CLBD'].includes(code) || statement.balances.has(code)) return;
    const amount = this.money(statement, node, `the ${code} balance`);
    const date = parseDate(child(node, 'Dt'), `${code} balance date`);
    if (!date.ok) this.problem(node.line, date.problem);
    if (amount === undefined) return;
    const line = child(node, 'Amt')?.line ?? node.line;
    statement.balances.set(code, { amountCents: amount.amountCents, currency: amount.currency, date: date.ok ? date.value : null, sourceLine: line });
  }

  /** The signed amount and currency of an element with `Amt` and `CdtDbtInd` (an entry, a balance). */
  private money(statement: StatementInProgress, node: Node, what: string): Money | undefined {
    const amountNode = child(node, 'Amt');
    if (amountNode === undefined) {
      this.problem(node.line, `${what} has no amount (<Amt>)`);
      return undefined;
    }
    const amount = parseCamtAmount(amountNode.text);
    const currency = this.currency(statement, amountNode);
    const indicator = textOf(child(node, 'CdtDbtInd'));
    if (!amount.ok) this.problem(amountNode.line, amount.problem);
    let direction: Direction | undefined;
    if (indicator === 'CRDT' || indicator === 'DBIT') direction = indicator;
    else if (indicator === null && amount.ok && amount.value === 0) direction = 'CRDT';
    else {
      const line = child(node, 'CdtDbtInd')?.line ?? node.line;
      this.problem(line, indicator === null ? `${what} has no credit/debit indicator (<CdtDbtInd>)` : `the credit/debit indicator "${shown(indicator)}" is neither CRDT nor DBIT`);
    }
    if (!amount.ok || currency === undefined || direction === undefined) return undefined;
    return { amountCents: direction === 'DBIT' ? -amount.value : amount.value, currency, direction };
  }

  private currency(statement: StatementInProgress, amountNode: Node): string | undefined {
    const written = attributeOf(amountNode, 'Ccy')?.trim().toUpperCase();
    const currency = written ?? statement.currency;
    if (currency === null || currency === undefined) {
      this.problem(amountNode.line, 'the amount has no currency (the Ccy attribute)');
      return undefined;
    }
    if (!/^[A-Z]{3}$/.test(currency)) {
      this.problem(amountNode.line, `the currency "${shown(currency)}" is not a three-letter code such as EUR`);
      return undefined;
    }
    return currency;
  }

  private entry(statement: StatementInProgress, entry: Node): void {
    const status = textOf(child(entry, 'Sts')) ?? textOf(at(entry, 'Sts', 'Cd'));
    if (status !== null && NOT_BOOKED.has(status.toUpperCase())) return;
    const money = this.money(statement, entry, 'the entry');
    const booking = parseDate(child(entry, 'BookgDt'), 'booking date');
    const value = parseDate(child(entry, 'ValDt'), 'value date');
    if (!booking.ok) this.problem(child(entry, 'BookgDt')?.line ?? entry.line, booking.problem);
    if (!value.ok) this.problem(child(entry, 'ValDt')?.line ?? entry.line, value.problem);
    if (!booking.ok || !value.ok) return;
    const bookingDate = booking.value ?? value.value;
    if (bookingDate === null) {
      this.problem(entry.line, 'the entry has neither a booking date (<BookgDt>) nor a value date (<ValDt>)');
      return;
    }
    if (money === undefined) return;
    const direction = money.direction;
    const transactions = childrenNamed(entry, 'NtryDtls').flatMap((details) => childrenNamed(details, 'TxDtls'));
    const entryReference = textOf(child(entry, 'AcctSvcrRef'));
    const base = {
      account: statement.account,
      bookingDate,
      valueDate: value.value,
      currency: money.currency,
    };

    if (transactions.length >= 2) {
      const split = this.splitAmounts(transactions, money, direction, entry);
      if (split === 'problem') return;
      if (split !== 'whole' && direction === 'CRDT') {
        transactions.forEach((transaction, index) => {
          const amount = split[index] ?? 0;
          const refs = references(transaction);
          statement.lines.push({
            ...base,
            sourceLine: transaction.line,
            amountCents: amount,
            ...transactionText(transaction, amount < 0 ? 'DBIT' : 'CRDT'),
            bankReference: refs.servicer ?? (entryReference === null ? null : `${entryReference}/${index + 1}`) ?? refs.endToEnd,
          });
        });
        return;
      }
    }

    const only = transactions.length === 1 ? transactions[0] : undefined;
    let text: TransactionText;
    if (transactions.length >= 2) {
      // A batch kept whole: its payment information id and the texts of its transactions, but
      // not their structured references (none of them is the reference of the whole amount).
      const batchId = textOf(at(entry, 'NtryDtls', 'Btch', 'PmtInfId')) ?? textOf(at(transactions[0], 'Refs', 'PmtInfId'));
      const texts = transactions.map((transaction) => transactionText(transaction, direction).communication);
      const parts = [...new Set([batchId, ...texts].filter((part): part is string => part !== null))];
      text = { counterpartyName: null, counterpartyIban: null, structuredReference: null, communication: parts.length === 0 ? null : parts.join(' ') };
    } else {
      text = transactionText(only, direction);
    }
    if (text.communication === null && text.structuredReference === null) {
      text = { ...text, communication: textOf(child(entry, 'AddtlNtryInf')) };
    }
    const refs = references(only);
    statement.lines.push({
      ...base,
      sourceLine: entry.line,
      amountCents: money.amountCents,
      ...text,
      bankReference: entryReference ?? refs.servicer ?? refs.endToEnd,
    });
  }

  /**
   * The signed amounts of a batch's transactions when each has one in the entry's currency,
   * 'whole' when they do not (the entry stays one line), 'problem' when an amount is unreadable
   * or they do not add up to the entry.
   */
  private splitAmounts(
    transactions: readonly Node[],
    money: Money,
    direction: Direction,
    entry: Node,
  ): Cents[] | 'whole' | 'problem' {
    const amounts: Cents[] = [];
    let usable = true;
    let broken = false;
    for (const transaction of transactions) {
      const amountNode = child(transaction, 'Amt') ?? at(transaction, 'AmtDtls', 'TxAmt', 'Amt');
      if (amountNode === undefined) {
        usable = false;
        continue;
      }
      const amount = parseCamtAmount(amountNode.text);
      if (!amount.ok) {
        this.problem(amountNode.line, amount.problem);
        broken = true;
        continue;
      }
      const currency = attributeOf(amountNode, 'Ccy')?.trim().toUpperCase() ?? money.currency;
      if (currency !== money.currency) usable = false;
      const indicator = textOf(child(transaction, 'CdtDbtInd')) ?? direction;
      if (indicator !== 'CRDT' && indicator !== 'DBIT') {
        this.problem(child(transaction, 'CdtDbtInd')?.line ?? transaction.line, `the credit/debit indicator "${shown(indicator)}" is neither CRDT nor DBIT`);
        broken = true;
        continue;
      }
      amounts.push(indicator === 'DBIT' ? -amount.value : amount.value);
    }
    if (broken) return 'problem';
    if (!usable) return 'whole';
    const total = amounts.reduce((sum, amount) => sum + amount, 0);
    if (total !== money.amountCents) {
      this.problem(
        entry.line,
        `the ${transactions.length} transactions of this entry add up to ${formatCents(total)}, not to the entry's amount ${formatCents(money.amountCents)}`,
      );
      return 'problem';
    }
    return amounts;
  }

  private finishStatement(statement: StatementInProgress): void {
    this.statement = undefined;
    this.statementCount += 1;
    if (this.problems.length === statement.problemsAtStart) this.checkBalances(statement);
    if (this.problems.length > 0) return;
    this.ready.push({
      sourceLine: statement.line,
      id: statement.id,
      account: statement.account,
      currency: statement.currency,
      openingBalance: statement.balances.get('OPBD') ?? statement.balances.get('PRCD') ?? null,
      closingBalance: statement.balances.get('CLBD') ?? null,
      lines: uniqueReferences(statement.lines),
    });
  }

  private checkBalances(statement: StatementInProgress): void {
    const opening = statement.balances.get('OPBD') ?? statement.balances.get('PRCD');
    const closing = statement.balances.get('CLBD');
    if (opening === undefined || closing === undefined || opening.currency !== closing.currency) return;
    let moved = 0;
    for (const line of statement.lines) {
      if (line.currency !== opening.currency) {
        this.problem(line.sourceLine, `the entry is in ${line.currency} but the statement's balances are in ${opening.currency}`);
        return;
      }
      moved += line.amountCents;
    }
    if (opening.amountCents + moved !== closing.amountCents) {
      this.problem(
        closing.sourceLine,
        `the balances do not add up: the opening balance ${formatCents(opening.amountCents)} plus the entries ${formatCents(moved)} makes ` +
          `${formatCents(opening.amountCents + moved)}, but the closing balance is ${formatCents(closing.amountCents)}`,
      );
    }
  }
}

function notAStatement(localName: string): string {
  switch (localName) {
    case 'BkToCstmrAcctRpt':
      return 'this is a camt.052 account report, not a camt.053 statement: download the statement (camt.053) instead';
    case 'BkToCstmrDbtCdtNtfctn':
      return 'this is a camt.054 notification, not a camt.053 statement: download the statement (camt.053) instead';
    case 'CstmrCdtTrfInitn':
      return 'this is a pain.001 payment file, not a bank statement';
    default:
      return `the <Document> holds <${shown(localName)}>, not a camt.053 statement (<BkToCstmrStmt>)`;
  }
}

