-- The co-op's ONSS employer number (issue 6: the Dimona export). Nullable: a new co-op may not
-- have one yet; `smart coop set --onss-number` records it, and the Dimona export refuses until then.
ALTER TABLE coop ADD COLUMN onss_number TEXT;

-- The Dimona rules (joint committee per category, worker type) joined the rule catalogue with
-- this version. A book created before has the rest of the default set: give it these three as
-- `smart init` now installs them, so that `smart check` (rules-complete) keeps passing. A book
-- being created has no co-op yet at this point; `smart init` installs the whole set itself.
-- The values must equal the defaults in src/rules/catalogue.ts (a test compares them).
INSERT INTO rules (name, effective_from, value, status, source, recorded_at, recorded_by)
SELECT rule.name, '2026-01-01', rule.value, rule.status, rule.source, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'smart (default Belgian rule set)'
FROM (
  SELECT 'dimona.joint-committee.employee' AS name, '200' AS value, 'approximate' AS status,
         'Auxiliary joint committee for employees (CPNAE/ANPCB); the co-op may belong to a sectoral one' AS source
  UNION ALL
  SELECT 'dimona.joint-committee.artist', '304', 'to-verify',
         'Joint committee for the performing arts; audiovisual work falls under 227 (to verify per activity)'
  UNION ALL
  SELECT 'dimona.worker-type', 'OTH', 'certain', 'ONSS Dimona instructions: worker types (OTH, STU, FLX, EXT, ...)'
) AS rule
WHERE EXISTS (SELECT 1 FROM coop)
  AND NOT EXISTS (SELECT 1 FROM rules WHERE rules.name = rule.name);
