-- The weekly run's candidates (issue 8): the invoices not paid out yet, a few thousand among a
-- ten-year book's 1.5 million. The database keeps the list itself: issuing an invoice adds it,
-- the payout item that pays it out removes it, in the same transaction; nothing else may remove
-- one. The run reads this list instead of probing every invoice of the book (1.8 s on a
-- ten-year book). smart check proves it equals the invoices without a payout item.
CREATE TABLE pending_payouts (
  invoice_id INTEGER PRIMARY KEY REFERENCES invoices (id)
);

INSERT INTO pending_payouts (invoice_id)
SELECT id FROM invoices i WHERE kind = 'invoice' AND NOT EXISTS (SELECT 1 FROM payout_items p WHERE p.invoice_id = i.id);

CREATE TRIGGER pending_payouts_on_issue AFTER INSERT ON invoices
WHEN NEW.kind = 'invoice'
BEGIN INSERT INTO pending_payouts (invoice_id) VALUES (NEW.id); END;

CREATE TRIGGER pending_payouts_on_payout AFTER INSERT ON payout_items
BEGIN DELETE FROM pending_payouts WHERE invoice_id = NEW.invoice_id; END;

CREATE TRIGGER pending_payouts_no_update BEFORE UPDATE ON pending_payouts
BEGIN SELECT RAISE(ABORT, 'pending payouts: kept by the database; never edited'); END;

CREATE TRIGGER pending_payouts_only_when_paid_out BEFORE DELETE ON pending_payouts
WHEN NOT EXISTS (SELECT 1 FROM payout_items WHERE invoice_id = OLD.invoice_id)
BEGIN SELECT RAISE(ABORT, 'pending payouts: an invoice leaves the list only when it is paid out'); END;

-- The invoices a client still owes on (total less credit notes, payments and a write-off above
-- zero): the overdue list and the weekly run's write-offs read these few thousand, not every
-- invoice past due (2 s on a ten-year book). Kept by the database: issuing adds an invoice; a
-- credit note, a payment or a write-off that settles it removes it; nothing else may remove one.
-- All four are append-only, so an invoice settled stays settled. smart check proves the list.
CREATE TABLE open_invoices (
  invoice_id INTEGER PRIMARY KEY REFERENCES invoices (id)
);

INSERT INTO open_invoices (invoice_id)
SELECT id FROM invoices i
WHERE kind = 'invoice'
  AND i.total_cents > coalesce((SELECT SUM(n.total_cents) FROM invoices n WHERE n.credited_invoice_id = i.id), 0)
                    + coalesce((SELECT SUM(p.amount_cents) FROM payments p WHERE p.invoice_id = i.id), 0)
                    + coalesce((SELECT w.open_cents FROM write_offs w WHERE w.invoice_id = i.id), 0);

CREATE TRIGGER open_invoices_on_issue AFTER INSERT ON invoices
WHEN NEW.kind = 'invoice'
BEGIN INSERT INTO open_invoices (invoice_id) VALUES (NEW.id); END;

CREATE TRIGGER open_invoices_on_credit AFTER INSERT ON invoices
WHEN NEW.kind = 'credit-note'
BEGIN DELETE FROM open_invoices WHERE invoice_id = NEW.credited_invoice_id; END;

CREATE TRIGGER open_invoices_on_payment AFTER INSERT ON payments
WHEN NEW.invoice_id IS NOT NULL
BEGIN DELETE FROM open_invoices WHERE invoice_id = NEW.invoice_id; END;

CREATE TRIGGER open_invoices_on_write_off AFTER INSERT ON write_offs
BEGIN DELETE FROM open_invoices WHERE invoice_id = NEW.invoice_id; END;

CREATE TRIGGER open_invoices_no_update BEFORE UPDATE ON open_invoices
BEGIN SELECT RAISE(ABORT, 'open invoices: kept by the database; never edited'); END;

-- A credit note, payment or write-off that leaves something owed keeps the invoice on the list:
-- the DELETE above is skipped (RAISE(IGNORE)) unless the invoice is settled.
CREATE TRIGGER open_invoices_only_when_settled BEFORE DELETE ON open_invoices
WHEN (SELECT total_cents FROM invoices WHERE id = OLD.invoice_id)
     > coalesce((SELECT SUM(n.total_cents) FROM invoices n WHERE n.credited_invoice_id = OLD.invoice_id), 0)
     + coalesce((SELECT SUM(p.amount_cents) FROM payments p WHERE p.invoice_id = OLD.invoice_id), 0)
     + coalesce((SELECT w.open_cents FROM write_offs w WHERE w.invoice_id = OLD.invoice_id), 0)
BEGIN SELECT RAISE(IGNORE); END;
