-- `smart check` on a ten-year book (issue 7). A check that passes records how far it went: the
-- last entry, invoice, payslip, payout run and contract it proved. Those rows never change
-- (the triggers of the earlier migrations refuse it, and every check proves the triggers are
-- there), so the next `smart check` proves the rows added since, and every balance of the whole
-- book; `smart check --full` proves every row again. See docs/reliability.md, "smart check".
CREATE TABLE check_marks (
  id INTEGER PRIMARY KEY,
  checked_at TEXT NOT NULL,
  -- 'full': every row was proved; 'since': the rows after the previous mark.
  scope TEXT NOT NULL CHECK (scope IN ('full', 'since')),
  entry_id INTEGER NOT NULL,
  invoice_id INTEGER NOT NULL,
  payslip_id INTEGER NOT NULL,
  run_id INTEGER NOT NULL,
  contract_id INTEGER NOT NULL
);
CREATE TRIGGER check_marks_no_update BEFORE UPDATE ON check_marks
BEGIN SELECT RAISE(ABORT, 'check marks: a mark is never edited'); END;
CREATE TRIGGER check_marks_no_delete BEFORE DELETE ON check_marks
BEGIN SELECT RAISE(ABORT, 'check marks: a mark is never deleted'); END;

-- Each client's invoices and payments summed from an index alone, in client order, for the
-- invariant receivables-match-invoices (nine seconds without them on a ten-year book); the
-- invoices' fund contributions too, for the invariant guarantee-fund.
CREATE INDEX invoices_by_client_total ON invoices (client_id, kind, total_cents, fund_cents);
CREATE INDEX payments_by_client ON payments (client_id, kind, amount_cents);

-- What was paid on an invoice, summed from the index alone: the overdue list and the weekly
-- run's write-offs ask it of every invoice past due (2.6 s to 1.4 s on a ten-year book).
DROP INDEX payments_by_invoice;
CREATE INDEX payments_by_invoice ON payments (invoice_id, amount_cents) WHERE invoice_id IS NOT NULL;
