import type { Book } from '../book/open-book.js';
import { CheckStore } from './check-store.js';
import { INVARIANTS } from './invariants.js';

export interface CheckResult {
  readonly name: string;
  readonly description: string;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** Runs every invariant and returns all problems, not just the first. Reads only: it writes nothing. */
export function runChecks(book: Book): CheckResult[] {
  const store = new CheckStore(book);
  return INVARIANTS.map((invariant) => {
    const problems = invariant.run(store);
    return { name: invariant.name, description: invariant.description, ok: problems.length === 0, problems };
  });
}
