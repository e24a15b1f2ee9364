import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { invalidInput } from '../../errors.js';
import { CATEGORIES, type Category, WITHHOLDING_MODES, type WithholdingMode } from '../../members/member.js';
import { displayCents, formatCents, parseCents } from '../../money/cents.js';
import { type CommonOptions, bookOptions, bookPathOf, examples, optionsOf, parseDateOption } from '../command-kit.js';
import { type Io, printJson, printLine, say } from '../io.js';
import { writeContext } from '../write-context.js';

function amount(text: string | undefined, flag: string): number {
  if (text === undefined) return 0;
  const cents = parseCents(text);
  if (cents === undefined || cents < 0) throw invalidInput(`${flag} "${text}" is not an amount: euros with at most two decimals.`);
  return cents;
}

export function registerSimulateCommand(program: Command, io: Io): void {
  const command = program
    .command('simulate')
    .description('from an amount excl. VAT to the net salary, step by step, with the rules in force (writes nothing)')
    .argument('<amount>', 'amount invoiced excl. VAT, e.g. 1000')
    .option('--category <category>', 'employee or artist', 'employee')
    .option('--withholding <mode>', 'key-formula or flat (11.11 %, artists)', 'key-formula')
    .option('--expenses <euros>', 'approved expenses reimbursed from the budget in the same payout', '0')
    .option('--month-to-date <euros>', 'gross pay already received this month', '0')
    .option('--date <date>', 'rules in force on this date (default: today)');
  bookOptions(command);
  examples(command, ['smart simulate 1000', 'smart simulate 1000 --category artist --withholding flat --json', 'smart simulate 2500 --expenses 120 --month-to-date 1800']);
  command.action(async (amountText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { category: string; withholding: string; expenses: string; monthToDate: string; date?: string }>(cmd);
    if (!(CATEGORIES as readonly string[]).includes(options.category)) throw invalidInput(`--category must be one of ${CATEGORIES.join(', ')}.`);
    if (!(WITHHOLDING_MODES as readonly string[]).includes(options.withholding)) throw invalidInput(`--withholding must be one of ${WITHHOLDING_MODES.join(', ')}.`);
    const amountExclVatCents = parseCents(amountText);
    if (amountExclVatCents === undefined || amountExclVatCents <= 0) throw invalidInput(`"${amountText}" is not an amount: euros with at most two decimals, e.g. 1000 or 1000.50.`);
    const context = writeContext([], io.env);
    const date = parseDateOption(options.date, '--date') ?? context.today;
    const { defaultRuleSet } = await import('../../rules/default-rules.js');
    const { simulateSalary } = await import('../../payroll/simulate-salary.js');
    // The book's rules when there is a book; the shipped Belgian defaults otherwise.
    const path = bookPathOf(cmd, io);
    let rules;
    let source: string;
    if (existsSync(path)) {
      const { openBook } = await import('../../book/open-book.js');
      const { loadRules } = await import('../../rules/set-rule.js');
      const book = openBook(path, context.now);
      rules = loadRules(book);
      book.close();
      source = `the rules of ${path}`;
    } else {
      rules = defaultRuleSet();
      source = 'the default Belgian rules (no book found)';
    }
    const result = simulateSalary(rules, {
      amountExclVatCents,
      category: options.category as Category,
      withholding: options.withholding as WithholdingMode,
      expensesCents: amount(options.expenses, '--expenses'),
      monthToDateGrossCents: amount(options.monthToDate, '--month-to-date'),
      date,
    });
    const { salary } = result;
    if (options.json === true) {
      return printJson(io, {
        date,
        category: options.category,
        amountExclVat: formatCents(result.amountExclVatCents),
        levy: formatCents(result.levyCents),
        fund: formatCents(result.fundCents),
        budget: formatCents(result.budgetCents),
        expenses: formatCents(result.expensesCents),
        salaryBudget: formatCents(salary.salaryBudgetCents),
        gross: formatCents(salary.grossCents),
        contributionBase: formatCents(salary.baseCents),
        employerContributions: formatCents(salary.employerContributionsCents),
        holidayContributions: formatCents(salary.holidayContributionsCents),
        employeeContributions: formatCents(salary.employeeContributionsCents),
        taxable: formatCents(salary.taxableCents),
        withholding: formatCents(salary.withholdingCents),
        specialContribution: formatCents(salary.specialContributionCents),
        net: formatCents(salary.netCents),
        leftover: formatCents(salary.leftoverCents),
      });
    }
    const steps: [string, number][] = [
      ['amount excl. VAT', result.amountExclVatCents],
      ['- levy', result.levyCents],
      ['- guarantee fund', result.fundCents],
      ['= budget', result.budgetCents],
      ['- expenses reimbursed', result.expensesCents],
      ['= salary budget', salary.salaryBudgetCents],
      ['gross salary', salary.grossCents],
      ['employer contributions', salary.employerContributionsCents],
      ...(options.category === 'artist' ? ([['holiday contributions', salary.holidayContributionsCents]] as [string, number][]) : []),
      ['left on the account', salary.leftoverCents],
      ['- employee contributions', salary.employeeContributionsCents],
      ['= taxable', salary.taxableCents],
      ['- withholding tax', salary.withholdingCents],
      ['- special contribution', salary.specialContributionCents],
      ['= net salary', salary.netCents],
    ];
    for (const [label, cents] of steps) printLine(io, `${label.padEnd(26)}${displayCents(cents).padStart(12)}`);
    say(io, io.paint.dim(`Computed with ${source}, in force on ${date}. Nothing was written.`));
  });
}
