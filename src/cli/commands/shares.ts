import type { Command } from 'commander';
import { displayCents, formatCents } from '../../money/cents.js';
import { type CommonOptions, bookOptions, examples, optionsOf, parseCount, parseDateOption, parseMemberId, withBook } from '../command-kit.js';
import { type Io, done, printJson } from '../io.js';

export function registerSharesCommands(program: Command, io: Io): void {
  const shares = program.command('shares').description("the co-op's shares (EUR 30 each by default; one vote per member)");
  examples(shares, ['smart shares buy 12 2 --ref "KBC 2026-11-20 0042"']);
  const buy = shares
    .command('buy')
    .description('record shares bought (and paid) by a member, at the price in force on the date')
    .argument('<member>', 'member number')
    .argument('<count>', 'number of shares')
    .option('--date <date>', 'date of purchase, YYYY-MM-DD (default: today)')
    .option('--ref <reference>', "the payment's reference: the same reference twice buys once (use it in scripts)");
  bookOptions(buy);
  examples(buy, ['smart shares buy 12 2', 'smart shares buy 12 1 --date 2026-11-20 --ref "KBC 2026-11-20 0042"']);
  buy.action(async (memberText: string, countText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { date?: string; ref?: string }>(cmd);
    const memberId = parseMemberId(memberText);
    const count = parseCount(countText, 'shares');
    const date = parseDateOption(options.date, '--date');
    await withBook(cmd, io, async (book, context) => {
      const { buyShares } = await import('../../shares/buy-shares.js');
      const outcome = buyShares(book, context, { memberId, count, ...(date === undefined ? {} : { date }), ...(options.ref === undefined ? {} : { ref: options.ref }) });
      if (options.json === true) {
        printJson(io, { member: memberId, bought: outcome.count, created: outcome.created, unitPrice: formatCents(outcome.unitPriceCents), amount: formatCents(outcome.amountCents), held: outcome.held });
      }
      if (outcome.created) done(io, `Member ${memberId} (${outcome.name}) bought ${outcome.count} share(s) for ${displayCents(outcome.amountCents)} EUR; now holds ${outcome.held}.`);
      else done(io, `The purchase with reference "${options.ref ?? ''}" was already recorded: nothing changed (member ${memberId} holds ${outcome.held}).`);
    });
  });
}
