-- The foundation: the co-op's identity, dated rules, the double-entry ledger, members and shares,
-- and the audit log. Ledger history is append-only: the triggers below make the database refuse
-- any UPDATE or DELETE of a posted entry, its postings, a share movement, a rule or an audit row.

CREATE TABLE coop (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  enterprise_number TEXT NOT NULL,
  iban TEXT NOT NULL,
  bic TEXT NOT NULL,
  address TEXT NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at TEXT NOT NULL
);

CREATE TABLE rules (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  value TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('certain', 'approximate', 'to-verify')),
  source TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
-- The value in force is the latest effective_from on or before a date, the latest recorded row winning.
CREATE INDEX rules_in_force ON rules (name, effective_from, id);

CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  niss TEXT NOT NULL UNIQUE,
  iban TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  address TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('employee', 'artist')),
  withholding TEXT NOT NULL DEFAULT 'key-formula' CHECK (withholding IN ('key-formula', 'flat')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
  joined_on TEXT NOT NULL,
  left_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'left') = (left_on IS NOT NULL))
);
CREATE INDEX members_by_status ON members (status);

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
  name TEXT NOT NULL,
  member_id INTEGER REFERENCES members (id)
);
CREATE INDEX accounts_by_member ON accounts (member_id) WHERE member_id IS NOT NULL;

-- An entry declares how many postings it has and their total debit; a trigger then refuses any
-- posting beyond that count, so an entry is sealed once written and `smart check` can prove it.
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  date TEXT NOT NULL,
  reason TEXT NOT NULL,
  memo TEXT NOT NULL,
  command TEXT NOT NULL,
  member_id INTEGER REFERENCES members (id),
  reverses_entry_id INTEGER REFERENCES entries (id),
  posting_count INTEGER NOT NULL CHECK (posting_count >= 2),
  debit_cents INTEGER NOT NULL CHECK (debit_cents > 0),
  recorded_at TEXT NOT NULL
);
CREATE INDEX entries_by_date ON entries (date);
CREATE INDEX entries_by_member ON entries (member_id) WHERE member_id IS NOT NULL;

-- Debits are positive, credits negative: an entry balances when its postings sum to zero.
CREATE TABLE postings (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES entries (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  amount_cents INTEGER NOT NULL CHECK (typeof(amount_cents) = 'integer' AND amount_cents <> 0)
);
CREATE INDEX postings_by_entry ON postings (entry_id);
-- Covering index: an account's balance is a sum over this index alone.
CREATE INDEX postings_by_account ON postings (account_id, amount_cents);

CREATE TABLE share_movements (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  member_id INTEGER NOT NULL REFERENCES members (id),
  date TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count <> 0),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents > 0),
  entry_id INTEGER NOT NULL REFERENCES entries (id)
);
CREATE INDEX share_movements_by_member ON share_movements (member_id, count, unit_price_cents);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  os_user TEXT NOT NULL,
  command TEXT NOT NULL,
  summary TEXT NOT NULL
);

CREATE TRIGGER postings_sealed BEFORE INSERT ON postings
WHEN (SELECT COUNT(*) FROM postings WHERE entry_id = NEW.entry_id)
     >= (SELECT posting_count FROM entries WHERE id = NEW.entry_id)
BEGIN SELECT RAISE(ABORT, 'ledger: this entry is already complete; correct it with a reversing entry'); END;

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'ledger: entries are append-only; correct with a reversing entry'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'ledger: entries are append-only; correct with a reversing entry'); END;
CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
BEGIN SELECT RAISE(ABORT, 'ledger: postings are append-only; correct with a reversing entry'); END;
CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
BEGIN SELECT RAISE(ABORT, 'ledger: postings are append-only; correct with a reversing entry'); END;
CREATE TRIGGER share_movements_no_update BEFORE UPDATE ON share_movements
BEGIN SELECT RAISE(ABORT, 'shares: movements are append-only'); END;
CREATE TRIGGER share_movements_no_delete BEFORE DELETE ON share_movements
BEGIN SELECT RAISE(ABORT, 'shares: movements are append-only'); END;
CREATE TRIGGER rules_no_update BEFORE UPDATE ON rules
BEGIN SELECT RAISE(ABORT, 'rules: history is kept; set a new value with a date instead'); END;
CREATE TRIGGER rules_no_delete BEFORE DELETE ON rules
BEGIN SELECT RAISE(ABORT, 'rules: history is kept; set a new value with a date instead'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit: the log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit: the log is append-only'); END;
