import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import type { IsoDate } from '../calendar/dates.js';
import { conflict, invalidInput } from '../errors.js';
import { SHARE_REFUNDS_PAYABLE, activityAccount, shareCapitalAccount } from '../ledger/chart.js';
import { postEntry } from '../ledger/post-entry.js';
import { type Cents, displayCents } from '../money/index.js';
import { ContractStore } from '../contracts/contract-store.js';
import { memberWriters } from './add-member.js';
import type { Member } from './member.js';
import { findMember } from './show-member.js';

export interface LeaveRequest {
  readonly memberId: number;
  readonly date?: IsoDate;
  /** Leave even with budget still on the activity account. */
  readonly force?: boolean;
}

export interface LeaveOutcome {
  readonly member: Member;
  /** False when the member had already left: nothing changed. */
  readonly changed: boolean;
  readonly refundedShares: number;
  readonly refundCents: Cents;
  /** Budget still owed to the member, kept on their activity account. */
  readonly activityBalanceCents: Cents;
}

/**
 * A member leaves: their shares are refunded at the nominal value they were bought at (owed to
 * them on the share refunds account until paid) and their status becomes "left". Refused while
 * budget remains on their activity account, unless forced: the budget then stays owed to them.
 */
export function leaveMember(book: Book, context: WriteContext, request: LeaveRequest): LeaveOutcome {
  const writers = memberWriters(book);
  return book
    .transaction((): LeaveOutcome => {
      const member = findMember(book, request.memberId);
      const activityBalanceCents = writers.ledger.creditBalance(activityAccount(member.id).code);
      if (member.status === 'left') {
        return { member, changed: false, refundedShares: 0, refundCents: 0, activityBalanceCents };
      }
      const date = request.date ?? context.today;
      if (date < member.joinedOn) throw invalidInput(`The leaving date ${date} is before the member joined (${member.joinedOn}).`);
      const openContracts = new ContractStore(book).openCount(member.id);
      if (openContracts > 0 && request.force !== true) {
        throw conflict(
          `Member ${member.id} has ${openContracts} open contract(s) not yet invoiced.`,
          'Invoice or cancel them first (smart contract list --member ID --status open), or pass --force.',
        );
      }
      if (activityBalanceCents > 0 && request.force !== true) {
        throw conflict(
          `Member ${member.id} still has ${displayCents(activityBalanceCents)} EUR of unpaid budget on their activity account.`,
          'Pay it out first, or pass --force to let them leave with the budget still owed to them.',
        );
      }
      const lots = writers.shares.lots(member.id);
      const refundCents = lots.reduce((sum, lot) => sum + lot.count * lot.unitPriceCents, 0);
      const refundedShares = lots.reduce((sum, lot) => sum + lot.count, 0);
      if (refundCents > 0) {
        const { entryId } = postEntry(writers.ledger, context, {
          key: `member-${member.id}:leave`,
          date,
          reason: 'share.refund',
          memo: `${refundedShares} share(s) of member ${member.id} refunded at nominal value on leaving`,
          memberId: member.id,
          postings: [
            { account: shareCapitalAccount(member.id), amountCents: refundCents },
            { account: SHARE_REFUNDS_PAYABLE, amountCents: -refundCents },
          ],
        });
        for (const lot of lots) {
          writers.shares.insert({
            key: `member-${member.id}:leave:${lot.unitPriceCents}`,
            memberId: member.id,
            date,
            count: -lot.count,
            unitPriceCents: lot.unitPriceCents,
            entryId,
          });
        }
      }
      writers.members.markLeft(member.id, date, context.now);
      recordAudit(book, context, `member ${member.id} left; ${refundedShares} share(s) refunded`);
      return { member: findMember(book, member.id), changed: true, refundedShares, refundCents, activityBalanceCents };
    })
    .immediate();
}
