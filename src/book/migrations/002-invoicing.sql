-- Clients, contracts and invoices (issue 3). Invoices and their lines are append-only and
-- numbered in one gapless series per year: a trigger refuses any number that is not the next one.

CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  country TEXT NOT NULL CHECK (length(country) = 2),
  vat_number TEXT,
  email TEXT,
  iban TEXT,
  peppol_id TEXT,
  blocked INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
  blocked_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX clients_by_vat ON clients (vat_number) WHERE vat_number IS NOT NULL;
CREATE INDEX clients_by_iban ON clients (iban) WHERE iban IS NOT NULL;
CREATE INDEX clients_by_name ON clients (name);

CREATE TABLE contracts (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members (id),
  client_id INTEGER NOT NULL REFERENCES clients (id),
  description TEXT NOT NULL,
  place TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  days INTEGER NOT NULL CHECK (days > 0),
  amount_cents INTEGER NOT NULL CHECK (typeof(amount_cents) = 'integer' AND amount_cents > 0),
  vat_rate TEXT NOT NULL,
  vat_regime TEXT NOT NULL CHECK (vat_regime IN ('normal', 'reverse-charge', 'export', 'exempt')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'invoiced', 'cancelled')),
  cancel_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (end_date >= start_date)
);
-- The natural key of a contract: the same contract added twice is one contract.
CREATE UNIQUE INDEX contracts_natural_key ON contracts (member_id, client_id, start_date, end_date, amount_cents, description);
CREATE INDEX contracts_by_member ON contracts (member_id, status);
CREATE INDEX contracts_by_client ON contracts (client_id);
CREATE INDEX contracts_by_end ON contracts (end_date);

CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  sequence INTEGER NOT NULL CHECK (sequence > 0),
  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note')),
  contract_id INTEGER NOT NULL REFERENCES contracts (id),
  member_id INTEGER NOT NULL REFERENCES members (id),
  client_id INTEGER NOT NULL REFERENCES clients (id),
  credited_invoice_id INTEGER REFERENCES invoices (id),
  issue_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  supply_start TEXT NOT NULL,
  supply_end TEXT NOT NULL,
  vat_regime TEXT NOT NULL,
  amount_excl_vat_cents INTEGER NOT NULL CHECK (amount_excl_vat_cents > 0),
  vat_cents INTEGER NOT NULL CHECK (vat_cents >= 0),
  total_cents INTEGER NOT NULL,
  levy_rate TEXT NOT NULL,
  fund_rate TEXT NOT NULL,
  levy_cents INTEGER NOT NULL,
  fund_cents INTEGER NOT NULL,
  budget_cents INTEGER NOT NULL,
  structured_communication TEXT NOT NULL UNIQUE,
  reason TEXT,
  entry_id INTEGER NOT NULL UNIQUE REFERENCES entries (id),
  created_at TEXT NOT NULL,
  UNIQUE (year, sequence),
  CHECK (total_cents = amount_excl_vat_cents + vat_cents),
  CHECK (budget_cents = amount_excl_vat_cents - levy_cents - fund_cents),
  CHECK ((kind = 'credit-note') = (credited_invoice_id IS NOT NULL))
);
-- One invoice per contract; credit notes point at the invoice they correct.
CREATE UNIQUE INDEX invoices_one_per_contract ON invoices (contract_id) WHERE kind = 'invoice';
CREATE INDEX invoices_by_member ON invoices (member_id, issue_date);
CREATE INDEX invoices_by_client ON invoices (client_id, issue_date);
CREATE INDEX invoices_by_issue_date ON invoices (issue_date);
CREATE INDEX invoices_by_credited ON invoices (credited_invoice_id) WHERE credited_invoice_id IS NOT NULL;

CREATE TABLE invoice_lines (
  invoice_id INTEGER NOT NULL REFERENCES invoices (id),
  line_number INTEGER NOT NULL CHECK (line_number > 0),
  description TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  net_cents INTEGER NOT NULL CHECK (net_cents > 0),
  vat_rate TEXT NOT NULL,
  vat_category TEXT NOT NULL CHECK (vat_category IN ('S', 'Z', 'E', 'AE', 'G')),
  PRIMARY KEY (invoice_id, line_number)
);

CREATE TRIGGER invoices_gapless BEFORE INSERT ON invoices
WHEN NEW.sequence <> (SELECT coalesce(MAX(sequence), 0) + 1 FROM invoices WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'invoices: numbers run without a gap in each year'); END;

CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
BEGIN SELECT RAISE(ABORT, 'invoices: an issued invoice is never edited; issue a credit note'); END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
BEGIN SELECT RAISE(ABORT, 'invoices: an issued invoice is never deleted; issue a credit note'); END;
CREATE TRIGGER invoice_lines_no_update BEFORE UPDATE ON invoice_lines
BEGIN SELECT RAISE(ABORT, 'invoices: an issued invoice is never edited; issue a credit note'); END;
CREATE TRIGGER invoice_lines_no_delete BEFORE DELETE ON invoice_lines
BEGIN SELECT RAISE(ABORT, 'invoices: an issued invoice is never deleted; issue a credit note'); END;

-- Receivable accounts belong to a client, as activity accounts belong to a member.
ALTER TABLE accounts ADD COLUMN client_id INTEGER REFERENCES clients (id);
CREATE INDEX accounts_by_client ON accounts (client_id) WHERE client_id IS NOT NULL;
