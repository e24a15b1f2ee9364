-- Write-offs (issue 5): an unrecoverable guaranteed invoice moves to the guarantee fund, and the
-- VAT on what was never paid is regularised. One write-off per invoice, never undone.

CREATE TABLE write_offs (
  invoice_id INTEGER PRIMARY KEY REFERENCES invoices (id),
  date TEXT NOT NULL,
  open_cents INTEGER NOT NULL CHECK (open_cents > 0),
  vat_cents INTEGER NOT NULL CHECK (vat_cents >= 0 AND vat_cents <= open_cents),
  reason TEXT NOT NULL,
  entry_id INTEGER NOT NULL UNIQUE REFERENCES entries (id)
);

CREATE TRIGGER write_offs_no_update BEFORE UPDATE ON write_offs
BEGIN SELECT RAISE(ABORT, 'write-offs: a write-off is never edited'); END;
CREATE TRIGGER write_offs_no_delete BEFORE DELETE ON write_offs
BEGIN SELECT RAISE(ABORT, 'write-offs: a write-off is never deleted'); END;
