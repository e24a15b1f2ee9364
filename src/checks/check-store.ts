import type { Book } from '../book/open-book.js';
import { EXPENSES_PAYABLE, GUARANTEE_FUND, LEVY_INCOME, NET_SALARIES_PAYABLE, ONSS_PAYABLE, VAT_PAYABLE, WITHHOLDING_PAYABLE } from '../ledger/chart.js';
import { PAYROLL_ROWS_SQL } from '../payroll/payroll-export-store.js';
import { SOCIAL_SECURITY_FIGURES_SQL } from '../payroll/social-security-export-store.js';

/**
 * The postings of the payout entries (reason payout.salary, one per payslip) per month of their
 * date, the run date: credits to the payables as positive amounts, the member's activity
 * account's net debit, and whatever went to any other account (nothing, in a sound book). The
 * payout entries come from entries_by_reason in date order (no sort), their postings from the
 * covering postings_by_entry, accounts compared by id: the fixed ones bound once, the member's
 * activity account found once per entry.
 */
const PAYOUT_LEDGER_BY_MONTH_SQL = `
  SELECT substr(e.date, 1, 7) AS month,
         SUM(CASE WHEN p.account_id = @net THEN -p.amount_cents ELSE 0 END) AS net,
         SUM(CASE WHEN p.account_id = @expenses THEN -p.amount_cents ELSE 0 END) AS expenses,
         SUM(CASE WHEN p.account_id = @onss THEN -p.amount_cents ELSE 0 END) AS onss,
         SUM(CASE WHEN p.account_id = @withholding THEN -p.amount_cents ELSE 0 END) AS withholding,
         SUM(CASE WHEN p.account_id = m.id THEN p.amount_cents ELSE 0 END) AS activity,
         SUM(CASE WHEN p.account_id IN (@net, @expenses, @onss, @withholding, m.id) THEN 0 ELSE abs(p.amount_cents) END) AS other
  FROM entries e INDEXED BY entries_by_reason
  LEFT JOIN accounts m ON m.code = 'liabilities:activity:member-' || e.member_id
  CROSS JOIN postings p INDEXED BY postings_by_entry ON p.entry_id = e.id
  WHERE e.reason = 'payout.salary' AND e.date >= @from
  GROUP BY month`;

/**
 * A list of invoices the database keeps by triggers (migration 010): its table, what it is
 * called in messages, and which invoices (of kind 'invoice') belong on it, as SQL on an id.
 */
interface InvoiceList {
  readonly table: 'pending_payouts' | 'open_invoices';
  readonly name: string;
  readonly belongs: (id: string) => string;
  /** On the list though it does not belong. */
  readonly extra: string;
  /** Belongs on the list but is not on it. */
  readonly missing: string;
}

const PENDING_PAYOUTS: InvoiceList = {
  table: 'pending_payouts',
  name: 'the list of pending payouts',
  belongs: (id) => `NOT EXISTS (SELECT 1 FROM payout_items p WHERE p.invoice_id = ${id})`,
  extra: 'paid out and still on the list of pending payouts',
  missing: 'neither paid out nor on the list of pending payouts',
};

const OPEN_INVOICES: InvoiceList = {
  table: 'open_invoices',
  name: 'the list of open invoices',
  belongs: (id) => `(SELECT total_cents FROM invoices WHERE id = ${id})
    - coalesce((SELECT SUM(n.total_cents) FROM invoices n WHERE n.credited_invoice_id = ${id}), 0)
    - coalesce((SELECT SUM(p.amount_cents) FROM payments p WHERE p.invoice_id = ${id}), 0)
    - coalesce((SELECT w.open_cents FROM write_offs w WHERE w.invoice_id = ${id}), 0) > 0`,
  extra: 'settled but still on the list of open invoices',
  missing: 'owed on but not on the list of open invoices',
};

/** The key shown for postings whose entry is missing. */
const NO_SUCH_ENTRY = '(no such entry)';

/** The chart's fixed accounts the checks compare postings with, by parameter name. */
const FIXED_ACCOUNTS = {
  vat: VAT_PAYABLE.code,
  levy: LEVY_INCOME.code,
  fund: GUARANTEE_FUND.code,
  net: NET_SALARIES_PAYABLE.code,
  expenses: EXPENSES_PAYABLE.code,
  onss: ONSS_PAYABLE.code,
  withholding: WITHHOLDING_PAYABLE.code,
} as const;
type FixedAccountIds = Record<keyof typeof FIXED_ACCOUNTS, number>;

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

