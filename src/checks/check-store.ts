import type { Book } from '../book/open-book.js';
import { PAYROLL_ROWS_SQL } from '../payroll/payroll-export-store.js';
import { SOCIAL_SECURITY_FIGURES_SQL } from '../payroll/social-security-export-store.js';

/** Accounts by code, looked up once per query (a constant subquery), never per posting. */
const ACCOUNT_ID = (code: string): string => `(SELECT id FROM accounts WHERE code = '${code}')`;
const PAYABLES = `(${['liabilities:net-salaries', 'liabilities:expenses-payable', 'liabilities:onss', 'liabilities:withholding-tax'].map(ACCOUNT_ID).join(', ')})`;
/** The members' activity accounts, gathered once into a list the query probes in memory. */
const ACTIVITY_ACCOUNTS = `(SELECT id FROM accounts WHERE code LIKE 'liabilities:activity:member-%')`;

/**
 * The postings of the payout entries (reason payout.salary, one per payslip) per month of their
 * date, the run date: credits to the payables as positive amounts, the activity accounts' net
 * debit, and whatever went to any other account (nothing, in a sound book). One scan of the
 * entries, each payout entry's postings by index; accounts are matched by id against lists
 * read once (joining accounts per posting made this three times slower on a ten-year book).
 */
const PAYOUT_LEDGER_BY_MONTH_SQL = `
  SELECT substr(e.date, 1, 7) AS month,
         SUM(CASE WHEN p.account_id = ${ACCOUNT_ID('liabilities:net-salaries')} THEN -p.amount_cents ELSE 0 END) AS net,
         SUM(CASE WHEN p.account_id = ${ACCOUNT_ID('liabilities:expenses-payable')} THEN -p.amount_cents ELSE 0 END) AS expenses,
         SUM(CASE WHEN p.account_id = ${ACCOUNT_ID('liabilities:onss')} THEN -p.amount_cents ELSE 0 END) AS onss,
         SUM(CASE WHEN p.account_id = ${ACCOUNT_ID('liabilities:withholding-tax')} THEN -p.amount_cents ELSE 0 END) AS withholding,
         SUM(CASE WHEN p.account_id IN ${PAYABLES} THEN 0 WHEN p.account_id IN ${ACTIVITY_ACCOUNTS} THEN p.amount_cents ELSE 0 END) AS activity,
         SUM(CASE WHEN p.account_id IN ${PAYABLES} THEN 0 WHEN p.account_id IN ${ACTIVITY_ACCOUNTS} THEN 0 ELSE abs(p.amount_cents) END) AS other
  FROM entries e CROSS JOIN postings p ON p.entry_id = e.id
  WHERE e.reason = 'payout.salary'
  GROUP BY month`;

/** What the payout entries of one month (or quarter) posted, in cents. */
interface PayoutLedger {
  net: number;
  expenses: number;
  onss: number;
  withholding: number;
  activity: number;
  other: number;
}

