import type { Book } from '../book/open-book.js';
import { type RollRow, ShareStore } from './share-store.js';

export interface VotingRoll {
  readonly members: readonly (RollRow & { readonly votes: 1 })[];
  readonly totalShares: number;
  readonly totalVotes: number;
}

/** One vote per member holding at least one share, however many shares (DOMAIN.md). */
export function votingRoll(book: Book): VotingRoll {
  const rows = new ShareStore(book).votingRoll();
  return {
    members: rows.map((row) => ({ ...row, votes: 1 as const })),
    totalShares: rows.reduce((sum, row) => sum + row.shares, 0),
    totalVotes: rows.length,
  };
}
