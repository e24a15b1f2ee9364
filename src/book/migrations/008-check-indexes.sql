-- Indexes for `smart check` on a ten-year book (issue 7: under 10 s with 1.5 million invoices).
-- Upgrading a large book rebuilds them once (about half a minute for 15 million postings).

-- An entry's postings, in the order they were written (id), with their account and amount in the
-- index itself: the balance of every entry, and an invoice's or a payslip's entry by account,
-- are read from the index alone, without a look-up into the postings table per row.
DROP INDEX postings_by_entry;
CREATE INDEX postings_by_entry ON postings (entry_id, id, account_id, amount_cents);

-- The entries of one kind (the payout entries, reason payout.salary) by date, without a scan
-- of every entry of the book.
CREATE INDEX entries_by_reason ON entries (reason, date);
