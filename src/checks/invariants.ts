import { formatCents } from '../money/index.js';
import { RULE_CATALOGUE } from '../rules/catalogue.js';
import type { CheckStore } from './check-store.js';

/** How many offending rows each check lists; the first ones are enough to find the fault. */
export const ROWS_PER_CHECK = 20;

export interface Invariant {
  readonly name: string;
  readonly description: string;
  /** Each message says what is wrong and ends with what to do. */
  readonly run: (store: CheckStore) => string[];
}

const APPEND_ONLY_TRIGGERS = [
  'postings_sealed',
  'entries_no_update',
  'entries_no_delete',
  'postings_no_update',
  'postings_no_delete',
  'share_movements_no_update',
  'share_movements_no_delete',
  'rules_no_update',
  'rules_no_delete',
  'audit_log_no_update',
  'audit_log_no_delete',
  'invoices_gapless',
  'invoices_no_update',
  'invoices_no_delete',
  'invoice_lines_no_update',
  'invoice_lines_no_delete',
  'payout_runs_no_update',
  'payout_runs_no_delete',
  'payslips_no_update',
  'payslips_no_delete',
  'payout_items_no_update',
  'payout_items_no_delete',
  'check_marks_no_update',
  'check_marks_no_delete',
  'pending_payouts_on_issue',
  'pending_payouts_on_payout',
  'pending_payouts_no_update',
  'pending_payouts_only_when_paid_out',
  'open_invoices_on_issue',
  'open_invoices_on_credit',
  'open_invoices_on_payment',
  'open_invoices_on_write_off',
  'open_invoices_no_update',
  'open_invoices_only_when_settled',
];

