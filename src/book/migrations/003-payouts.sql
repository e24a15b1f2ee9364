-- The weekly payout run (issue 4): expense notes, runs, payslips and the invoices each payslip
-- paid out. An invoice is paid out at most once: payout_items has the invoice as its primary key.

CREATE TABLE expense_notes (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members (id),
  date TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (typeof(amount_cents) = 'integer' AND amount_cents > 0),
  vat_cents INTEGER NOT NULL DEFAULT 0 CHECK (vat_cents >= 0 AND vat_cents <= amount_cents),
  description TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected', 'reimbursed')),
  decision_reason TEXT,
  decided_at TEXT,
  payslip_id INTEGER REFERENCES payslips (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'reimbursed') = (payslip_id IS NOT NULL))
);
CREATE INDEX expense_notes_by_member ON expense_notes (member_id, status);
CREATE INDEX expense_notes_by_status ON expense_notes (status);

-- A receipt attached to an expense note, kept in the book (at most 10 MB).
CREATE TABLE expense_receipts (
  expense_id INTEGER PRIMARY KEY REFERENCES expense_notes (id),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL
);

CREATE TABLE payout_runs (
  id INTEGER PRIMARY KEY,
  week TEXT NOT NULL UNIQUE,
  run_date TEXT NOT NULL,
  reference TEXT NOT NULL UNIQUE,
  payslip_count INTEGER NOT NULL,
  total_net_cents INTEGER NOT NULL,
  total_expenses_cents INTEGER NOT NULL,
  total_transfer_cents INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (total_transfer_cents = total_net_cents + total_expenses_cents)
);

CREATE TABLE payslips (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES payout_runs (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  iban TEXT NOT NULL,
  category TEXT NOT NULL,
  withholding_mode TEXT NOT NULL,
  salary_budget_cents INTEGER NOT NULL,
  gross_cents INTEGER NOT NULL,
  base_cents INTEGER NOT NULL,
  employer_cents INTEGER NOT NULL,
  holiday_cents INTEGER NOT NULL,
  employee_cents INTEGER NOT NULL,
  taxable_cents INTEGER NOT NULL,
  withholding_cents INTEGER NOT NULL,
  special_cents INTEGER NOT NULL,
  net_cents INTEGER NOT NULL,
  leftover_cents INTEGER NOT NULL,
  expenses_cents INTEGER NOT NULL,
  transfer_cents INTEGER NOT NULL,
  entry_id INTEGER NOT NULL UNIQUE REFERENCES entries (id),
  UNIQUE (run_id, member_id),
  CHECK (gross_cents = net_cents + employee_cents + withholding_cents + special_cents),
  CHECK (salary_budget_cents = gross_cents + employer_cents + holiday_cents + leftover_cents),
  CHECK (transfer_cents = net_cents + expenses_cents AND transfer_cents > 0)
);
CREATE INDEX payslips_by_member ON payslips (member_id, run_id);

CREATE TABLE payout_items (
  invoice_id INTEGER PRIMARY KEY REFERENCES invoices (id),
  payslip_id INTEGER NOT NULL REFERENCES payslips (id),
  budget_cents INTEGER NOT NULL,
  -- The payslip's net allocated over its invoices by budget: what the co-op advanced on each.
  net_cents INTEGER NOT NULL
);
CREATE INDEX payout_items_by_payslip ON payout_items (payslip_id);

CREATE TABLE invoice_disputes (
  id INTEGER PRIMARY KEY,
  invoice_id INTEGER NOT NULL REFERENCES invoices (id),
  reason TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  resolved_at TEXT,
  resolution TEXT
);
CREATE UNIQUE INDEX invoice_disputes_open ON invoice_disputes (invoice_id) WHERE resolved_at IS NULL;

CREATE TRIGGER payout_runs_no_update BEFORE UPDATE ON payout_runs
BEGIN SELECT RAISE(ABORT, 'payouts: a run is never edited'); END;
CREATE TRIGGER payout_runs_no_delete BEFORE DELETE ON payout_runs
BEGIN SELECT RAISE(ABORT, 'payouts: a run is never deleted'); END;
CREATE TRIGGER payslips_no_update BEFORE UPDATE ON payslips
BEGIN SELECT RAISE(ABORT, 'payouts: a payslip is never edited'); END;
CREATE TRIGGER payslips_no_delete BEFORE DELETE ON payslips
BEGIN SELECT RAISE(ABORT, 'payouts: a payslip is never deleted'); END;
CREATE TRIGGER payout_items_no_update BEFORE UPDATE ON payout_items
BEGIN SELECT RAISE(ABORT, 'payouts: an invoice paid out stays paid out'); END;
CREATE TRIGGER payout_items_no_delete BEFORE DELETE ON payout_items
BEGIN SELECT RAISE(ABORT, 'payouts: an invoice paid out stays paid out'); END;