function quarterOfMonth(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) + 2) / 3)}`;
}

/** The queries behind `smart check`: each returns only the rows that break an invariant. */
export class CheckStore {
  /** The payout entries' postings per month, read once for the two invariants that need them. */
  private payoutLedger: Map<string, PayoutLedger> | undefined;

  constructor(private readonly book: Book) {}

  unbalancedEntries(limit: number): { id: number; key: string; sum: number; postings: number; declared: number; debit: number; declaredDebit: number }[] {
    return this.book
      .prepare(
        `SELECT e.id, e.key, coalesce(SUM(p.amount_cents), 0) AS sum, COUNT(p.id) AS postings, e.posting_count AS declared,
                coalesce(SUM(CASE WHEN p.amount_cents > 0 THEN p.amount_cents ELSE 0 END), 0) AS debit, e.debit_cents AS declaredDebit
         FROM entries e LEFT JOIN postings p ON p.entry_id = e.id
         GROUP BY e.id
         HAVING sum <> 0 OR postings <> declared OR debit <> declaredDebit
         LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Share capital in the ledger per member against the share movements' nominal values. */
  shareCapitalMismatches(limit: number): { memberId: number; ledger: number; movements: number }[] {
    return this.book
      .prepare(
        `WITH ledger AS (
           SELECT a.member_id, -SUM(p.amount_cents) AS cents FROM accounts a JOIN postings p ON p.account_id = a.id
           WHERE a.code LIKE 'equity:share-capital:member-%' GROUP BY a.member_id),
         movements AS (
           SELECT member_id, SUM(count * unit_price_cents) AS cents FROM share_movements GROUP BY member_id)
         SELECT m.member_id AS memberId, coalesce(l.cents, 0) AS ledger, m.cents AS movements
         FROM movements m LEFT JOIN ledger l ON l.member_id = m.member_id
         WHERE coalesce(l.cents, 0) <> m.cents
         UNION ALL
         SELECT l.member_id, l.cents, 0 FROM ledger l
         WHERE l.cents <> 0 AND NOT EXISTS (SELECT 1 FROM movements m WHERE m.member_id = l.member_id)
         LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Personal data still held on anonymised members (`member anonymise` replaces it all): which member, which field. */
  personalDataOfAnonymised(limit: number): { memberId: number; field: string }[] {
    return this.book
      .prepare(
        `SELECT id AS memberId, CASE WHEN name <> 'anonymised member ' || id THEN 'name' WHEN email <> '' THEN 'e-mail'
                WHEN niss <> 'anonymised-' || id THEN 'NISS' WHEN iban <> '' THEN 'IBAN' WHEN birth_date <> '' THEN 'birth date' ELSE 'address' END AS field
         FROM members WHERE anonymised_on IS NOT NULL
           AND (name <> 'anonymised member ' || id OR email <> '' OR niss <> 'anonymised-' || id OR iban <> '' OR birth_date <> '' OR address <> '')
         UNION ALL
         SELECT p.member_id, 'IBAN on payslip ' || p.id FROM members m JOIN payslips p ON p.member_id = m.id WHERE m.anonymised_on IS NOT NULL AND p.iban <> ''
         UNION ALL
         SELECT m.id, 'receipt of expense note ' || e.id FROM members m JOIN expense_notes e ON e.member_id = m.id JOIN expense_receipts r ON r.expense_id = e.id
         WHERE m.anonymised_on IS NOT NULL AND length(r.content) > 0
         LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Members whose share count is wrong for their status: negative, none while active, some after leaving. */
  shareHoldingProblems(limit: number): { memberId: number; status: string; shares: number }[] {
    return this.book
      .prepare(
        `SELECT m.id AS memberId, m.status, coalesce(s.shares, 0) AS shares FROM members m
         LEFT JOIN (SELECT member_id, SUM(count) AS shares FROM share_movements GROUP BY member_id) s ON s.member_id = m.id
         WHERE coalesce(s.shares, 0) < 0
            OR (m.status = 'active' AND coalesce(s.shares, 0) = 0)
            OR (m.status = 'left' AND coalesce(s.shares, 0) <> 0)
         LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Activity accounts are liabilities (credit, negative sum); a positive sum means the member owes. */
  negativeActivityAccounts(limit: number): { memberId: number; balance: number }[] {
    return this.book
      .prepare(
        `SELECT a.member_id AS memberId, -SUM(p.amount_cents) AS balance FROM accounts a JOIN postings p ON p.account_id = a.id
         WHERE a.code LIKE 'liabilities:activity:member-%' GROUP BY a.id HAVING SUM(p.amount_cents) > 0 LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Years whose invoice numbers do not run 1, 2, 3 ... without a gap. */
  invoiceNumberGaps(): { year: number; count: number; first: number; last: number }[] {
    return this.book
      .prepare(
        `SELECT year, COUNT(*) AS count, MIN(sequence) AS first, MAX(sequence) AS last FROM invoices
         GROUP BY year HAVING MIN(sequence) <> 1 OR MAX(sequence) <> COUNT(*)`,
      )
      .all() as never;
  }

  /** Invoices whose ledger entry does not carry exactly their receivable, VAT, levy, fund and budget. */
  invoicePostingMismatches(limit: number): { number: string; field: string; invoice: number; ledger: number }[] {
    return this.book
      .prepare(
        `WITH posted AS (
           SELECT i.id, i.number, i.kind, i.total_cents, i.vat_cents, i.levy_cents, i.fund_cents + i.budget_cents AS member_share,
             coalesce(SUM(CASE WHEN a.code LIKE 'assets:receivable:%' THEN p.amount_cents END), 0) AS receivable,
             coalesce(SUM(CASE WHEN a.code = 'liabilities:vat-payable' THEN p.amount_cents END), 0) AS vat,
             coalesce(SUM(CASE WHEN a.code = 'income:levy' THEN p.amount_cents END), 0) AS levy,
             coalesce(SUM(CASE WHEN a.code = 'equity:guarantee-fund' OR a.code LIKE 'liabilities:activity:%' THEN p.amount_cents END), 0) AS share
           FROM invoices i JOIN postings p ON p.entry_id = i.entry_id JOIN accounts a ON a.id = p.account_id
           GROUP BY i.id)
         SELECT number, field, invoice, ledger FROM (
           SELECT number, 'total' AS field, total_cents AS invoice, CASE kind WHEN 'invoice' THEN receivable ELSE -receivable END AS ledger FROM posted
           UNION ALL SELECT number, 'VAT', vat_cents, CASE kind WHEN 'invoice' THEN -vat ELSE vat END FROM posted
           UNION ALL SELECT number, 'levy', levy_cents, CASE kind WHEN 'invoice' THEN -levy ELSE levy END FROM posted
           UNION ALL SELECT number, 'fund and budget', member_share, CASE kind WHEN 'invoice' THEN -share ELSE share END FROM posted)
         WHERE invoice <> ledger LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Invoices credited for more than their amount. */
  overCreditedInvoices(limit: number): { number: string; amount: number; credited: number }[] {
    return this.book
      .prepare(
        `SELECT i.number, i.amount_excl_vat_cents AS amount, SUM(c.amount_excl_vat_cents) AS credited
         FROM invoices i JOIN invoices c ON c.credited_invoice_id = i.id
         GROUP BY i.id HAVING SUM(c.amount_excl_vat_cents) > i.amount_excl_vat_cents LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Contracts whose status disagrees with their invoice: invoiced without one, or open with one. */
  contractStatusMismatches(limit: number): { id: number; status: string; invoices: number }[] {
    return this.book
      .prepare(
        `SELECT c.id, c.status, COUNT(i.id) AS invoices FROM contracts c
         LEFT JOIN invoices i ON i.contract_id = c.id AND i.kind = 'invoice'
         GROUP BY c.id HAVING (c.status = 'invoiced') <> (COUNT(i.id) = 1) LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Clients whose receivable in the ledger differs from what is open on their invoices (less payments and write-offs). */
  receivableMismatches(limit: number): { clientId: number; ledger: number; invoices: number }[] {
    return this.book
      .prepare(
        `WITH ledger AS (
           SELECT a.client_id, SUM(p.amount_cents) AS cents FROM accounts a JOIN postings p ON p.account_id = a.id
           WHERE a.code LIKE 'assets:receivable:client-%' GROUP BY a.client_id),
         open AS (
           SELECT client_id, SUM(CASE kind WHEN 'invoice' THEN total_cents ELSE -total_cents END) AS cents FROM invoices GROUP BY client_id),
         paid AS (SELECT client_id, SUM(amount_cents) AS cents FROM payments WHERE kind = 'invoice' GROUP BY client_id),
         lost AS (SELECT i.client_id, SUM(w.open_cents) AS cents FROM write_offs w JOIN invoices i ON i.id = w.invoice_id GROUP BY i.client_id)
         SELECT o.client_id AS clientId, coalesce(l.cents, 0) AS ledger, o.cents - coalesce(p.cents, 0) - coalesce(w.cents, 0) AS invoices
         FROM open o LEFT JOIN ledger l ON l.client_id = o.client_id LEFT JOIN paid p ON p.client_id = o.client_id
           LEFT JOIN lost w ON w.client_id = o.client_id
         WHERE coalesce(l.cents, 0) <> o.cents - coalesce(p.cents, 0) - coalesce(w.cents, 0) LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Invoices paid out more than once, or payout items that are not invoices. */
  payoutsNotOnce(limit: number): { invoiceId: number; times: number; kind: string }[] {
    return this.book
      .prepare(
        `SELECT p.invoice_id AS invoiceId, COUNT(*) AS times, coalesce(i.kind, 'missing') AS kind
         FROM payout_items p LEFT JOIN invoices i ON i.id = p.invoice_id
         GROUP BY p.invoice_id HAVING COUNT(*) > 1 OR coalesce(i.kind, 'missing') <> 'invoice' LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Runs whose totals differ from the sum of their payslips. */
  runTotalMismatches(limit: number): { week: string; field: string; run: number; payslips: number }[] {
    return this.book
      .prepare(
        `WITH sums AS (
           SELECT r.week, r.payslip_count, r.total_net_cents, r.total_transfer_cents,
                  COUNT(p.id) AS n, coalesce(SUM(p.net_cents), 0) AS net, coalesce(SUM(p.transfer_cents), 0) AS transfer
           FROM payout_runs r LEFT JOIN payslips p ON p.run_id = r.id GROUP BY r.id)
         SELECT week, field, run, payslips FROM (
           SELECT week, 'payslips' AS field, payslip_count AS run, n AS payslips FROM sums
           UNION ALL SELECT week, 'net', total_net_cents, net FROM sums
           UNION ALL SELECT week, 'transfers', total_transfer_cents, transfer FROM sums)
         WHERE run <> payslips LIMIT ?`,
      )
      .all(limit) as never;
  }

  /** Payslips whose ledger entry does not carry their figures, or whose items do not add up to their net. */
  payslipPostingMismatches(limit: number): { id: number; field: string; payslip: number; ledger: number }[] {
    return this.book
      .prepare(
        `WITH posted AS (
           SELECT s.id, s.net_cents, s.expenses_cents, s.gross_cents + s.employer_cents + s.holiday_cents + s.expenses_cents AS paid,
             coalesce(SUM(CASE WHEN a.code LIKE 'liabilities:activity:%' THEN p.amount_cents END), 0) AS activity,
             coalesce(SUM(CASE WHEN a.code = 'liabilities:net-salaries' THEN -p.amount_cents END), 0) AS net,
             coalesce(SUM(CASE WHEN a.code = 'liabilities:expenses-payable' THEN -p.amount_cents END), 0) AS expenses,
             (SELECT coalesce(SUM(i.net_cents), 0) FROM payout_items i WHERE i.payslip_id = s.id) AS items,
             (SELECT COUNT(*) FROM payout_items i WHERE i.payslip_id = s.id) AS itemCount
           FROM payslips s JOIN postings p ON p.entry_id = s.entry_id JOIN accounts a ON a.id = p.account_id GROUP BY s.id)
         SELECT id, field, payslip, ledger FROM (
           SELECT id, 'activity account' AS field, paid AS payslip, activity AS ledger FROM posted
           UNION ALL SELECT id, 'net', net_cents, net FROM posted
           UNION ALL SELECT id, 'expenses', expenses_cents, expenses FROM posted
           UNION ALL SELECT id, 'net over invoices', net_cents, items FROM posted WHERE itemCount > 0)
         WHERE payslip <> ledger LIMIT ?`,
      )
      .all(limit) as never;
  }

  private payoutLedgerByMonth(): Map<string, PayoutLedger> {
    this.payoutLedger ??= new Map(
      (this.book.prepare(PAYOUT_LEDGER_BY_MONTH_SQL).all() as (PayoutLedger & { month: string })[]).map(({ month, ...sums }) => [month, sums]),
    );
    return this.payoutLedger;
  }

  /**
   * Months whose payroll export totals (the export's own query, summed per month in SQL) differ
   * from the postings of that month's payout entries: net, expenses, ONSS, withholding, the
   * activity accounts' debits (gross + employer + holiday + expenses), and nothing on any other
   * account. One grouped pass over the payslips, one over the payout entries.
   */
  payrollLedgerMismatches(limit: number): { month: string; field: string; payroll: number; ledger: number }[] {
    const payroll = this.book
      .prepare(
        `SELECT substr(payDate, 1, 7) AS month, SUM(netCents) AS net, SUM(expensesCents) AS expenses,
                SUM(employeeCents + employerCents + holidayCents + specialCents) AS onss, SUM(withholdingCents) AS withholding,
                SUM(grossCents + employerCents + holidayCents + expensesCents) AS activity, 0 AS other
         FROM (${PAYROLL_ROWS_SQL}) GROUP BY month`,
      )
      .all({ from: '0000-01-01', to: '9999-12-31' }) as (PayoutLedger & { month: string })[];
    const exported = new Map(payroll.map(({ month, ...sums }) => [month, sums]));
    const ledger = this.payoutLedgerByMonth();
    const fields: readonly [keyof PayoutLedger, string][] = [
      ['net', 'net'],
      ['expenses', 'expenses'],
      ['onss', 'ONSS (employee + employer + holiday + special)'],
      ['withholding', 'withholding'],
      ['activity', 'activity accounts (gross + employer + holiday + expenses)'],
      ['other', 'other accounts'],
    ];
    const months = [...new Set([...exported.keys(), ...ledger.keys()])].sort();
    return months
      .flatMap((month) =>
        fields.map(([key, field]) => ({ month, field, payroll: exported.get(month)?.[key] ?? 0, ledger: ledger.get(month)?.[key] ?? 0 })),
      )
      .filter((row) => row.payroll !== row.ledger)
      .slice(0, limit);
  }

  /**
   * Quarters whose social-security export total due (the export's own query, summed per quarter
   * in SQL) differs from the credits to liabilities:onss of the quarter's payout entries.
   */
  socialSecurityOnssMismatches(limit: number): { quarter: string; export: number; ledger: number }[] {
    const exported = new Map(
      (
        this.book
          .prepare(`SELECT quarter, SUM(dueCents) AS due FROM (${SOCIAL_SECURITY_FIGURES_SQL}) GROUP BY quarter`)
          .all({ from: '0000-01-01', to: '9999-12-31' }) as { quarter: string; due: number }[]
      ).map((row) => [row.quarter, row.due]),
    );
    const ledger = new Map<string, number>();
    for (const [month, sums] of this.payoutLedgerByMonth()) {
      const quarter = quarterOfMonth(month);
      ledger.set(quarter, (ledger.get(quarter) ?? 0) + sums.onss);
    }
    return [...new Set([...exported.keys(), ...ledger.keys()])]
      .sort()
      .map((quarter) => ({ quarter, export: exported.get(quarter) ?? 0, ledger: ledger.get(quarter) ?? 0 }))
      .filter((row) => row.export !== row.ledger)
      .slice(0, limit);
  }

  triggerNames(): string[] {
    return (this.book.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]).map((row) => row.name);
  }

  ruleNames(): string[] {
    return (this.book.prepare('SELECT DISTINCT name FROM rules').all() as { name: string }[]).map((row) => row.name);
  }

  recordedMigrations(): number[] {
    return (this.book.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((row) => row.version);
  }

  schemaVersion(): number {
    return this.book.pragma('user_version', { simple: true }) as number;
  }
}
