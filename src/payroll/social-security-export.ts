import type { Book } from '../book/open-book.js';
import type { Period } from '../calendar/periods.js';
import type { ExportColumn, TableExport } from '../exports/table-export.js';
import type { Category } from '../members/member.js';
import { iterateSocialSecurityForExport } from './social-security-export-store.js';

/**
 * DmfA employer class [00036] of every worker line: 000, the general class of a private employer.
 * A documented constant, not a rule: rules hold rates, amounts and days, not codes (docs/exports.md).
 */
export const DMFA_EMPLOYER_CLASS = '000';

/**
 * DmfA worker code [00037] per member category, as DOMAIN.md gives them: 495 white-collar
 * (bediende / employé), 015 manual worker, used for artists, whose contributions are computed on
 * 108 % of gross like manual workers'. A documented constant, like the employer class.
 */
export const DMFA_WORKER_CODES: Readonly<Record<Category, string>> = { employee: '495', artist: '015' };

/**
 * The columns of `smart export social-security` (documented in docs/exports.md with their DmfA
 * zones). Every money column is totalled; the total of `total_due` is what `smart check`
 * reconciles with the ONSS payable of the quarter (invariant social-security-matches-onss).
 */
export const SOCIAL_SECURITY_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'niss', kind: 'text' },
  { name: 'name', kind: 'text' },
  { name: 'member', kind: 'integer' },
  { name: 'employer_class', kind: 'text' },
  { name: 'worker_code', kind: 'text' },
  { name: 'category', kind: 'text' },
  { name: 'quarter_start', kind: 'date' },
  { name: 'quarter_end', kind: 'date' },
  { name: 'days_worked', kind: 'integer' },
  { name: 'gross', kind: 'money', total: true },
  { name: 'contribution_base', kind: 'money', total: true },
  { name: 'employee_contributions', kind: 'money', total: true },
  { name: 'employer_contributions', kind: 'money', total: true },
  { name: 'holiday_contributions', kind: 'money', total: true },
  { name: 'special_contribution', kind: 'money', total: true },
  { name: 'total_due', kind: 'money', total: true },
];

function workerCode(category: string): string {
  const code = DMFA_WORKER_CODES[category as Category] as string | undefined;
  if (code === undefined) throw new Error(`payslip category "${category}" has no DmfA worker code`);
  return code;
}

/** One worker line per member (and category) paid in the quarter, in member order. */
export function socialSecurityExport(book: Book, quarter: Period): TableExport {
  return {
    columns: SOCIAL_SECURITY_EXPORT_COLUMNS,
    rows: (function* rows() {
      for (const line of iterateSocialSecurityForExport(book, quarter)) {
        yield [
          line.niss,
          line.name,
          line.memberId,
          DMFA_EMPLOYER_CLASS,
          workerCode(line.category),
          line.category,
          quarter.from,
          quarter.to,
          line.daysWorked,
          line.grossCents,
          line.baseCents,
          line.employeeCents,
          line.employerCents,
          line.holidayCents,
          line.specialCents,
          line.dueCents,
        ];
      }
    })(),
  };
}
