import type { WriteContext } from '../book/write-context.js';
import { conflict } from '../errors.js';
import { type Cents, assertCents, formatCents } from '../money/index.js';
import type { AccountSpec } from './chart.js';
import type { LedgerStore } from './ledger-store.js';

export interface Posting {
  readonly account: AccountSpec;
  /** Debit positive, credit negative. */
  readonly amountCents: Cents;
}

export interface EntryRequest {
  /** Chosen by the caller before writing: the same key twice posts once. */
  readonly key: string;
  readonly date: string;
  /** A reason code such as "share.buy", "share.refund". */
  readonly reason: string;
  readonly memo: string;
  readonly memberId?: number;
  readonly reversesEntryId?: number;
  readonly postings: readonly Posting[];
}

export interface PostedEntry {
  readonly entryId: number;
  /** False when an identical entry with this key was already in the ledger. */
  readonly created: boolean;
}

/** A programmer's error, not a user's: an entry built unbalanced must never reach the book. */
function assertBalanced(request: EntryRequest): Cents {
  let sum = 0;
  let debit = 0;
  for (const posting of request.postings) {
    assertCents(posting.amountCents);
    if (posting.amountCents === 0) throw new Error(`entry ${request.key}: a posting of zero`);
    sum += posting.amountCents;
    if (posting.amountCents > 0) debit += posting.amountCents;
  }
  if (request.postings.length < 2 || sum !== 0) {
    throw new Error(`entry ${request.key} does not balance: postings sum to ${formatCents(sum)}`);
  }
  return debit;
}

function samePostings(existing: readonly { accountCode: string; amountCents: Cents }[], request: EntryRequest): boolean {
  const key = (code: string, cents: Cents): string => `${code}=${cents}`;
  const a = existing.map((posting) => key(posting.accountCode, posting.amountCents)).sort();
  const b = request.postings.map((posting) => key(posting.account.code, posting.amountCents)).sort();
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * Appends one balanced entry to the ledger, inside the caller's database transaction.
 * Like a transfer with a client-chosen id: posting the same key again is success with nothing
 * written, and the same key with other amounts is a conflict.
 */
export function postEntry(ledger: LedgerStore, context: WriteContext, request: EntryRequest, options: { keyIsNew?: boolean } = {}): PostedEntry {
  const debitCents = assertBalanced(request);
  // A caller that derived the key from a row it has just inserted knows it is new; the UNIQUE
  // constraint on the key still guards the book if that were ever wrong.
  const existing = options.keyIsNew === true ? undefined : ledger.entryByKey(request.key);
  if (existing !== undefined) {
    if (samePostings(ledger.postingsOf(existing.id), request)) return { entryId: existing.id, created: false };
    throw conflict(`The ledger already holds an entry "${request.key}" with other amounts.`, 'Nothing was written. Check the command was not run with different figures before.');
  }
  const entryId = ledger.insertEntry({
    key: request.key,
    date: request.date,
    reason: request.reason,
    memo: request.memo,
    command: context.command,
    memberId: request.memberId ?? null,
    reversesEntryId: request.reversesEntryId ?? null,
    postingCount: request.postings.length,
    debitCents,
    recordedAt: context.now,
  });
  for (const posting of request.postings) {
    ledger.insertPosting(entryId, ledger.accountId(posting.account), posting.amountCents);
  }
  return { entryId, created: true };
}
