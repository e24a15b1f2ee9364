import { join } from 'node:path';
import type { Command } from 'commander';
import { invalidInput } from '../../errors.js';
import { HOLD_REASONS } from '../../payouts/plan-payout-run.js';
import type { RunOutcome } from '../../payouts/run-payout.js';
import type { PayslipRow } from '../../payouts/payout-store.js';
import { displayCents, formatCents } from '../../money/cents.js';
import { type CommonOptions, bookOptions, examples, optionsOf, parseDateOption, withBook } from '../command-kit.js';
import { type Io, done, printJson, printLine, printTable, say, warn } from '../io.js';

function payslipJson(payslip: PayslipRow): Record<string, unknown> {
  return {
    member: payslip.memberId,
    name: payslip.memberName,
    salaryBudget: formatCents(payslip.salaryBudgetCents),
    gross: formatCents(payslip.grossCents),
    employerContributions: formatCents(payslip.employerCents),
    holidayContributions: formatCents(payslip.holidayCents),
    employeeContributions: formatCents(payslip.employeeCents),
    taxable: formatCents(payslip.taxableCents),
    withholding: formatCents(payslip.withholdingCents),
    specialContribution: formatCents(payslip.specialCents),
    net: formatCents(payslip.netCents),
    expenses: formatCents(payslip.expensesCents),
    transfer: formatCents(payslip.transferCents),
    leftover: formatCents(payslip.leftoverCents),
  };
}

function outcomeJson(outcome: RunOutcome): Record<string, unknown> {
  const total = outcome.payslips.reduce((sum, payslip) => sum + payslip.netCents, 0);
  return {
    week: outcome.week,
    status: outcome.status,
    runDate: outcome.run?.runDate ?? null,
    reference: outcome.run?.reference ?? null,
    payslips: outcome.payslips.map(payslipJson),
    held: outcome.held.map((item) => ({ ...(item.invoice === undefined ? { expense: item.expense } : { invoice: item.invoice }), member: item.memberId, reason: item.reason })),
    total: formatCents(total),
    writtenOff: outcome.writtenOff.map((item) => ({ invoice: item.number, open: formatCents(item.openCents) })),
    transfers: formatCents(outcome.payslips.reduce((sum, payslip) => sum + payslip.transferCents, 0)),
  };
}

