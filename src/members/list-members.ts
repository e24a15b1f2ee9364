import type { Book } from '../book/open-book.js';
import type { MemberSummary } from './member.js';
import { type MemberFilter, MemberStore } from './member-store.js';

export function listMembers(book: Book, filter: MemberFilter): MemberSummary[] {
  return new MemberStore(book).list(filter);
}
