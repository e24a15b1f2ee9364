import type { Book } from '../book/open-book.js';
import { findCoop } from '../coop/coop-store.js';
import type { ExportColumn, TableExport } from '../exports/table-export.js';
import { type Cents, formatCents } from '../money/cents.js';
import { type AccountType, BANK } from './chart.js';
import {
  type LedgerRange,
  firstLedgerDate,
  hasEntriesBefore,
  iterateLedgerAccounts,
  iterateLedgerPostings,
  iterateOpeningBalances,
} from './ledger-export-store.js';

/**
 * `smart export ledger`: every entry of a period for the accountant, as a CSV of postings, an
 * hledger journal or a beancount file (documented in docs/exports.md). Everything streams: the
 * entries come from a cursor in (date, id) order and the journals are yielded in pieces.
 */
export type LedgerFormat = 'csv' | 'hledger' | 'beancount';

export const LEDGER_FORMATS: readonly LedgerFormat[] = ['csv', 'hledger', 'beancount'];

export type { LedgerRange } from './ledger-export-store.js';

/**
 * The account an export that starts after the book's first entry opens against. It exists only
 * in the export: the book itself never needs it, since it always holds every entry.
 */
export const OPENING_BALANCES = {
  code: 'equity:opening-balances',
  type: 'equity' as AccountType,
  name: 'Result of the entries before the period (opening balances)',
} as const;

export const OPENING_REASON = 'opening-balances';

/** An entry as the export writes it: the book's, or the opening balances (no id). */
export interface ExportEntryHead {
  readonly id: number | null;
  readonly date: string;
  readonly key: string;
  readonly reason: string;
  readonly memo: string;
  readonly memberId: number | null;
  readonly reversesEntryId: number | null;
}

export interface ExportPosting {
  readonly code: string;
  readonly name: string;
  /** Debit positive, credit negative. */
  readonly amountCents: Cents;
}

export interface ExportEntry {
  readonly head: ExportEntryHead;
  /** Read once, in order, before the next entry is asked for (the opening entry is a cursor). */
  readonly postings: Iterable<ExportPosting>;
}

function isBalanceSheet(type: AccountType): boolean {
  return type === 'asset' || type === 'liability' || type === 'equity';
}

/**
 * The opening entry of a period that starts after the book's first entry, dated `from`: each
 * asset, liability and equity account with its balance before `from`, against
 * equity:opening-balances. Income and expense accounts are not carried: what they held before
 * `from` (the result of earlier periods) is in equity:opening-balances, as a year-end closing
 * would put it, so that they show the period's own income and expenses. Undefined when every
 * balance before `from` is zero.
 */
function openingEntry(book: Book, from: string): ExportEntry | undefined {
  const postings = (function* carried(): Generator<ExportPosting> {
    let total = 0;
    for (const row of iterateOpeningBalances(book, from)) {
      if (!isBalanceSheet(row.type)) continue;
      total += row.balanceCents;
      yield { code: row.code, name: row.name, amountCents: row.balanceCents };
    }
    // The balances of a book whose entries all balance sum to zero over every account; so the
    // balance-sheet accounts sum to minus the income and expense accounts: that is the result.
    if (total !== 0) yield { code: OPENING_BALANCES.code, name: OPENING_BALANCES.name, amountCents: 0 - total };
  })();
  const first = postings.next();
  if (first.done === true) return undefined;
  return {
    head: {
      id: null,
      date: from,
      key: `${OPENING_REASON}:${from}`,
      reason: OPENING_REASON,
      memo: `Opening balances: the entries before ${from}`,
      memberId: null,
      reversesEntryId: null,
    },
    postings: (function* all(): Generator<ExportPosting> {
      yield first.value;
      yield* postings;
    })(),
  };
}

/** Whether the export opens with balances carried from before the period. */
function opensWithBalances(book: Book, range: LedgerRange): range is LedgerRange & { from: string } {
  return range.from !== undefined && hasEntriesBefore(book, range.from);
}

/**
 * The entries of the range, with their postings: the opening entry first when the range starts
 * after the book's first entry, then the book's entries in (date, id) order.
 */
