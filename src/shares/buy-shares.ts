import { randomUUID } from 'node:crypto';
import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import type { IsoDate } from '../calendar/dates.js';
import { SmartError, conflict, notFound } from '../errors.js';
import { BANK, shareCapitalAccount } from '../ledger/chart.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import { postEntry } from '../ledger/post-entry.js';
import { MemberStore } from '../members/member-store.js';
import { type Cents, assertCents } from '../money/index.js';
import type { RuleSet } from '../rules/rule-set.js';
import { loadRules } from '../rules/set-rule.js';
import { ShareStore } from './share-store.js';

export interface SharePurchase {
  readonly memberId: number;
  readonly count: number;
  readonly date: IsoDate;
  /** Idempotency key of this purchase, chosen before writing. */
  readonly key: string;
}

export interface SharePurchaseOutcome {
  readonly created: boolean;
  readonly count: number;
  readonly unitPriceCents: Cents;
  readonly amountCents: Cents;
}

/**
 * Books a purchase of shares at the price in force on its date: the bank receives the money and
 * the member's share capital grows. Runs inside the caller's database transaction.
 */
export function recordSharePurchase(
  stores: { ledger: LedgerStore; shares: ShareStore },
  rules: RuleSet,
  context: WriteContext,
  purchase: SharePurchase,
  options: { keyIsNew?: boolean } = {},
): SharePurchaseOutcome {
  const unitPriceCents = rules.amountAt('share.price', purchase.date);
  const amountCents = assertCents(unitPriceCents * purchase.count);
  const existing = options.keyIsNew === true ? undefined : stores.shares.findByKey(purchase.key);
  if (existing !== undefined) {
    if (existing.memberId !== purchase.memberId || existing.count !== purchase.count) {
      throw conflict(`A share purchase with the reference "${purchase.key}" already exists for other figures.`, 'Use another --ref.');
    }
    return { created: false, count: existing.count, unitPriceCents: existing.unitPriceCents, amountCents: existing.count * existing.unitPriceCents };
  }
  const { entryId } = postEntry(stores.ledger, context, {
    key: `share-purchase:${purchase.key}`,
    date: purchase.date,
    reason: 'share.buy',
    memo: `${purchase.count} share(s) bought by member ${purchase.memberId}`,
    memberId: purchase.memberId,
    postings: [
      { account: BANK, amountCents },
      { account: shareCapitalAccount(purchase.memberId), amountCents: -amountCents },
    ],
  }, options);
  stores.shares.insert({ ...purchase, unitPriceCents, entryId });
  return { created: true, count: purchase.count, unitPriceCents, amountCents };
}

export interface BuySharesRequest {
  readonly memberId: number;
  readonly count: number;
  readonly date?: IsoDate;
  /** The payment's reference: the same reference twice buys once. */
  readonly ref?: string;
}

export interface BuySharesOutcome extends SharePurchaseOutcome {
  readonly memberId: number;
  readonly name: string;
  readonly held: number;
}

export function buyShares(book: Book, context: WriteContext, request: BuySharesRequest): BuySharesOutcome {
  const ledger = new LedgerStore(book);
  const shares = new ShareStore(book);
  const members = new MemberStore(book);
  const rules = loadRules(book);
  return book
    .transaction((): BuySharesOutcome => {
      const member = members.findById(request.memberId);
      if (member === undefined) throw notFound(`No member number ${request.memberId}.`, 'List members with `smart member list`.');
      if (member.status === 'left') {
        throw new SmartError('conflict', `Member ${member.id} left on ${member.leftOn ?? '?'} and cannot buy shares.`);
      }
      const key = request.ref !== undefined ? `ref:${request.ref}` : `once:${randomUUID()}`;
      const outcome = recordSharePurchase({ ledger, shares }, rules, context, {
        memberId: member.id,
        count: request.count,
        date: request.date ?? context.today,
        key,
      });
      if (outcome.created) recordAudit(book, context, `member ${member.id} bought ${request.count} share(s)`);
      return { ...outcome, memberId: member.id, name: member.name, held: shares.held(member.id) };
    })
    .immediate();
}
