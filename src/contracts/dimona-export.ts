import type { Book } from '../book/open-book.js';
import type { Period } from '../calendar/periods.js';
import { coopOf } from '../coop/set-coop.js';
import { invalidInput } from '../errors.js';
import type { ExportCell, ExportColumn, TableExport } from '../exports/table-export.js';
import { loadRules } from '../rules/set-rule.js';
import { dimonaDeadline, recordedLate, recordedOn } from './dimona-deadline.js';
import { iterateContractsForDimona } from './dimona-export-store.js';

/** The columns of `smart export dimona` (documented in docs/exports.md). */
export const DIMONA_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'declaration', kind: 'text' },
  { name: 'employer_onss', kind: 'text' },
  { name: 'employer_enterprise', kind: 'text' },
  { name: 'member', kind: 'integer' },
  { name: 'niss', kind: 'text' },
  { name: 'name', kind: 'text' },
  { name: 'category', kind: 'text' },
  { name: 'joint_committee', kind: 'text' },
  { name: 'worker_type', kind: 'text' },
  { name: 'start_date', kind: 'date' },
  { name: 'end_date', kind: 'date' },
  { name: 'days', kind: 'integer' },
  { name: 'contract', kind: 'integer' },
  { name: 'deadline', kind: 'date' },
  { name: 'recorded_on', kind: 'date' },
  { name: 'recorded_late', kind: 'text' },
];

/**
 * Every contract is a fixed-term engagement whose end is known when it is recorded, so its
 * Dimona is one IN declaration carrying both the start and the end date: the ONSS then closes
 * the period itself and no separate OUT is made (ONSS Dimona instructions, "Dimona IN").
 */
export const DIMONA_DECLARATION = 'IN';

/**
 * The immediate employment declarations (Dimona) of the contracts whose work overlaps the
 * period: the employer's ONSS and enterprise numbers, the worker, the joint committee and worker
 * type in force on the first day of work (rules `dimona.*`), the dates, the deadline (the first
 * day of work) and whether the contract was recorded after it. Refused while the co-op's ONSS
 * number is not recorded: a declaration without it would be rejected.
 */
export function dimonaExport(book: Book, period: Period): TableExport {
  const coop = coopOf(book);
  const onss = coop.onssNumber ?? null;
  if (onss === null) {
    throw invalidInput("The co-op's ONSS employer number is not recorded: every Dimona names the employer by it.", {
      hint: 'Record it once with `smart coop set --onss-number NNNNNNN-CC` (from the ONSS letter or the Dimona portal), then export again.',
    });
  }
  const rules = loadRules(book);
  return {
    columns: DIMONA_EXPORT_COLUMNS,
    rows: (function* rows(): Generator<readonly ExportCell[]> {
      for (const contract of iterateContractsForDimona(book, period.from, period.to)) {
        yield [
          DIMONA_DECLARATION,
          onss,
          coop.enterpriseNumber,
          contract.memberId,
          contract.niss,
          contract.name,
          contract.category,
          rules.textAt(`dimona.joint-committee.${contract.category}`, contract.startDate),
          rules.textAt('dimona.worker-type', contract.startDate),
          contract.startDate,
          contract.endDate,
          contract.days,
          contract.contractId,
          dimonaDeadline(contract),
          recordedOn(contract.createdAt),
          recordedLate(contract) ? 'yes' : 'no',
        ];
      }
    })(),
  };
}
