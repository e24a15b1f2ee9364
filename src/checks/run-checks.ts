import { recordAudit } from '../audit/audit-store.js';
import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { type CheckMark, CheckStore, FROM_THE_START, type RecordedCheckMark } from './check-store.js';
import { INVARIANTS } from './invariants.js';

export interface CheckResult {
  readonly name: string;
  readonly description: string;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** What one `smart check` proved, and how far. */
export interface CheckOutcome {
  readonly results: CheckResult[];
  /** 'full': every row; 'since': the rows after `since` (and every balance of the whole book). */
  readonly scope: 'full' | 'since';
  /** The mark the check started from (when scope is 'since'). */
  readonly since: RecordedCheckMark | undefined;
  /** How far the book went when the check read it: the mark to record if it passed. */
  readonly mark: CheckMark;
}

/** The invariant that proves the append-only guards (triggers) are in place. */
const GUARDS = 'ledger-append-only';

function runInvariants(store: CheckStore): CheckResult[] {
  return INVARIANTS.map((invariant) => {
    const problems = invariant.run(store);
    return { name: invariant.name, description: invariant.description, ok: problems.length === 0, problems };
  });
}

/**
 * Runs every invariant over every row and returns all problems, not just the first. Reads only:
 * it writes nothing. What tests, backups and restores rely on.
 */
export function runChecks(book: Book): CheckResult[] {
  return checkBook(book, { full: true }).results;
}

/**
 * `smart check`: every invariant, in one read transaction (one state of the book, whatever
 * other commands commit meanwhile). Unless `full`, from the last mark a passing check recorded:
 * the rows after it one by one, the balances of the whole book. Reads only; recordCheckMark
 * records the outcome's mark once it passed.
 */
export function checkBook(book: Book, options: { full: boolean }): CheckOutcome {
  return book.transaction(() => {
    const whole = new CheckStore(book);
    // The rows before the mark are trusted to be as proved only while the guards that keep them
    // so are all there: with one missing, every row is proved again.
    const guarded = INVARIANTS.filter((invariant) => invariant.name === GUARDS).every((invariant) => invariant.run(whole).length === 0);
    const since = options.full || !guarded ? undefined : whole.lastMark();
    const store = new CheckStore(book, since ?? FROM_THE_START);
    const mark = store.currentMark();
    return { results: runInvariants(store), scope: since === undefined ? ('full' as const) : ('since' as const), since, mark };
  })();
}

/** Records how far a check that passed went (and an audit row), so that the next one starts there. */
export function recordCheckMark(book: Book, context: WriteContext, outcome: CheckOutcome): void {
  if (outcome.results.some((result) => !result.ok)) throw new Error('only a check that passed records its mark');
  const { mark } = outcome;
  book
    .transaction(() => {
      new CheckStore(book).recordMark(mark, outcome.scope, context.now);
      recordAudit(
        book,
        context,
        `check passed (${outcome.scope === 'full' ? 'every row' : `rows since the check of ${outcome.since?.checkedAt ?? '?'}`}); proved up to entry ${mark.entryId}, invoice ${mark.invoiceId}, payslip ${mark.payslipId}, run ${mark.runId}, contract ${mark.contractId}`,
      );
    })
    .immediate();
}
