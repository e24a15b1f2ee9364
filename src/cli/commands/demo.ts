import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { displayCents } from '../../money/cents.js';
import { SmartError } from '../../errors.js';
import { type CommonOptions, bookOptions, examples, optionsOf, userArgs } from '../command-kit.js';
import { type Io, done, printJson, say } from '../io.js';
import { writeContext } from '../write-context.js';

export const DEMO_BOOK = 'smart-demo.sqlite';

export function registerDemoCommand(program: Command, io: Io): void {
  const command = program.command('demo').description(`build a demo book from fixtures/ (default ./${DEMO_BOOK}) and show what smart did`);
  bookOptions(command);
  examples(command, ['smart demo', `smart demo --db /tmp/demo.sqlite && smart --db /tmp/demo.sqlite member list`]);
  command.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions>(cmd);
    // The demo never falls back on SMART_DB or the default book: it writes its own file.
    const path = resolve(options.db ?? DEMO_BOOK);
    const { buildDemo } = await import('../../demo/build-demo.js');
    const outcome = await buildDemo(path, writeContext(userArgs(), io.env));
    const failed = outcome.checks.filter((check) => !check.ok);
    if (options.json === true) {
      printJson(io, { path: outcome.path, coop: outcome.coopName, membersAdded: outcome.imported.added, invoices: outcome.invoices.map((invoice) => invoice.number), checks: failed.length === 0 ? 'ok' : failed.map((check) => check.name) });
    } else {
      say(io, `${outcome.rebuilt ? 'Rebuilt' : 'Built'} the demo book ${outcome.path}:`);
      done(io, `smart init: the book of ${outcome.coopName}, with the Belgian 2026 rules (levy 6.5 %, fund 2 %, share EUR 30).`);
      done(io, `smart member import fixtures/demo/members.csv: ${outcome.imported.added} members, ${outcome.imported.sharesBought} shares bought on joining.`);
      done(io, `smart shares buy 2 2: ${outcome.purchase.name} bought 2 more shares (${displayCents(outcome.purchase.amountCents)} EUR), now holds ${outcome.purchase.held}.`);
      done(io, `smart member leave 3: ${outcome.leave.member.name} left on ${outcome.leave.member.leftOn ?? '?'}; ${displayCents(outcome.leave.refundCents)} EUR of shares refunded.`);
      done(io, `smart rules set levy.rate 0.07 --from 2027-01-01: invoices of 2026 keep 6.5 %, those from 2027 will use 7 %.`);
      done(io, `smart client add (x${outcome.clients}), smart contract add (x${outcome.contracts}): companies in Belgium and France, and a private person.`);
      for (const invoice of outcome.invoices) {
        done(io, `smart invoice issue: ${invoice.number} for member ${invoice.memberId}, ${displayCents(invoice.totalCents)} EUR incl. VAT (${invoice.vatRegime}); budget ${displayCents(invoice.budgetCents)} EUR to the member.`);
      }
      for (const note of outcome.creditNotes) done(io, `smart invoice credit: ${note.number}, ${displayCents(note.amountExclVatCents)} EUR excl. VAT (${note.reason ?? ''}).`);
      done(io, 'smart expense add --member 1 --amount 42.50 ... && smart expense approve 1: a train ticket to reimburse.');
      const transferred = outcome.payout.payslips.reduce((sum, payslip) => sum + payslip.transferCents, 0);
      done(io, `smart payout run --date 2026-11-27: ${outcome.payout.week}, ${outcome.payout.payslips.length} payslips, ${displayCents(transferred)} EUR to transfer before any client paid; ${outcome.payout.held.length} item(s) held${outcome.payout.held.length === 0 ? '' : ` (${outcome.payout.held.map((item) => item.reason).join(', ')})`}.`);
      done(io, `smart bank import fixtures/demo/statement-kbc.csv: ${outcome.bank.lines} lines; ${outcome.bank.matched} client payment(s) matched (one partial), ${outcome.bank.payouts} payout batch recognised, ${outcome.bank.unmatched} left for a person (smart bank unmatched).`);
      done(io, `smart check: ${outcome.checks.length - failed.length} of ${outcome.checks.length} invariants hold.`);
      say(io, '\nLook around:');
      for (const line of ['member list', 'member statement 1', 'invoice list', 'invoice pdf 2026-000001 --out invoice.pdf', 'payout show 2026-W48', 'bank unmatched', 'fund status', 'simulate 1000 --category artist', 'check']) say(io, `  npx smart --db ${relative(process.cwd(), outcome.path)} ${line}`);
    }
    if (failed.length > 0) throw new SmartError('check-failed', `The demo book fails ${failed.map((check) => check.name).join(', ')}.`);
  });
}