export function* ledgerEntries(book: Book, range: LedgerRange): Generator<ExportEntry> {
  if (opensWithBalances(book, range)) {
    const opening = openingEntry(book, range.from);
    if (opening !== undefined) yield opening;
  }
  let head: ExportEntryHead | undefined;
  let postings: ExportPosting[] = [];
  for (const [entryId, date, key, reason, memo, memberId, reversesEntryId, code, name, amountCents] of iterateLedgerPostings(book, range)) {
    if (head === undefined || head.id !== entryId) {
      if (head !== undefined) yield { head, postings };
      head = { id: entryId, date, key, reason, memo, memberId, reversesEntryId };
      postings = [];
    }
    postings.push({ code, name, amountCents });
  }
  if (head !== undefined) yield { head, postings };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** The columns of `smart export ledger --format csv`: one row per posting. */
export const LEDGER_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'entry', kind: 'integer' },
  { name: 'date', kind: 'date' },
  { name: 'key', kind: 'text' },
  { name: 'reason', kind: 'text' },
  { name: 'memo', kind: 'text' },
  { name: 'account', kind: 'text' },
  { name: 'account_name', kind: 'text' },
  { name: 'member', kind: 'integer' },
  { name: 'debit', kind: 'money', total: true },
  { name: 'credit', kind: 'money', total: true },
];

export function ledgerCsvExport(book: Book, range: LedgerRange): TableExport {
  return {
    columns: LEDGER_EXPORT_COLUMNS,
    rows: (function* rows() {
      for (const { head, postings } of ledgerEntries(book, range)) {
        for (const posting of postings) {
          yield [
            head.id,
            head.date,
            head.key,
            head.reason,
            head.memo,
            posting.code,
            posting.name,
            head.memberId,
            posting.amountCents > 0 ? posting.amountCents : null,
            posting.amountCents < 0 ? 0 - posting.amountCents : null,
          ];
        }
      }
    })(),
  };
}

// ---------------------------------------------------------------------------------------------
// Journals (hledger, beancount)

/** Text is handed to the file in pieces of about this many characters. */
const PIECE_CHARS = 64 * 1024;

/** Gathers lines and hands them out in pieces, so a journal is written as it is read. */
class Pieces {
  private text = '';

  add(text: string): void {
    this.text += text;
  }

  get full(): boolean {
    return this.text.length >= PIECE_CHARS;
  }

  take(): string {
    const text = this.text;
    this.text = '';
    return text;
  }
}

/** Control characters (line breaks, tabs...) would end a line of a journal early. */
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;

/** In a comment only a line break would end it early (a tab is kept). */
const COMMENT_CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g;

/** Text on one line: every run of control characters becomes a single space. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

function periodText(range: LedgerRange): string {
  if (range.from === undefined && range.to === undefined) return 'every entry of the book';
  return `the entries from ${range.from ?? 'the first'} to ${range.to ?? 'the last'}`;
}

function coopName(book: Book): string {
  return oneLine(findCoop(book)?.name ?? 'smart');
}

// --- hledger ---

/** hledger's account type codes (hledger manual, "Declaring accounts > Account types"). */
const HLEDGER_TYPES: Readonly<Record<AccountType, string>> = { asset: 'A', liability: 'L', equity: 'E', income: 'R', expense: 'X' };

/** The bank is the co-op's cash: type C (a kind of asset), so `hledger cashflow` shows it. */
export function hledgerType(code: string, type: AccountType): string {
  return code === BANK.code ? 'C' : HLEDGER_TYPES[type];
}

/**
 * An account name hledger reads back as it is. The book's codes are already hledger-style paths
 * (`liabilities:activity:member-12`) and come out unchanged; whitespace or a `;` (which hledger
 * would read as the end of the name or the start of a comment) becomes `-`.
 */
export function hledgerAccount(code: string): string {
  return code.replace(/[\s;]+/g, '-');
}

/**
 * A transaction's description: what hledger reads up to a `;` (a comment starts there) on one
 * line. The entry's exact memo, when this changes it, follows in comment lines.
 */
export function hledgerDescription(memo: string): string {
  return oneLine(memo).replace(/;/g, ',');
}

/** The code in parentheses: a `)` would end it, a control character would end the line. */
function hledgerCode(key: string): string {
  return key.replace(CONTROL, ' ').replace(/\)/g, ']').trim();
}

/** A comment line; hledger reads `name: value` in it as a tag, harmlessly. */
function hledgerComment(indent: string, text: string): string {
  return `${indent}; ${text}\n`;
}

