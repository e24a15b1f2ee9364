import { DEFAULT_RULES_FROM, RULE_CATALOGUE } from './catalogue.js';
import { RuleSet } from './rule-set.js';

/** The shipped Belgian rule set as `smart init` installs it, without a book (simulations, tests). */
export function defaultRuleSet(): RuleSet {
  return new RuleSet(
    RULE_CATALOGUE.map((rule, index) => ({
      id: index + 1,
      name: rule.name,
      effectiveFrom: DEFAULT_RULES_FROM,
      value: rule.defaultValue,
      status: rule.status,
      source: rule.source,
      recordedAt: DEFAULT_RULES_FROM,
      recordedBy: 'smart (default Belgian rule set)',
    })),
  );
}
