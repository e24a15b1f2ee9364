import type { Book } from '../book/open-book.js';
import type { Period } from '../calendar/periods.js';
import type { ExportColumn, TableExport } from '../exports/table-export.js';
import { iteratePayrollForExport } from './payroll-export-store.js';

/**
 * The columns of `smart export payroll` (documented in docs/exports.md). Every money column is
 * totalled: the totals printed on stderr are what `smart check` reconciles with the ledger
 * (invariant payroll-matches-ledger).
 */
export const PAYROLL_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'member', kind: 'integer' },
  { name: 'name', kind: 'text' },
  { name: 'niss', kind: 'text' },
  { name: 'category', kind: 'text' },
  { name: 'run', kind: 'text' },
  { name: 'pay_date', kind: 'date' },
  { name: 'gross', kind: 'money', total: true },
  { name: 'contribution_base', kind: 'money', total: true },
  { name: 'employee_contributions', kind: 'money', total: true },
  { name: 'withholding', kind: 'money', total: true },
  { name: 'special_contribution', kind: 'money', total: true },
  { name: 'net', kind: 'money', total: true },
  { name: 'employer_contributions', kind: 'money', total: true },
  { name: 'holiday_contributions', kind: 'money', total: true },
  { name: 'expenses', kind: 'money', total: true },
  { name: 'transfer', kind: 'money', total: true },
];

/** One row per payslip of the runs dated in the month, by run then member. */
export function payrollExport(book: Book, month: Period): TableExport {
  return {
    columns: PAYROLL_EXPORT_COLUMNS,
    rows: (function* rows() {
      for (const payslip of iteratePayrollForExport(book, month)) {
        yield [
          payslip.memberId,
          payslip.name,
          payslip.niss,
          payslip.category,
          payslip.week,
          payslip.payDate,
          payslip.grossCents,
          payslip.baseCents,
          payslip.employeeCents,
          payslip.withholdingCents,
          payslip.specialCents,
          payslip.netCents,
          payslip.employerCents,
          payslip.holidayCents,
          payslip.expensesCents,
          payslip.transferCents,
        ];
      }
    })(),
  };
}