function hledgerAmount(cents: Cents): string {
  return `${formatCents(cents).padStart(13)} EUR`;
}

function hledgerTransaction(entry: ExportEntry): string {
  const { head } = entry;
  const description = hledgerDescription(head.memo);
  let text = `${head.date} (${hledgerCode(head.key)})${description === '' ? '' : ` ${description}`}\n`;
  const tags = [...(head.id === null ? [] : [`entry: ${head.id}`]), `reason: ${oneLine(head.reason).replace(/,/g, ' ')}`];
  if (head.memberId !== null) tags.push(`member: ${head.memberId}`);
  if (head.reversesEntryId !== null) tags.push(`reverses: ${head.reversesEntryId}`);
  text += hledgerComment('    ', tags.join(', '));
  if (description !== head.memo) {
    // The exact memo, line by line: a comment runs to the end of its line, `;` and quotes included.
    const lines = head.memo.split(/\r\n|\r|\n/).map((line) => line.replace(COMMENT_CONTROL, ' '));
    lines.forEach((line, index) => {
      text += hledgerComment('    ', index === 0 ? `memo: ${line}` : line);
    });
  }
  for (const posting of entry.postings) {
    text += `    ${hledgerAccount(posting.code).padEnd(40)}  ${hledgerAmount(posting.amountCents)}\n`;
  }
  return `${text}\n`;
}

/**
 * An hledger journal (hledger 1.25 and later): the EUR commodity, an `account` directive with its
 * type for every account, then the transactions with an explicit amount on every posting. It
 * passes `hledger check` and the strict `hledger check accounts commodities balanced ordereddates`.
 */
export function* hledgerJournal(book: Book, range: LedgerRange): Generator<string> {
  const pieces = new Pieces();
  pieces.add(`; ${coopName(book)}: ${periodText(range)}, exported by smart export ledger.\n`);
  pieces.add('; Amounts are debit positive, credit negative. Check with: hledger -f FILE check -s\n\n');
  pieces.add('commodity 1,000.00 EUR\n\n');
  for (const account of iterateLedgerAccounts(book, range)) {
    pieces.add(`account ${hledgerAccount(account.code)}  ; type: ${hledgerType(account.code, account.type)}\n`);
    pieces.add(hledgerComment('    ', oneLine(account.name)));
    if (pieces.full) yield pieces.take();
  }
  if (opensWithBalances(book, range)) {
    pieces.add(`account ${OPENING_BALANCES.code}  ; type: ${HLEDGER_TYPES[OPENING_BALANCES.type]}\n`);
    pieces.add(hledgerComment('    ', OPENING_BALANCES.name));
  }
  pieces.add('\n');
  for (const entry of ledgerEntries(book, range)) {
    pieces.add(hledgerTransaction(entry));
    if (pieces.full) yield pieces.take();
  }
  yield pieces.take();
}

// --- beancount ---

/** Beancount's five root accounts (its default option names), by the book's account type. */
const BEANCOUNT_ROOTS: Readonly<Record<AccountType, string>> = {
  asset: 'Assets',
  liability: 'Liabilities',
  equity: 'Equity',
  income: 'Income',
  expense: 'Expenses',
};

/** The first component of the book's codes, by root. */
const CODE_ROOTS: ReadonlyMap<string, AccountType> = new Map<string, AccountType>([
  ['assets', 'asset'],
  ['liabilities', 'liability'],
  ['equity', 'equity'],
  ['income', 'income'],
  ['expenses', 'expense'],
]);

/**
 * One component of a beancount account name. Beancount (2.3, core/account.py) wants each
 * component after the root to start with a capital letter or a digit, followed by letters,
 * digits or dashes: `member-12` -> `Member-12`, `vat-payable` -> `Vat-Payable`. Anything else
 * becomes a dash, and a component that would not start with a letter or a digit gets an `X`.
 */
function beancountComponent(text: string): string {
  const words = text.replace(/[^A-Za-z0-9-]/g, '-').split('-');
  const joined = words.map((word) => (word === '' ? '' : word.charAt(0).toUpperCase() + word.slice(1))).join('-');
  return /^[A-Z0-9]/.test(joined) ? joined : `X${joined}`;
}

/**
 * The beancount name of one of the book's account codes: `assets:bank` -> `Assets:Bank`,
 * `liabilities:activity:member-12` -> `Liabilities:Activity:Member-12`. The root comes from the
 * code's first component (one of assets, liabilities, equity, income, expenses) or, for a code
 * that does not start with one, from the account's type, the whole code then following it.
 */