export function registerPayoutCommands(program: Command, io: Io): void {
  const payouts = program.command('payout').description('the weekly guaranteed payout run: salaries within seven days after the work ends');
  examples(payouts, ['smart payout run --sepa payout.xml --payslips payslips/', 'smart payout list']);

  const run = payouts
    .command('run')
    .description('pay every due invoice (whether or not the client paid) and approved expenses; one run per ISO week')
    .option('--date <date>', 'run date, YYYY-MM-DD (default: today); the run is keyed by its ISO week')
    .option('--dry-run', 'show what would be paid and held, writing nothing')
    .option('--sepa <file>', 'write the SEPA credit transfer file (pain.001.001.03) for the bank')
    .option('--payslips <dir>', 'write one payslip PDF per member into this folder')
    .option('--force', 'replace files that exist');
  bookOptions(run);
  examples(run, [
    'smart payout run --dry-run',
    'smart payout run --sepa /srv/coop/out/payout.xml --payslips /srv/coop/out/payslips --json',
    'smart payout run --date 2026-11-27     (a missed week: pays everything due by then)',
  ]);
  run.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { date?: string; dryRun?: boolean; sepa?: string; payslips?: string; force?: boolean }>(cmd);
    const date = parseDateOption(options.date, '--date');
    if (options.dryRun === true && (options.sepa !== undefined || options.payslips !== undefined)) throw invalidInput('A dry run writes no files: leave out --sepa and --payslips.');
    // The files are checked before the run: a path in the way must never surface after the
    // salaries are booked.
    const { checkOutputFile, checkOutputFolder } = await import('../../exports/write-output-file.js');
    if (options.sepa !== undefined) checkOutputFile(options.sepa, options.force === true);
    if (options.payslips !== undefined) checkOutputFolder(options.payslips);
    await withBook(cmd, io, async (book, context) => {
      const { runPayout } = await import('../../payouts/run-payout.js');
      const outcome = runPayout(book, context, { ...(date === undefined ? {} : { date }), dryRun: options.dryRun === true });
      const total = outcome.payslips.reduce((sum, payslip) => sum + payslip.transferCents, 0);
      if (outcome.run !== undefined && options.sepa !== undefined && outcome.payslips.length > 0) {
        const { sepaBatchOf } = await import('../../payouts/payout-documents.js');
        const { renderPain001 } = await import('../../documents/sepa/pain001.js');
        const { writeOutputFile } = await import('../../exports/write-output-file.js');
        writeOutputFile(options.sepa, renderPain001(sepaBatchOf(book, outcome.run, context.now)), options.force === true);
        done(io, `Wrote the SEPA file ${options.sepa}: ${outcome.payslips.length} transfer(s), ${displayCents(total)} EUR.`);
      }
      if (outcome.run !== undefined && options.payslips !== undefined && outcome.payslips.length > 0) {
        const { payslipDocumentsOf } = await import('../../payouts/payout-documents.js');
        const { renderPayslipPdf } = await import('../../documents/pdf/payslip-pdf.js');
        const { writeOutputFile } = await import('../../exports/write-output-file.js');
        const documents = payslipDocumentsOf(book, outcome.run);
        for (const [index, document] of documents.entries()) {
          writeOutputFile(join(options.payslips, `payslip-${outcome.week}-member-${document.member.id}.pdf`), await renderPayslipPdf(document), options.force === true);
          if (io.interactive && documents.length > 20 && (index + 1) % 50 === 0) io.stderr.write(`\r  payslips ${index + 1}/${documents.length}`);
        }
        if (io.interactive && documents.length > 20) io.stderr.write('\n');
        done(io, `Wrote ${documents.length} payslip(s) to ${options.payslips}.`);
      }
      if (options.json === true) printJson(io, outcomeJson(outcome));
      else {
        printTable(
          io,
          ['member', 'name', 'gross', 'employer', 'employee', 'withholding', 'net', 'expenses', 'transfer'],
          outcome.payslips.map((p) => [String(p.memberId), p.memberName, displayCents(p.grossCents), displayCents(p.employerCents + p.holidayCents), displayCents(p.employeeCents), displayCents(p.withholdingCents + p.specialCents), displayCents(p.netCents), displayCents(p.expensesCents), displayCents(p.transferCents)]),
          [0, 2, 3, 4, 5, 6, 7, 8],
        );
        for (const item of outcome.writtenOff) warn(io, `written off: invoice ${item.number}, ${displayCents(item.openCents)} EUR never paid, absorbed by the guarantee fund.`);
        for (const item of outcome.held) warn(io, `held: ${item.invoice === undefined ? `expense note ${item.expense ?? ''}` : `invoice ${item.invoice}`} of member ${item.memberId}: ${HOLD_REASONS[item.reason]}.`);
      }
      const summary = `payout ${outcome.week}: ${outcome.status}, ${outcome.payslips.length} payslip(s), ${displayCents(total)} EUR to transfer, ${outcome.held.length} item(s) held`;
      if (outcome.status === 'already-paid') say(io, `${summary} (the run of this week was made on ${outcome.run?.runDate ?? '?'}; nothing changed).`);
      else if (outcome.status === 'dry-run') say(io, `${summary} (dry run: nothing was written).`);
      else done(io, `${summary}.`);
    });
  });

  const list = payouts.command('list').description('past runs, newest first').option('--limit <n>', 'at most this many', '20');
  bookOptions(list);
  examples(list, ['smart payout list', 'smart payout list --json']);
  list.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { limit: string }>(cmd);
    if (!/^\d{1,5}$/.test(options.limit)) throw invalidInput('--limit must be a whole number.');
    await withBook(cmd, io, async (book) => {
      const { PayoutStore } = await import('../../payouts/payout-store.js');
      const runs = new PayoutStore(book).runs(Number(options.limit));
      if (options.json === true) return printJson(io, runs.map((r) => ({ week: r.week, runDate: r.runDate, reference: r.reference, payslips: r.payslipCount, total: formatCents(r.totalNetCents), expenses: formatCents(r.totalExpensesCents), transfers: formatCents(r.totalTransferCents) })));
      printTable(io, ['week', 'date', 'payslips', 'net', 'expenses', 'transfers'], runs.map((r) => [r.week, r.runDate, String(r.payslipCount), displayCents(r.totalNetCents), displayCents(r.totalExpensesCents), displayCents(r.totalTransferCents)]), [2, 3, 4, 5]);
    });
  });

  const show = payouts.command('show').description('one run and its payslips').argument('<week>', 'ISO week of the run, e.g. 2026-W48');
  bookOptions(show);
  examples(show, ['smart payout show 2026-W48', 'smart payout show 2026-W48 --json']);
  show.action(async (week: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions>(cmd);
    if (!/^\d{4}-W\d{2}$/.test(week)) throw invalidInput(`"${week}" is not an ISO week.`, { hint: 'Runs are named by their ISO week, e.g. 2026-W48 (see smart payout list).' });
    await withBook(cmd, io, async (book) => {
      const { PayoutStore } = await import('../../payouts/payout-store.js');
      const { notFound } = await import('../../errors.js');
      const store = new PayoutStore(book);
      const found = store.runByWeek(week);
      if (found === undefined) throw notFound(`No payout run in ${week}.`, 'List runs with `smart payout list`.');
      const payslips = store.payslipsOf(found.id);
      if (options.json === true) return printJson(io, { week, runDate: found.runDate, reference: found.reference, payslips: payslips.map(payslipJson), total: formatCents(found.totalNetCents), transfers: formatCents(found.totalTransferCents) });
      printLine(io, `${found.reference}, ${found.runDate}: ${found.payslipCount} payslip(s), ${displayCents(found.totalTransferCents)} EUR transferred`);
      printTable(io, ['member', 'name', 'gross', 'net', 'expenses', 'transfer'], payslips.map((p) => [String(p.memberId), p.memberName, displayCents(p.grossCents), displayCents(p.netCents), displayCents(p.expensesCents), displayCents(p.transferCents)]), [0, 2, 3, 4, 5]);
    });
  });
}
