import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { invalidInput, notFound } from '../errors.js';
import { formatOnssNumber, validateOnssNumber } from '../identifiers/onss-number.js';
import { type Coop, findCoop, updateOnssNumber } from './coop-store.js';

export interface SetOnssOutcome {
  readonly coop: Coop;
  /** The number recorded before, if any. */
  readonly previous: string | null;
  readonly changed: boolean;
}

/** The co-op's identity; every book has one from `smart init`. */
export function coopOf(book: Book): Coop {
  const coop = findCoop(book);
  if (coop === undefined) throw notFound('This book has no co-op identity.', 'Create books with `smart init`; restore this one from a backup.');
  return coop;
}

/**
 * `smart coop set --onss-number N`: records the ONSS employer number (a provisional number is
 * replaced by the definitive one the same way). Setting the number already recorded changes nothing.
 */
export function setOnssNumber(book: Book, context: WriteContext, text: string): SetOnssOutcome {
  const checked = validateOnssNumber(text);
  if (!checked.ok) throw invalidInput(`--onss-number is not a valid ONSS employer number: ${checked.problem}.`, { hint: 'Copy it from the ONSS letter or the Dimona portal: seven digits, a dash and two check digits (NNNNNNN-CC).' });
  return book
    .transaction((): SetOnssOutcome => {
      const before = coopOf(book);
      const previous = before.onssNumber ?? null;
      if (previous === checked.value) return { coop: before, previous, changed: false };
      updateOnssNumber(book, checked.value);
      recordAudit(book, context, `coop ONSS number ${previous === null ? 'set to' : `changed from ${formatOnssNumber(previous)} to`} ${formatOnssNumber(checked.value)}`);
      return { coop: coopOf(book), previous, changed: true };
    })
    .immediate();
}
