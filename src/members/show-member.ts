import type { Book } from '../book/open-book.js';
import { notFound } from '../errors.js';
import { activityAccount, shareCapitalAccount } from '../ledger/chart.js';
import { ContractStore } from '../contracts/contract-store.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import type { Cents } from '../money/index.js';
import { ShareStore } from '../shares/share-store.js';
import type { Member } from './member.js';
import { MemberStore } from './member-store.js';
import { PersonalDataStore } from './personal-data-store.js';

export interface MemberDetails {
  readonly member: Member;
  readonly shares: number;
  readonly shareCapitalCents: Cents;
  /** What the co-op owes the member on their activity account (budget not yet paid out). */
  readonly activityBalanceCents: Cents;
  /**
   * Work accident and liability insurance: a member is covered for a whole calendar year once a
   * contract of that year exists; this is the last day covered, or null when never covered.
   */
  readonly insuredUntil: string | null;
  /** The day the member's personal data was replaced by placeholders (`member anonymise`), or null. */
  readonly anonymisedOn: string | null;
}

export function findMember(book: Book, id: number): Member {
  const member = new MemberStore(book).findById(id);
  if (member === undefined) throw notFound(`No member number ${id}.`, 'List members with `smart member list`.');
  return member;
}

export function insuredUntil(lastContractYear: number | undefined): string | null {
  return lastContractYear === undefined ? null : `${lastContractYear}-12-31`;
}

export function showMember(book: Book, id: number): MemberDetails {
  const member = findMember(book, id);
  const ledger = new LedgerStore(book);
  return {
    member,
    shares: new ShareStore(book).held(id),
    // Equity and liability balances are credits (negative); the member-facing figure is positive.
    shareCapitalCents: ledger.creditBalance(shareCapitalAccount(id).code),
    activityBalanceCents: ledger.creditBalance(activityAccount(id).code),
    insuredUntil: insuredUntil(new ContractStore(book).lastContractYear(id)),
    anonymisedOn: new PersonalDataStore(book).anonymisedOn(id),
  };
}
