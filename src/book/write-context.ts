import type { IsoDate } from '../calendar/dates.js';

/**
 * Who is writing and why: recorded with every ledger entry and in the audit log.
 * `command` is the command line with personal data masked, e.g. "member add --niss *******3361".
 */
export interface WriteContext {
  readonly command: string;
  readonly user: string;
  /** ISO timestamp of the moment the command started. */
  readonly now: string;
  /** The administrator's calendar date, the default date of what the command records. */
  readonly today: IsoDate;
}
