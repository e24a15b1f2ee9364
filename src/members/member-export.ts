import type { Book } from '../book/open-book.js';
import type { ExportColumn, TableExport } from '../exports/table-export.js';
import type { MemberStatus } from './member.js';
import { iterateMembersForExport } from './member-export-store.js';

/** The columns of `smart export members` (documented in docs/exports.md). */
export const MEMBER_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'member', kind: 'integer' },
  { name: 'name', kind: 'text' },
  { name: 'email', kind: 'text' },
  { name: 'niss', kind: 'text' },
  { name: 'iban', kind: 'text' },
  { name: 'birth_date', kind: 'date' },
  { name: 'address', kind: 'text' },
  { name: 'category', kind: 'text' },
  { name: 'withholding', kind: 'text' },
  { name: 'status', kind: 'text' },
  { name: 'joined_on', kind: 'date' },
  { name: 'left_on', kind: 'date' },
  { name: 'shares', kind: 'integer' },
  { name: 'share_capital', kind: 'money', total: true },
  { name: 'activity_balance', kind: 'money', total: true },
];

/** Every member (or those of one status) with their identity, shares and activity balance. */
export function memberExport(book: Book, status: MemberStatus | undefined): TableExport {
  return {
    columns: MEMBER_EXPORT_COLUMNS,
    rows: (function* rows() {
      for (const member of iterateMembersForExport(book, status)) {
        yield [
          member.id,
          member.name,
          member.email,
          member.niss,
          member.iban,
          member.birthDate,
          member.address,
          member.category,
          member.withholding,
          member.status,
          member.joinedOn,
          member.leftOn,
          member.shares,
          member.capitalCents,
          member.activityCents,
        ];
      }
    })(),
  };
}
