-- Personal data (issue 7): a member who left is anonymised once the legal retention period is
-- over. Their name, e-mail, NISS, IBAN, birth date and address are replaced by placeholders and
-- the IBAN copied on their payslips is erased; the ledger, the invoices and every payslip figure
-- stay as they were, so the accounts still balance. See docs/reliability.md, "Personal data".

-- The day the member was anonymised; only a member who left can be.
ALTER TABLE members ADD COLUMN anonymised_on TEXT CHECK (anonymised_on IS NULL OR status = 'left');

-- Anonymising is for good: nothing of an anonymised member is changed any more.
CREATE TRIGGER members_anonymised_fixed BEFORE UPDATE ON members
WHEN OLD.anonymised_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'members: an anonymised member is never edited'); END;

-- A payslip is never edited, with one exception: the IBAN it was paid to (personal data copied
-- at payout time) is erased, and nothing else changes, once its member is anonymised. Every
-- column of 003-payouts.sql but the IBAN must stay as it was.
DROP TRIGGER payslips_no_update;
CREATE TRIGGER payslips_no_update BEFORE UPDATE ON payslips
WHEN NOT (
  NEW.iban = ''
  AND (SELECT anonymised_on FROM members WHERE id = OLD.member_id) IS NOT NULL
  AND (NEW.id, NEW.run_id, NEW.member_id, NEW.category, NEW.withholding_mode, NEW.salary_budget_cents, NEW.gross_cents,
       NEW.base_cents, NEW.employer_cents, NEW.holiday_cents, NEW.employee_cents, NEW.taxable_cents, NEW.withholding_cents,
       NEW.special_cents, NEW.net_cents, NEW.leftover_cents, NEW.expenses_cents, NEW.transfer_cents, NEW.entry_id)
   IS (OLD.id, OLD.run_id, OLD.member_id, OLD.category, OLD.withholding_mode, OLD.salary_budget_cents, OLD.gross_cents,
       OLD.base_cents, OLD.employer_cents, OLD.holiday_cents, OLD.employee_cents, OLD.taxable_cents, OLD.withholding_cents,
       OLD.special_cents, OLD.net_cents, OLD.leftover_cents, OLD.expenses_cents, OLD.transfer_cents, OLD.entry_id)
)
BEGIN SELECT RAISE(ABORT, 'payouts: a payslip is never edited'); END;

-- The retention period is a dated rule. `smart init` installs it with the other defaults; a book
-- created before this version gets the same default row here, so that `smart check`
-- (rules-complete) keeps passing. A book without its co-op row is being created right now:
-- `smart init` writes the whole default rule set just after the migrations.
INSERT INTO rules (name, effective_from, value, status, source, recorded_at, recorded_by)
SELECT 'member.retention-years', '2026-01-01', '10', 'to-verify',
  'Accounting and VAT records 10 years (Code of Economic Law art. III.86, VAT Code art. 60); social documents 5 years after the employment (RD 8 August 1980) (to verify)',
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'smart (migration 007, default Belgian rule)'
WHERE EXISTS (SELECT 1 FROM coop) AND NOT EXISTS (SELECT 1 FROM rules WHERE name = 'member.retention-years');