/**
 * How far a passing check went: the last entry, invoice, payslip, payout run and contract it
 * proved (0: none). Rows after these are the ones a check from this mark proves one by one.
 */
export interface CheckMark {
  readonly entryId: number;
  readonly invoiceId: number;
  readonly payslipId: number;
  readonly runId: number;
  readonly contractId: number;
}

/** The mark of an empty book: a check from it proves every row. */
export const FROM_THE_START: CheckMark = { entryId: 0, invoiceId: 0, payslipId: 0, runId: 0, contractId: 0 };

/** A mark as recorded, with when and how far its check went. */
export interface RecordedCheckMark extends CheckMark {
  readonly checkedAt: string;
  readonly scope: 'full' | 'since';
}

/**
 * The queries behind `smart check`: each returns only the rows that break an invariant. The
 * invariants about single rows (an entry, an invoice, a payslip, a run, a contract) and about
 * periods (the payroll of a month, the ONSS of a quarter) look only at the rows after `since`,
 * and at the periods those rows fall in; the balances are always of the whole book.
 */
export class CheckStore {
  /** The payout entries' postings per month, read once for the two invariants that need them. */
  private payoutLedger: Map<string, PayoutLedger> | undefined;
  private fixedAccountIds: FixedAccountIds | undefined;

  constructor(
    private readonly book: Book,
    private readonly since: CheckMark = FROM_THE_START,
  ) {}

  /** How far the book goes now: the mark a check that passes on it records. */
  currentMark(): CheckMark {
    return this.book
      .prepare(
        `SELECT (SELECT coalesce(max(id), 0) FROM entries) AS entryId, (SELECT coalesce(max(id), 0) FROM invoices) AS invoiceId,
                (SELECT coalesce(max(id), 0) FROM payslips) AS payslipId, (SELECT coalesce(max(id), 0) FROM payout_runs) AS runId,
                (SELECT coalesce(max(id), 0) FROM contracts) AS contractId`,
      )
      .get() as CheckMark;
  }

  /** The last mark recorded by a check that passed, if any. */
  lastMark(): RecordedCheckMark | undefined {
    return this.book
      .prepare(
        `SELECT checked_at AS checkedAt, scope, entry_id AS entryId, invoice_id AS invoiceId, payslip_id AS payslipId, run_id AS runId,
                contract_id AS contractId
         FROM check_marks ORDER BY id DESC LIMIT 1`,
      )
      .get() as RecordedCheckMark | undefined;
  }

  /** Records the mark of a check that passed. Inside the caller's write transaction. */
  recordMark(mark: CheckMark, scope: 'full' | 'since', checkedAt: string): void {
    this.book
      .prepare(
        `INSERT INTO check_marks (checked_at, scope, entry_id, invoice_id, payslip_id, run_id, contract_id)
         VALUES (@checkedAt, @scope, @entryId, @invoiceId, @payslipId, @runId, @contractId)`,
      )
      .run({ ...mark, scope, checkedAt });
  }