export function beancountAccount(code: string, type?: AccountType): string {
  const parts = code.split(':');
  const rootType = CODE_ROOTS.get(parts[0] ?? '');
  let root: string;
  let rest: string[];
  if (rootType !== undefined) {
    root = BEANCOUNT_ROOTS[rootType];
    rest = parts.slice(1);
  } else {
    root = BEANCOUNT_ROOTS[type ?? 'asset'];
    rest = parts;
  }
  // Beancount needs at least one component under the root.
  const components = rest.length === 0 ? ['General'] : rest.map(beancountComponent);
  return [root, ...components].join(':');
}

/** A beancount string: `"` and `\` escaped, line breaks and tabs written as escapes. */
export function beancountString(text: string): string {
  const escaped = text.replace(/[\\"\n\r\t]/g, (char) => {
    switch (char) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\${char}`;
    }
  });
  return `"${escaped.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')}"`;
}

/**
 * Beancount names of the accounts declared so far, by code, and which code owns each name:
 * two codes must never land on one beancount account.
 */
class BeancountNames {
  private readonly byCode = new Map<string, string>();
  private readonly owners = new Map<string, string>();

  declare(code: string, type: AccountType): string {
    const name = beancountAccount(code, type);
    const owner = this.owners.get(name);
    if (owner !== undefined && owner !== code) {
      throw new Error(`the accounts ${owner} and ${code} would both be ${name} in beancount`);
    }
    this.owners.set(name, code);
    this.byCode.set(code, name);
    return name;
  }

  of(code: string): string {
    const name = this.byCode.get(code);
    if (name === undefined) throw new Error(`account ${code} is posted to but was not declared`);
    return name;
  }
}

function beancountAmount(cents: Cents): string {
  return `${formatCents(cents).padStart(13)} EUR`;
}

function beancountTransaction(entry: ExportEntry, names: BeancountNames): string {
  const { head } = entry;
  let text = `${head.date} * ${beancountString(head.memo)}\n`;
  if (head.id !== null) text += `  entry: ${head.id}\n`;
  text += `  key: ${beancountString(head.key)}\n  reason: ${beancountString(head.reason)}\n`;
  if (head.memberId !== null) text += `  member: ${head.memberId}\n`;
  if (head.reversesEntryId !== null) text += `  reverses: ${head.reversesEntryId}\n`;
  for (const posting of entry.postings) {
    text += `  ${names.of(posting.code).padEnd(40)}  ${beancountAmount(posting.amountCents)}\n`;
  }
  return `${text}\n`;
}

/**
 * A beancount file (beancount 2.3): the options, an `open` directive for every account dated on
 * the first day of the export (on or before each account's first posting in it), then the
 * transactions, flagged `*`, with the entry's id, key and reason as metadata. It passes bean-check.
 */
export function* beancountJournal(book: Book, range: LedgerRange): Generator<string> {
  const pieces = new Pieces();
  const names = new BeancountNames();
  pieces.add(`; ${coopName(book)}: ${periodText(range)}, exported by smart export ledger.\n`);
  pieces.add('; Amounts are debit positive, credit negative. Check with: bean-check FILE\n\n');
  pieces.add(`option "title" ${beancountString(coopName(book))}\n`);
  pieces.add('option "operating_currency" "EUR"\n\n');
  const openOn = firstLedgerDate(book, range);
  if (openOn !== null) {
    pieces.add(`${openOn} commodity EUR\n\n`);
    const open = (code: string, type: AccountType, name: string): void => {
      pieces.add(`${openOn} open ${names.declare(code, type)} EUR\n  code: ${beancountString(code)}\n  name: ${beancountString(name)}\n`);
    };
    for (const account of iterateLedgerAccounts(book, range)) {
      open(account.code, account.type, account.name);
      if (pieces.full) yield pieces.take();
    }
    if (opensWithBalances(book, range)) open(OPENING_BALANCES.code, OPENING_BALANCES.type, OPENING_BALANCES.name);
    pieces.add('\n');
  }
  for (const entry of ledgerEntries(book, range)) {
    pieces.add(beancountTransaction(entry, names));
    if (pieces.full) yield pieces.take();
  }
  yield pieces.take();
}
