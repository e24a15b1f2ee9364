import type { Command } from 'commander';
import type { RuleStatus } from '../../rules/catalogue.js';
import { invalidInput, usageError } from '../../errors.js';
import { type CommonOptions, bookOptions, examples, optionsOf, parseDateOption, withBook } from '../command-kit.js';
import { type Io, done, printJson, printTable, warn } from '../io.js';

const STATUSES: readonly RuleStatus[] = ['certain', 'approximate', 'to-verify'];

export function registerRulesCommands(program: Command, io: Io): void {
  const rules = program.command('rules').description('rates and thresholds, dated: every computation uses the values in force on its date');
  examples(rules, ['smart rules list', 'smart rules set levy.rate 0.07 --from 2027-01-01']);

  const list = rules
    .command('list')
    .description('the value of each rule in force on a date, with its status and source')
    .option('--date <date>', 'in force on this date, YYYY-MM-DD (default: today)')
    .option('--history', 'every value each rule has had');
  bookOptions(list);
  examples(list, ['smart rules list', 'smart rules list --date 2026-03-01 --json', 'smart rules list --history']);
  list.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { date?: string; history?: boolean }>(cmd);
    const asked = parseDateOption(options.date, '--date');
    await withBook(cmd, io, async (book, context) => {
      const { listRules } = await import('../../rules/list-rules.js');
      const date = asked ?? context.today;
      const listing = listRules(book, date, options.history === true);
      if (options.json === true) {
        return printJson(io, listing.map((rule) => ({ name: rule.name, description: rule.description, date, inForce: rule.inForce ?? null, ...(options.history === true ? { history: rule.history } : {}) })));
      }
      if (options.history === true) {
        const rows = listing.flatMap((rule) => rule.history.map((row) => [row.name, row.effectiveFrom, row.value, row.status, row.source, row.recordedAt.slice(0, 10)]));
        return printTable(io, ['rule', 'from', 'value', 'status', 'source', 'recorded'], rows);
      }
      printTable(
        io,
        ['rule', 'value', 'since', 'status', 'source'],
        listing.map((rule) => [rule.name, rule.inForce?.value ?? '(none)', rule.inForce?.effectiveFrom ?? '', rule.inForce?.status ?? '', rule.inForce?.source ?? '']),
      );
    });
  });

  const set = rules
    .command('set')
    .description('give a rule a new value from a date (history is kept; amounts already recorded do not change)')
    .argument('<name>', 'rule name, as in smart rules list')
    .argument('<value>', 'new value, e.g. 0.07 for 7 %')
    .requiredOption('--from <date>', 'first date the value applies to, YYYY-MM-DD')
    .option('--status <status>', `${STATUSES.join(', ')}`, 'certain')
    .option('--source <text>', 'where the value comes from (a law, a decision of the board)');
  bookOptions(set);
  examples(set, ['smart rules set levy.rate 0.07 --from 2027-01-01 --source "General assembly of 2026-06-12"', 'smart rules set payout.weekday thursday --from 2026-12-01']);
  set.action(async (name: string, value: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { from: string; status: string; source?: string }>(cmd);
    const from = parseDateOption(options.from, '--from');
    if (from === undefined) throw usageError('--from is required.');
    if (!(STATUSES as readonly string[]).includes(options.status)) throw invalidInput(`--status must be one of ${STATUSES.join(', ')}.`);
    await withBook(cmd, io, async (book, context) => {
      const { setRule } = await import('../../rules/set-rule.js');
      const outcome = setRule(book, context, { name, value, from, status: options.status as RuleStatus, ...(options.source === undefined ? {} : { source: options.source }) });
      if (options.json === true) printJson(io, { changed: outcome.changed, rule: outcome.rule, previous: outcome.previous ?? null });
      if (!outcome.changed) return done(io, `${name} is already ${outcome.rule.value} from ${from}: nothing changed.`);
      done(io, `${name} = ${outcome.rule.value} from ${from}${outcome.previous === undefined ? '' : ` (was ${outcome.previous.value})`}.`);
      if (from < context.today) warn(io, `${from} is in the past: computations dated from then on use the new value; amounts already recorded stay as they were.`);
    });
  });
}