  /**
   * Entries whose postings do not sum to zero, or differ from the count and debit total the
   * entry declares. Each entry's postings are summed from the covering index postings_by_entry
   * alone, then the entry is looked up by its key: a quarter faster on a ten-year book than
   * reading every entry and probing its postings. An entry with no posting at all cannot show
   * in that join; it shows in the totals (every entry declares two postings or more) or hides
   * behind postings whose entry is gone, and only then are the entries without postings looked
   * for, one by one.
   */
  unbalancedEntries(limit: number): { id: number; key: string; sum: number; postings: number; declared: number; debit: number; declaredDebit: number }[] {
    const unbalanced = this.book
      .prepare(
        `SELECT g.entry_id AS id, coalesce(e.key, '${NO_SUCH_ENTRY}') AS key, g.sum, g.postings,
                coalesce(e.posting_count, 0) AS declared, g.debit, coalesce(e.debit_cents, 0) AS declaredDebit
         FROM (SELECT entry_id, SUM(amount_cents) AS sum, COUNT(*) AS postings, SUM(max(amount_cents, 0)) AS debit
               FROM postings INDEXED BY postings_by_entry WHERE entry_id > @after GROUP BY entry_id) g
         LEFT JOIN entries e ON e.id = g.entry_id
         WHERE e.id IS NULL OR g.sum <> 0 OR g.postings <> e.posting_count OR g.debit <> e.debit_cents
         LIMIT @limit`,
      )
      .all({ after: this.since.entryId, limit }) as { id: number; key: string; sum: number; postings: number; declared: number; debit: number; declaredDebit: number }[];
    const totals = this.book
      .prepare(
        `SELECT (SELECT COUNT(*) FROM postings INDEXED BY postings_by_entry WHERE entry_id > @after) AS postings,
                (SELECT coalesce(SUM(posting_count), 0) FROM entries WHERE id > @after) AS declared`,
      )
      .get({ after: this.since.entryId }) as { postings: number; declared: number };
    const empty =
      (totals.postings === totals.declared && !unbalanced.some((row) => row.key === NO_SUCH_ENTRY)) || unbalanced.length >= limit
        ? []
        : (this.book
            .prepare(
              `SELECT e.id, e.key, 0 AS sum, 0 AS postings, e.posting_count AS declared, 0 AS debit, e.debit_cents AS declaredDebit
               FROM entries e WHERE e.id > @after AND NOT EXISTS (SELECT 1 FROM postings p WHERE p.entry_id = e.id) LIMIT @limit`,
            )
            .all({ after: this.since.entryId, limit: limit - unbalanced.length }) as typeof unbalanced);
    return [...unbalanced, ...empty];
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

  /**
   * Personal data still held on anonymised members (`member anonymise` replaces it all): which
   * member, which field. The anonymised members first, then their payslips and expense notes by
   * member (CROSS JOIN): never a scan of every payslip of the book.
   */
  personalDataOfAnonymised(limit: number): { memberId: number; field: string }[] {
    return this.book
      .prepare(
        `SELECT id AS memberId, CASE WHEN name <> 'anonymised member ' || id THEN 'name' WHEN email <> '' THEN 'e-mail'
                WHEN niss <> 'anonymised-' || id THEN 'NISS' WHEN iban <> '' THEN 'IBAN' WHEN birth_date <> '' THEN 'birth date' ELSE 'address' END AS field
         FROM members WHERE anonymised_on IS NOT NULL
           AND (name <> 'anonymised member ' || id OR email <> '' OR niss <> 'anonymised-' || id OR iban <> '' OR birth_date <> '' OR address <> '')
         UNION ALL
         SELECT p.member_id, 'IBAN on payslip ' || p.id FROM members m CROSS JOIN payslips p ON p.member_id = m.id WHERE m.anonymised_on IS NOT NULL AND p.iban <> ''
         UNION ALL
         SELECT m.id, 'receipt of expense note ' || e.id FROM members m CROSS JOIN expense_notes e ON e.member_id = m.id JOIN expense_receipts r ON r.expense_id = e.id
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

  /**
   * Invoices whose ledger entry does not carry exactly their receivable (on their client's
   * account), VAT, levy, fund and budget (on their member's activity account), or posts to any
   * other account. The fixed accounts are compared by id (bound once), the client's and the
   * member's accounts found once per invoice by code, and the postings read from the covering
   * index postings_by_entry: three times faster on a ten-year book than joining every posting
   * to its account and matching codes.
   */
  invoicePostingMismatches(limit: number): { number: string; field: string; invoice: number; ledger: number }[] {
    return this.book
      .prepare(
        `WITH posted AS (
           SELECT i.number, i.kind, i.total_cents, i.vat_cents, i.levy_cents, i.fund_cents + i.budget_cents AS member_share,
             coalesce(SUM(CASE WHEN p.account_id = r.id THEN p.amount_cents END), 0) AS receivable,
             coalesce(SUM(CASE WHEN p.account_id = @vat THEN p.amount_cents END), 0) AS vat,
             coalesce(SUM(CASE WHEN p.account_id = @levy THEN p.amount_cents END), 0) AS levy,
             coalesce(SUM(CASE WHEN p.account_id = @fund OR p.account_id = m.id THEN p.amount_cents END), 0) AS share,
             coalesce(SUM(CASE WHEN p.account_id IN (r.id, @vat, @levy, @fund, m.id) THEN 0 ELSE abs(p.amount_cents) END), 0) AS other
           FROM invoices i
           LEFT JOIN accounts r ON r.code = 'assets:receivable:client-' || i.client_id
           LEFT JOIN accounts m ON m.code = 'liabilities:activity:member-' || i.member_id
           CROSS JOIN postings p INDEXED BY postings_by_entry ON p.entry_id = i.entry_id
           WHERE i.id > @after
           GROUP BY i.id)
         SELECT number, field, invoice, ledger FROM (
           SELECT number, 'total' AS field, total_cents AS invoice, CASE kind WHEN 'invoice' THEN receivable ELSE -receivable END AS ledger FROM posted
           UNION ALL SELECT number, 'VAT', vat_cents, CASE kind WHEN 'invoice' THEN -vat ELSE vat END FROM posted
           UNION ALL SELECT number, 'levy', levy_cents, CASE kind WHEN 'invoice' THEN -levy ELSE levy END FROM posted
           UNION ALL SELECT number, 'fund and budget', member_share, CASE kind WHEN 'invoice' THEN -share ELSE share END FROM posted
           UNION ALL SELECT number, 'other accounts', 0, other FROM posted)
         WHERE invoice <> ledger LIMIT @limit`,
      )
      .all({ ...this.fixedAccounts(), after: this.since.invoiceId, limit }) as never;
  }

  /**
   * The guarantee fund's balance in the ledger against what fed and drained it: the fund
   * contributions of the invoices issued, less what their credit notes took back from the fund
   * (the contribution, and the salary the fund absorbs when the invoice was already paid out:
   * read from the credit notes' entries, few and found by invoices_by_credited), less the
   * write-offs (the open amount but its VAT). Anything else posted to the fund breaks it.
   */
  guaranteeFund(): { ledger: number; contributions: number; credited: number; writtenOff: number } {
    return this.book
      .prepare(
        `SELECT (SELECT coalesce(-SUM(amount_cents), 0) FROM postings INDEXED BY postings_by_account WHERE account_id = @fund) AS ledger,
                (SELECT coalesce(SUM(fund_cents), 0) FROM invoices INDEXED BY invoices_by_client_total WHERE kind = 'invoice') AS contributions,
                (SELECT coalesce(SUM(p.amount_cents), 0) FROM invoices c INDEXED BY invoices_by_credited
                   CROSS JOIN postings p INDEXED BY postings_by_entry ON p.entry_id = c.entry_id
                 WHERE c.credited_invoice_id IS NOT NULL AND p.account_id = @fund) AS credited,
                (SELECT coalesce(SUM(open_cents - vat_cents), 0) FROM write_offs) AS writtenOff`,
      )
      .get(this.fixedAccounts()) as never;
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
         WHERE c.id IN (SELECT id FROM contracts WHERE id > @contract UNION SELECT contract_id FROM invoices WHERE id > @invoice)
         GROUP BY c.id HAVING (c.status = 'invoiced') <> (COUNT(i.id) = 1) LIMIT @limit`,
      )
      .all({ contract: this.since.contractId, invoice: this.since.invoiceId, limit }) as never;
  }

  /**
   * Clients whose receivable in the ledger differs from what is open on their invoices (less
   * payments and write-offs). Always of the whole book; each side is summed per client from an
   * index alone (migration 009), in client order.
   */
  receivableMismatches(limit: number): { clientId: number; ledger: number; invoices: number }[] {
    return this.book
      .prepare(
        `WITH ledger AS (
           SELECT a.client_id, SUM(p.amount_cents) AS cents
           FROM accounts a INDEXED BY accounts_by_client CROSS JOIN postings p INDEXED BY postings_by_account ON p.account_id = a.id
           WHERE a.client_id IS NOT NULL AND a.code LIKE 'assets:receivable:client-%' GROUP BY a.client_id),
         open AS (
           SELECT client_id, SUM(CASE kind WHEN 'invoice' THEN total_cents ELSE -total_cents END) AS cents
           FROM invoices INDEXED BY invoices_by_client_total GROUP BY client_id),
         paid AS (
           SELECT client_id, SUM(amount_cents) AS cents FROM payments INDEXED BY payments_by_client WHERE kind = 'invoice' GROUP BY client_id),
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
         WHERE p.payslip_id > @after
         GROUP BY p.invoice_id HAVING COUNT(*) > 1 OR coalesce(i.kind, 'missing') <> 'invoice' LIMIT @limit`,
      )
      .all({ after: this.since.payslipId, limit }) as never;
  }

  /**
   * Invoices (after the mark) missing from one of the lists the database keeps (migration 010)
   * though they belong on it, or on it though they do not (credit notes never do); and entries
   * of the list (all of them: a few thousand) that do not belong. An invoice before the mark
   * cannot leave a list unless it no longer belongs (a guard), and payouts, credit notes,
   * payments and write-offs are append-only, so it never belongs again.
   */
  private invoiceListProblems(list: InvoiceList, limit: number): { invoiceId: number; number: string; problem: string }[] {
    return this.book
      .prepare(
        `SELECT invoiceId, number, problem FROM (
           SELECT id AS invoiceId, number,
             CASE WHEN kind <> 'invoice' THEN 'a credit note on ${list.name}' WHEN listed THEN '${list.extra}' ELSE '${list.missing}' END AS problem
           FROM (SELECT i.id, i.number, i.kind, EXISTS (SELECT 1 FROM ${list.table} l WHERE l.invoice_id = i.id) AS listed,
                        CASE i.kind WHEN 'invoice' THEN (${list.belongs('i.id')}) ELSE 0 END AS belongs
                 FROM invoices i WHERE i.id > @after)
           WHERE listed <> belongs
           UNION ALL
           SELECT l.invoice_id, coalesce(i.number, '(no such invoice)'),
             CASE WHEN i.id IS NULL THEN 'on ${list.name} but not in the book' WHEN i.kind <> 'invoice' THEN 'a credit note on ${list.name}' ELSE '${list.extra}' END
           FROM ${list.table} l LEFT JOIN invoices i ON i.id = l.invoice_id
           WHERE l.invoice_id <= @after AND (i.id IS NULL OR i.kind <> 'invoice' OR NOT (${list.belongs('l.invoice_id')})))
         LIMIT @limit`,
      )
      .all({ after: this.since.invoiceId, limit }) as never;
  }

  /** The list of pending payouts against the payout items. */
  pendingPayoutProblems(limit: number): { invoiceId: number; number: string; problem: string }[] {
    return this.invoiceListProblems(PENDING_PAYOUTS, limit);
  }

  /** The list of open invoices against the credit notes, payments and write-offs. */
  openInvoiceProblems(limit: number): { invoiceId: number; number: string; problem: string }[] {
    return this.invoiceListProblems(OPEN_INVOICES, limit);
  }

  /** Runs whose totals differ from the sum of their payslips. */
  runTotalMismatches(limit: number): { week: string; field: string; run: number; payslips: number }[] {
    return this.book
      .prepare(
        `WITH sums AS (
           SELECT r.week, r.payslip_count, r.total_net_cents, r.total_transfer_cents,
                  COUNT(p.id) AS n, coalesce(SUM(p.net_cents), 0) AS net, coalesce(SUM(p.transfer_cents), 0) AS transfer
           FROM payout_runs r LEFT JOIN payslips p ON p.run_id = r.id WHERE r.id > @after GROUP BY r.id)
         SELECT week, field, run, payslips FROM (
           SELECT week, 'payslips' AS field, payslip_count AS run, n AS payslips FROM sums
           UNION ALL SELECT week, 'net', total_net_cents, net FROM sums
           UNION ALL SELECT week, 'transfers', total_transfer_cents, transfer FROM sums)
         WHERE run <> payslips LIMIT @limit`,
      )
      .all({ after: this.since.runId, limit }) as never;
  }

  /**
   * Payslips whose ledger entry does not carry their figures (the activity account debited is
   * their member's), or whose items do not add up to their net. Accounts as for the invoices.
   */
  payslipPostingMismatches(limit: number): { id: number; field: string; payslip: number; ledger: number }[] {
    return this.book
      .prepare(
        `WITH posted AS (
           SELECT s.id, s.net_cents, s.expenses_cents, s.gross_cents + s.employer_cents + s.holiday_cents + s.expenses_cents AS paid,
             coalesce(SUM(CASE WHEN p.account_id = m.id THEN p.amount_cents END), 0) AS activity,
             coalesce(SUM(CASE WHEN p.account_id = @net THEN -p.amount_cents END), 0) AS net,
             coalesce(SUM(CASE WHEN p.account_id = @expenses THEN -p.amount_cents END), 0) AS expenses,
             (SELECT coalesce(SUM(i.net_cents), 0) FROM payout_items i WHERE i.payslip_id = s.id) AS items,
             (SELECT COUNT(*) FROM payout_items i WHERE i.payslip_id = s.id) AS itemCount
           FROM payslips s
           LEFT JOIN accounts m ON m.code = 'liabilities:activity:member-' || s.member_id
           CROSS JOIN postings p INDEXED BY postings_by_entry ON p.entry_id = s.entry_id
           WHERE s.id > @after
           GROUP BY s.id)
         SELECT id, field, payslip, ledger FROM (
           SELECT id, 'activity account' AS field, paid AS payslip, activity AS ledger FROM posted
           UNION ALL SELECT id, 'net', net_cents, net FROM posted
           UNION ALL SELECT id, 'expenses', expenses_cents, expenses FROM posted
           UNION ALL SELECT id, 'net over invoices', net_cents, items FROM posted WHERE itemCount > 0)
         WHERE payslip <> ledger LIMIT @limit`,
      )
      .all({ ...this.fixedAccounts(), after: this.since.payslipId, limit }) as never;
  }

  /** The ids of the chart's fixed accounts (-1 for one not created yet), read once per check. */
  private fixedAccounts(): FixedAccountIds {
    if (this.fixedAccountIds === undefined) {
      const ids = new Map(
        (this.book.prepare(`SELECT code, id FROM accounts WHERE code IN (${Object.values(FIXED_ACCOUNTS).map(() => '?').join(', ')})`).all(...Object.values(FIXED_ACCOUNTS)) as { code: string; id: number }[]).map(
          (row) => [row.code, row.id],
        ),
      );
      this.fixedAccountIds = Object.fromEntries(Object.entries(FIXED_ACCOUNTS).map(([name, code]) => [name, ids.get(code) ?? -1])) as FixedAccountIds;
    }
    return this.fixedAccountIds;
  }

  /**
   * The first day of the periods to reconcile: everything for a check from the start, else the
   * first day of the quarter of the earliest run or payout entry after the mark (either may be
   * dated back), so that whole months and quarters are compared; undefined when neither came.
   */
  private periodsFrom(): string | undefined {
    if (this.since.runId === 0 && this.since.entryId === 0) return '0000-01-01';
    const earliest = (
      this.book
        .prepare(
          `SELECT min(date) AS date FROM (
             SELECT min(run_date) AS date FROM payout_runs WHERE id > @run
             UNION ALL SELECT min(date) FROM entries WHERE id > @entry AND reason = 'payout.salary')`,
        )
        .get({ run: this.since.runId, entry: this.since.entryId }) as { date: string | null }
    ).date;
    if (earliest === null) return undefined;
    return `${earliest.slice(0, 4)}-${String(Math.floor((Number(earliest.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  }

  private payoutLedgerByMonth(from: string): Map<string, PayoutLedger> {
    this.payoutLedger ??= new Map(
      (this.book.prepare(PAYOUT_LEDGER_BY_MONTH_SQL).all({ ...this.fixedAccounts(), from }) as (PayoutLedger & { month: string })[]).map(({ month, ...sums }) => [month, sums]),
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
    const from = this.periodsFrom();
    if (from === undefined) return [];
    const payroll = this.book
      .prepare(
        `SELECT substr(payDate, 1, 7) AS month, SUM(netCents) AS net, SUM(expensesCents) AS expenses,
                SUM(employeeCents + employerCents + holidayCents + specialCents) AS onss, SUM(withholdingCents) AS withholding,
                SUM(grossCents + employerCents + holidayCents + expensesCents) AS activity, 0 AS other
         FROM (${PAYROLL_ROWS_SQL}) GROUP BY month`,
      )
      .all({ from, to: '9999-12-31' }) as (PayoutLedger & { month: string })[];
    const exported = new Map(payroll.map(({ month, ...sums }) => [month, sums]));
    const ledger = this.payoutLedgerByMonth(from);
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
    const from = this.periodsFrom();
    if (from === undefined) return [];
    const exported = new Map(
      (
        this.book
          .prepare(`SELECT quarter, SUM(dueCents) AS due FROM (${SOCIAL_SECURITY_FIGURES_SQL}) GROUP BY quarter`)
          .all({ from, to: '9999-12-31' }) as { quarter: string; due: number }[]
      ).map((row) => [row.quarter, row.due]),
    );
    const ledger = new Map<string, number>();
    for (const [month, sums] of this.payoutLedgerByMonth(from)) {
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
