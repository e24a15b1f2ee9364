import type { Book } from '../book/open-book.js';
import type { IsoDate } from '../calendar/dates.js';
import { RULE_CATALOGUE } from './catalogue.js';
import type { RuleRow } from './rules-store.js';
import { loadRules } from './set-rule.js';

export interface RuleListing {
  readonly name: string;
  readonly description: string;
  /** The row in force on the date asked, or undefined when the rule has no value yet then. */
  readonly inForce: RuleRow | undefined;
  /** Every row of the rule, oldest first (filled only when the history was asked for). */
  readonly history: readonly RuleRow[];
}

export function listRules(book: Book, date: IsoDate, withHistory: boolean): RuleListing[] {
  const rules = loadRules(book);
  return RULE_CATALOGUE.map((definition) => ({
    name: definition.name,
    description: definition.description,
    inForce: rules.rowAt(definition.name, date),
    history: withHistory ? rules.history(definition.name) : [],
  }));
}
