import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { conflict } from '../errors.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import type { RuleSet } from '../rules/rule-set.js';
import { loadRules } from '../rules/set-rule.js';
import { recordSharePurchase } from '../shares/buy-shares.js';
import { ShareStore } from '../shares/share-store.js';
import type { Member, MemberDraft } from './member.js';
import { MemberStore } from './member-store.js';

export interface AddMemberOutcome {
  readonly member: Member;
  /** False when the same person (same NISS, same details) was already a member: nothing changed. */
  readonly created: boolean;
  readonly shares: number;
}

export interface MemberWriters {
  readonly members: MemberStore;
  readonly ledger: LedgerStore;
  readonly shares: ShareStore;
}

export function memberWriters(book: Book): MemberWriters {
  return { members: new MemberStore(book), ledger: new LedgerStore(book), shares: new ShareStore(book) };
}

/** The details that identify a re-run of the same addition, as opposed to a different person. */
export function sameMemberDetails(member: Member, draft: MemberDraft): boolean {
  return (
    member.name === draft.name &&
    member.email === draft.email &&
    member.iban === draft.iban &&
    member.birthDate === draft.birthDate &&
    member.address === draft.address &&
    member.category === draft.category &&
    member.withholding === draft.withholding
  );
}

/**
 * Adds one member and books the shares bought on joining, inside the caller's transaction.
 * The NISS is the key: the same person added twice is a harmless re-run; the same NISS with
 * other details is a conflict, because it is either a typing error or a person to edit.
 */
export function recordNewMember(writers: MemberWriters, rules: RuleSet, context: WriteContext, draft: MemberDraft): AddMemberOutcome {
  const existing = writers.members.findByNiss(draft.niss);
  if (existing !== undefined) {
    if (!sameMemberDetails(existing, draft)) {
      throw conflict(
        `A member with this NISS already exists (member ${existing.id}, ${existing.name}) with other details.`,
        `Nothing was written. To change their details: smart member edit ${existing.id} ...`,
      );
    }
    return { member: existing, created: false, shares: writers.shares.held(existing.id) };
  }
  const id = writers.members.insert(draft, context.now);
  recordSharePurchase(writers, rules, context, { memberId: id, count: draft.shares, date: draft.joinedOn, key: `member-${id}:joining` });
  const member = writers.members.findById(id);
  if (member === undefined) throw new Error(`member ${id} vanished after insert`);
  return { member, created: true, shares: draft.shares };
}

/**
 * The bulk path of `member import`: the rows were checked against the book just before, inside
 * the same transaction's snapshot rules (BEGIN IMMEDIATE), so a new member's keys cannot exist
 * yet and the look-ups of `recordNewMember` are skipped. Returns the new member's id.
 */
export function recordImportedMember(writers: MemberWriters, rules: RuleSet, context: WriteContext, draft: MemberDraft): number {
  const id = writers.members.insert(draft, context.now);
  recordSharePurchase(writers, rules, context, { memberId: id, count: draft.shares, date: draft.joinedOn, key: `member-${id}:joining` }, { keyIsNew: true });
  return id;
}

export function addMember(book: Book, context: WriteContext, draft: MemberDraft): AddMemberOutcome {
  const writers = memberWriters(book);
  const rules = loadRules(book);
  return book
    .transaction((): AddMemberOutcome => {
      const outcome = recordNewMember(writers, rules, context, draft);
      if (outcome.created) recordAudit(book, context, `member ${outcome.member.id} added with ${draft.shares} share(s)`);
      return outcome;
    })
    .immediate();
}
