import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import type { IsoDate } from '../calendar/dates.js';
import { invalidInput } from '../errors.js';
import { DEFAULT_RULES_FROM, RULE_CATALOGUE, type RuleStatus, findRuleDefinition } from './catalogue.js';
import { RULE_KIND_PARSERS } from './rule-kinds.js';
import { RuleSet } from './rule-set.js';
import { type RuleRow, allRuleRows, insertRuleRow } from './rules-store.js';

export interface SetRuleRequest {
  readonly name: string;
  readonly value: string;
  readonly from: IsoDate;
  readonly status?: RuleStatus;
  readonly source?: string;
}

export interface SetRuleOutcome {
  readonly changed: boolean;
  readonly rule: RuleRow;
  /** The value that was in force from that date before, if any. */
  readonly previous: RuleRow | undefined;
}

/** Checks a rule's name and value and returns the value in its normal form. */
export function normaliseRuleValue(name: string, value: string): string {
  const definition = findRuleDefinition(name);
  if (definition === undefined) {
    throw invalidInput(`Unknown rule "${name}".`, { hint: `Known rules: ${RULE_CATALOGUE.map((rule) => rule.name).join(', ')}.` });
  }
  const parsed = RULE_KIND_PARSERS[definition.kind](value.trim());
  if (!parsed.ok) throw invalidInput(`Invalid value for ${name}: ${parsed.problem}.`);
  return parsed.value;
}

/**
 * Records a new value of a rule from a date. History is never rewritten: the new row only
 * changes the value that computations dated on or after `from` will use; amounts already in the
 * book stay as they were computed. Setting the value already in force from that date changes nothing.
 */
export function setRule(book: Book, context: WriteContext, request: SetRuleRequest): SetRuleOutcome {
  const value = normaliseRuleValue(request.name, request.value);
  return book
    .transaction((): SetRuleOutcome => {
      const rules = new RuleSet(allRuleRows(book));
      const previous = rules.rowAt(request.name, request.from);
      if (previous !== undefined && previous.effectiveFrom === request.from && previous.value === value) {
        return { changed: false, rule: previous, previous };
      }
      const row = {
        name: request.name,
        effectiveFrom: request.from,
        value,
        status: request.status ?? 'certain',
        source: request.source ?? `set by ${context.user}`,
        recordedAt: context.now,
        recordedBy: context.user,
      };
      const id = insertRuleRow(book, row);
      recordAudit(book, context, `rule ${request.name} = ${value} from ${request.from}`);
      return { changed: true, rule: { id, ...row }, previous };
    })
    .immediate();
}

/** Writes the shipped Belgian rule set; called by `smart init` inside its transaction. */
export function installDefaultRules(book: Book, context: WriteContext): number {
  for (const definition of RULE_CATALOGUE) {
    insertRuleRow(book, {
      name: definition.name,
      effectiveFrom: DEFAULT_RULES_FROM,
      value: definition.defaultValue,
      status: definition.status,
      source: definition.source,
      recordedAt: context.now,
      recordedBy: 'smart (default Belgian rule set)',
    });
  }
  return RULE_CATALOGUE.length;
}

export function loadRules(book: Book): RuleSet {
  return new RuleSet(allRuleRows(book));
}
