-- Bank statements in (issue 5): every imported line once, the payments matched to invoices, and
-- the lines set aside by a person. Lines and payments are append-only; a line's status moves
-- forward only (unmatched -> matched | ignored | payout).

CREATE TABLE bank_imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  lines INTEGER NOT NULL,
  imported INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);

CREATE TABLE bank_lines (
  id INTEGER PRIMARY KEY,
  -- The bank's own reference where it has one, else a hash of the line's content and its
  -- occurrence in the file: importing the same or an overlapping statement adds nothing.
  identity TEXT NOT NULL UNIQUE,
  import_id INTEGER NOT NULL REFERENCES bank_imports (id),
  source_line INTEGER NOT NULL,
  account TEXT,
  booking_date TEXT NOT NULL,
  value_date TEXT,
  amount_cents INTEGER NOT NULL CHECK (typeof(amount_cents) = 'integer' AND amount_cents <> 0),
  currency TEXT NOT NULL,
  counterparty_name TEXT,
  counterparty_iban TEXT,
  structured_reference TEXT,
  communication TEXT,
  bank_reference TEXT,
  status TEXT NOT NULL DEFAULT 'unmatched' CHECK (status IN ('unmatched', 'matched', 'ignored', 'payout')),
  note TEXT,
  entry_id INTEGER REFERENCES entries (id)
);
CREATE INDEX bank_lines_by_status ON bank_lines (status, booking_date);

CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  bank_line_id INTEGER NOT NULL REFERENCES bank_lines (id),
  invoice_id INTEGER REFERENCES invoices (id),
  client_id INTEGER NOT NULL REFERENCES clients (id),
  -- 'invoice': settles (part of) an invoice; 'credit': an overpayment kept for the client.
  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  matched_by TEXT NOT NULL CHECK (matched_by IN ('structured-communication', 'invoice-number', 'amount-and-iban', 'person')),
  flag TEXT,
  entry_id INTEGER NOT NULL REFERENCES entries (id),
  CHECK ((kind = 'invoice') = (invoice_id IS NOT NULL))
);
CREATE INDEX payments_by_invoice ON payments (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX payments_by_line ON payments (bank_line_id);

-- The co-op's own payout batches, recognised on the statement.
CREATE TABLE payout_settlements (
  run_id INTEGER PRIMARY KEY REFERENCES payout_runs (id),
  bank_line_id INTEGER NOT NULL UNIQUE REFERENCES bank_lines (id),
  entry_id INTEGER NOT NULL REFERENCES entries (id)
);

CREATE TRIGGER bank_lines_no_delete BEFORE DELETE ON bank_lines
BEGIN SELECT RAISE(ABORT, 'bank: an imported line is never deleted; ignore it with a reason'); END;
CREATE TRIGGER bank_lines_facts_fixed BEFORE UPDATE OF identity, import_id, source_line, account, booking_date, value_date, amount_cents,
  currency, counterparty_name, counterparty_iban, structured_reference, communication, bank_reference ON bank_lines
BEGIN SELECT RAISE(ABORT, 'bank: what the bank said is never edited'); END;
CREATE TRIGGER bank_lines_status_forward BEFORE UPDATE OF status ON bank_lines
WHEN OLD.status <> 'unmatched'
BEGIN SELECT RAISE(ABORT, 'bank: a line already settled or set aside stays so'); END;
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'bank: a payment is never edited'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'bank: a payment is never deleted'); END;
CREATE TRIGGER payout_settlements_no_change BEFORE UPDATE ON payout_settlements
BEGIN SELECT RAISE(ABORT, 'bank: a settled payout stays settled'); END;
CREATE TRIGGER payout_settlements_no_delete BEFORE DELETE ON payout_settlements
BEGIN SELECT RAISE(ABORT, 'bank: a settled payout stays settled'); END;
