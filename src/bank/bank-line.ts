import type { IsoDate } from '../calendar/dates.js';
import type { Cents } from '../money/index.js';

/**
 * One row of an imported bank statement, as every reader (Belgian bank CSVs, camt.053, CODA)
 * gives it. Amounts are signed cents: positive money in, negative money out.
 */
export interface BankLine {
  /** Where the line was read: the file's line number (CSV, CODA) or the entry's position (camt.053). */
  readonly sourceLine: number;
  /** The statement's own account (IBAN, electronic form) when the file says it. */
  readonly account: string | null;
  readonly bookingDate: IsoDate;
  readonly valueDate: IsoDate | null;
  readonly amountCents: Cents;
  readonly currency: string;
  readonly counterpartyName: string | null;
  readonly counterpartyIban: string | null;
  /** A structured communication given in its own field (12 digits), valid or not, as written. */
  readonly structuredReference: string | null;
  /** The free text of the payment. */
  readonly communication: string | null;
  /** The bank's own reference of the line, when it has one (the key of exactly-once imports). */
  readonly bankReference: string | null;
}

/** A reader's verdict on a row it cannot read: the whole file is then rejected. */
export interface BankLineProblem {
  readonly line: number;
  readonly message: string;
}
