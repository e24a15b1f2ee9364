import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import type { IsoDate } from '../calendar/dates.js';
import { ContractStore } from '../contracts/contract-store.js';
import { conflict } from '../errors.js';
import { activityAccount } from '../ledger/chart.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import type { Cents } from '../money/index.js';
import type { RuleSet } from '../rules/rule-set.js';
import { loadRules } from '../rules/set-rule.js';
import type { Member } from './member.js';
import { PersonalDataStore } from './personal-data-store.js';
import { findMember } from './show-member.js';

/** The rule that holds the retention period, in whole years. */
export const RETENTION_RULE = 'member.retention-years';

/** What a receipt's file name becomes once its content is removed. */
export const RECEIPT_REMOVED = 'receipt removed (member anonymised)';

export interface RetentionPeriod {
  /** The rule's value in force on the day of the request. */
  readonly years: number;
  /** The member's last record: leaving, an entry, a contract's end, an invoice, a payslip, an expense note. */
  readonly lastRecord: IsoDate;
  /** The first day the member may be anonymised: 1 January after the year of the last record, plus the years. */
  readonly endsOn: IsoDate;
}

export interface AnonymisationCheck {
  readonly member: Member;
  /** Set when the member is already anonymised: there is nothing to do. */
  readonly anonymisedOn: IsoDate | null;
  readonly retention: RetentionPeriod | null;
}

export interface AnonymiseOutcome extends AnonymisationCheck {
  /** False when the member was already anonymised: nothing changed. */
  readonly changed: boolean;
  readonly payslipIbansErased: number;
  readonly receiptsEmptied: number;
  /** Budget still owed to the member on their activity account (kept: the ledger is not touched). */
  readonly activityBalanceCents: Cents;
  /** Whether the book file was rebuilt (VACUUM) afterwards. */
  readonly vacuumed: boolean;
  /** Whether the write-ahead log could be copied into the book and emptied at once. */
  readonly walTruncated: boolean;
}

/**
 * The retention period of a member who left, counted like the accounting and tax periods: from
 * 1 January of the year after their last record. The number of years is the rule in force on
 * `today` (a longer period set by law applies to the records still held).
 */
export function retentionPeriod(store: PersonalDataStore, rules: RuleSet, member: Member, today: IsoDate): RetentionPeriod {
  const years = Number(rules.textAt(RETENTION_RULE, today));
  const lastRecord = store.lastRecordDate(member.id) ?? member.leftOn ?? member.joinedOn;
  const endsOn = `${String(Number(lastRecord.slice(0, 4)) + 1 + years).padStart(4, '0')}-01-01`;
  return { years, lastRecord, endsOn };
}

/** Whether the member can be anonymised today; throws the refusal (conflict) when not. Reads only. */
function checkAllowed(book: Book, store: PersonalDataStore, today: IsoDate, memberId: number): AnonymisationCheck {
  const member = findMember(book, memberId);
  const anonymisedOn = store.anonymisedOn(memberId);
  if (anonymisedOn !== null) return { member, anonymisedOn, retention: null };
  if (member.status !== 'left') {
    throw conflict(
      `Member ${member.id} has not left: only a member who left is anonymised, once the retention period is over.`,
      `Record the leave first (smart member leave ${member.id}); the book keeps their data for the period of the rule ${RETENTION_RULE} after their last record.`,
    );
  }
  // A contract still open may yet be invoiced and paid out: the member's details are still needed.
  const openContracts = new ContractStore(book).openCount(member.id);
  if (openContracts > 0) {
    throw conflict(
      `Member ${member.id} still has ${openContracts} open contract(s): they may yet be invoiced and paid.`,
      `Invoice or cancel them first (smart contract list --member ${member.id} --status open), then anonymise.`,
    );
  }
  const retention = retentionPeriod(store, loadRules(book), member, today);
  if (today < retention.endsOn) {
    throw conflict(
      `Member ${member.id} cannot be anonymised before ${retention.endsOn}: the book keeps their data ${retention.years} year(s) after the year of their last record (${retention.lastRecord}).`,
      `Nothing was changed. Run the command again on or after ${retention.endsOn}; the period is the rule ${RETENTION_RULE} (smart rules list).`,
    );
  }
  return { member, anonymisedOn: null, retention };
}

/** What `member anonymise` would do today, without changing anything (the CLI asks before acting). */
export function checkAnonymisation(book: Book, context: WriteContext, memberId: number): AnonymisationCheck {
  return checkAllowed(book, new PersonalDataStore(book), context.today, memberId);
}

/**
 * Anonymises a member who left, once the retention period is over: name, e-mail, NISS, IBAN,
 * birth date and address become placeholders, the IBAN copied on their payslips is erased and
 * their receipts are emptied, in one database transaction with an audit row. Ledger entries,
 * invoices, contracts and every payslip figure stay as they are. A second run changes nothing.
 * SQLite zeroes the old values (secure_delete) and the write-ahead log is emptied afterwards, so
 * the NISS is not left in the book's files.
 */
export function anonymiseMember(book: Book, context: WriteContext, memberId: number, options: { vacuum?: boolean } = {}): AnonymiseOutcome {
  const store = new PersonalDataStore(book);
  const ledger = new LedgerStore(book);
  const secureDelete = store.secureDelete();
  store.setSecureDelete(1);
  let outcome: AnonymiseOutcome;
  try {
    outcome = book
      .transaction((): AnonymiseOutcome => {
        const check = checkAllowed(book, store, context.today, memberId);
        const activityBalanceCents = ledger.creditBalance(activityAccount(memberId).code);
        const unchanged = { changed: false, payslipIbansErased: 0, receiptsEmptied: 0, activityBalanceCents, vacuumed: false, walTruncated: false };
        if (check.anonymisedOn !== null) return { ...check, ...unchanged };
        store.anonymise(memberId, context.today, context.now);
        const payslipIbansErased = store.erasePayslipIbans(memberId);
        const receiptsEmptied = store.emptyReceipts(memberId, RECEIPT_REMOVED);
        recordAudit(book, context, `member ${memberId} anonymised (retention ${check.retention?.years ?? '?'} year(s) after ${check.retention?.lastRecord ?? '?'})`);
        return {
          member: findMember(book, memberId),
          anonymisedOn: context.today,
          retention: check.retention,
          changed: true,
          payslipIbansErased,
          receiptsEmptied,
          activityBalanceCents,
          vacuumed: false,
          walTruncated: false,
        };
      })
      .immediate();
  } finally {
    store.setSecureDelete(secureDelete);
  }
  // A book written by an older smart (without secure_delete) may hold earlier versions of the
  // member's row in free space: VACUUM rebuilds the file without them.
  if (options.vacuum === true) store.vacuum();
  // Also after a re-run: one that found the log held by a reader empties it now.
  return { ...outcome, vacuumed: options.vacuum === true, walTruncated: store.checkpointAndTruncateWal() };
}