export const INVARIANTS: readonly Invariant[] = [
  {
    name: 'entries-balance',
    description: 'Every ledger entry balances to the cent and holds exactly the postings it declares',
    run: (store) =>
      store.unbalancedEntries(ROWS_PER_CHECK).map(
        (row) =>
          `entry ${row.id} (${row.key}): postings sum to ${formatCents(row.sum)}, ${row.postings} of ${row.declared} postings, debits ${formatCents(row.debit)} of ${formatCents(row.declaredDebit)}: the book was changed outside smart; restore it from a backup`,
      ),
  },
  {
    name: 'ledger-append-only',
    description: 'The database refuses to update or delete ledger entries, postings, share movements, rules and audit rows',
    run: (store) => {
      const present = new Set(store.triggerNames());
      return APPEND_ONLY_TRIGGERS.filter((name) => !present.has(name)).map(
        (name) => `the guard ${name} is missing: the book was changed outside smart; restore it from a backup`,
      );
    },
  },
  {
    name: 'share-capital',
    description: "Each member's share capital in the ledger equals the nominal value of the shares they hold",
    run: (store) =>
      store.shareCapitalMismatches(ROWS_PER_CHECK).map(
        (row) =>
          `member ${row.memberId}: share capital ${formatCents(row.ledger)} in the ledger but ${formatCents(row.movements)} of shares held: correct it with a reversing entry`,
      ),
  },
  {
    name: 'share-holdings',
    description: 'Active members hold at least one share; members who left hold none; no count is negative',
    run: (store) =>
      store.shareHoldingProblems(ROWS_PER_CHECK).map(
        (row) => `member ${row.memberId} (${row.status}) holds ${row.shares} share(s): buy the missing share (smart shares buy) or record the leave (smart member leave)`,
      ),
  },
  {
    name: 'anonymised-members',
    description: 'An anonymised member holds no personal data: placeholders for name, e-mail, NISS, IBAN, birth date and address; no IBAN on their payslips; no receipt',
    run: (store) =>
      store.personalDataOfAnonymised(ROWS_PER_CHECK).map(
        (row) => `member ${row.memberId} is anonymised but their ${row.field} is still held: the book was changed outside smart; restore it from a backup and anonymise again`,
      ),
  },
  {
    name: 'activity-accounts-not-negative',
    description: "No member's activity account is negative",
    run: (store) =>
      store.negativeActivityAccounts(ROWS_PER_CHECK).map(
        (row) => `member ${row.memberId}: activity account at ${formatCents(row.balance)}: find the entry that overdrew it and reverse it`,
      ),
  },
  {
    name: 'invoice-numbers-gapless',
    description: 'Invoice numbers run 1, 2, 3 ... without a gap in each year',
    run: (store) =>
      store.invoiceNumberGaps().map(
        (row) => `${row.year}: ${row.count} invoice(s) numbered ${row.first} to ${row.last}: the book was changed outside smart; restore it from a backup`,
      ),
  },
  {
    name: 'invoice-postings',
    description: "Each invoice's ledger entry carries exactly its total, VAT, levy, fund and budget",
    run: (store) =>
      store.invoicePostingMismatches(ROWS_PER_CHECK).map(
        (row) => `invoice ${row.number}: ${row.field} ${formatCents(row.invoice)} on the invoice but ${formatCents(row.ledger)} in the ledger: correct it with a credit note and a new invoice`,
      ),
  },
  {
    name: 'guarantee-fund',
    description: "The guarantee fund's balance equals the invoices' contributions, less what credit notes took back, less the write-offs",
    run: (store) => {
      const fund = store.guaranteeFund();
      const expected = fund.contributions - fund.credited - fund.writtenOff;
      return fund.ledger === expected
        ? []
        : [
            `the guarantee fund is at ${formatCents(fund.ledger)} in the ledger but ${formatCents(expected)} from the invoices (${formatCents(fund.contributions)} contributed, ${formatCents(fund.credited)} taken back by credit notes, ${formatCents(fund.writtenOff)} written off): the book was changed outside smart; restore it from a backup`,
          ];
    },
  },
  {
    name: 'credits-within-invoice',
    description: 'No invoice is credited for more than its amount',
    run: (store) =>
      store.overCreditedInvoices(ROWS_PER_CHECK).map(
        (row) => `invoice ${row.number}: ${formatCents(row.credited)} credited on ${formatCents(row.amount)}: reissue the excess as a new invoice`,
      ),
  },
  {
    name: 'contracts-match-invoices',
    description: 'A contract is marked invoiced exactly when it has its invoice',
    run: (store) =>
      store.contractStatusMismatches(ROWS_PER_CHECK).map(
        (row) => `contract ${row.id} is ${row.status} with ${row.invoices} invoice(s): the book was changed outside smart; restore it from a backup`,
      ),
  },
  {
    name: 'receivables-match-invoices',
    description: "Each client's receivable equals what is open on their invoices (issued, less credit notes, payments and write-offs)",
    run: (store) =>
      store.receivableMismatches(ROWS_PER_CHECK).map(
        (row) => `client ${row.clientId}: receivable ${formatCents(row.ledger)} in the ledger but ${formatCents(row.invoices)} open on the invoices: the book was changed outside smart; restore it from a backup`,
      ),
  },
  {
    name: 'paid-out-once',
    description: 'No invoice is paid out twice, and only invoices are paid out',
    run: (store) =>
      store.payoutsNotOnce(ROWS_PER_CHECK).map(
        (row) => `invoice id ${row.invoiceId} (${row.kind}) paid out ${row.times} time(s): the book was changed outside smart; restore it from a backup`,
      ),
  },
  {
    name: 'pending-payouts',
    description: 'Every invoice is either paid out or on the list of pending payouts the weekly run reads, never both; the list holds nothing else',
    run: (store) =>
      store.pendingPayoutProblems(ROWS_PER_CHECK).map(
        (row) => `invoice ${row.number} (id ${row.invoiceId}) is ${row.problem}: the book was changed outside smart; restore it from a backup`,
      ),
  },
  {
    name: 'open-invoices',
    description: 'The list of open invoices (what the overdue list and the write-offs read) holds exactly the invoices still owed on',
    run: (store) =>
      store.openInvoiceProblems(ROWS_PER_CHECK).map(
        (row) => `invoice ${row.number} (id ${row.invoiceId}) is ${row.problem}: the book was changed outside smart; restore it from a backup`,
      ),
  },
  {
    name: 'run-totals',
    description: "Each payout run's totals equal the sum of its payslips (and so the SEPA file's control sum)",
    run: (store) =>
      store.runTotalMismatches(ROWS_PER_CHECK).map(
        (row) => `run ${row.week}: ${row.field} ${row.field === 'payslips' ? row.run : formatCents(row.run)} on the run but ${row.field === 'payslips' ? row.payslips : formatCents(row.payslips)} in its payslips: the book was changed outside smart; restore it from a backup`,
      ),
  },
  {
    name: 'payslip-postings',
    description: "Each payslip's ledger entry carries its figures, and its net is spread exactly over the invoices it paid",
    run: (store) =>
      store.payslipPostingMismatches(ROWS_PER_CHECK).map(
        (row) => `payslip ${row.id}: ${row.field} ${formatCents(row.payslip)} on the payslip but ${formatCents(row.ledger)} in the book: the book was changed outside smart; restore it from a backup`,
      ),
  },
  {
    name: 'payroll-matches-ledger',
    description: "Each month's payroll export totals equal the postings of that month's payout entries",
    run: (store) =>
      store.payrollLedgerMismatches(ROWS_PER_CHECK).map(
        (row) =>
          `${row.month}: ${row.field} ${formatCents(row.payroll)} in the payroll export but ${formatCents(row.ledger)} in the ledger's payout entries: the book was changed outside smart; restore it from a backup`,
      ),
  },
  {
    name: 'social-security-matches-onss',
    description: "Each quarter's social-security export total due equals the ONSS payable credited by its payout entries",
    run: (store) =>
      store.socialSecurityOnssMismatches(ROWS_PER_CHECK).map(
        (row) =>
          `${row.quarter}: ${formatCents(row.export)} due in the social-security export but ${formatCents(row.ledger)} credited to liabilities:onss by the payout entries: the book was changed outside smart; restore it from a backup`,
      ),
  },
  {
    name: 'rules-complete',
    description: 'Every rule smart computes with has a value',
    run: (store) => {
      const present = new Set(store.ruleNames());
      return RULE_CATALOGUE.filter((rule) => !present.has(rule.name)).map(
        (rule) => `the rule ${rule.name} has no value: set one with smart rules set ${rule.name} VALUE --from DATE`,
      );
    },
  },
  {
    name: 'schema-recorded',
    description: 'Every migration applied to the book is recorded',
    run: (store) => {
      const versions = store.recordedMigrations();
      const expected = store.schemaVersion();
      const complete = versions.length === expected && versions.every((version, index) => version === index + 1);
      return complete ? [] : [`schema version ${expected} but migrations ${versions.join(', ') || 'none'} recorded: restore the book from a backup`];
    },
  },
];
