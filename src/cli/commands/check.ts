import type { Command } from 'commander';
import { SmartError, hasErrorCode } from '../../errors.js';
import { type CommonOptions, bookOptions, examples, optionsOf, withBook } from '../command-kit.js';
import { type Io, printJson, printLine, say, warn } from '../io.js';

interface CheckOptions extends CommonOptions {
  readonly full?: boolean;
}

export function registerCheckCommand(program: Command, io: Io): void {
  const command = program
    .command('check')
    .description(
      "prove the book's invariants (balanced entries, share capital, fund, receivables, ...); lists every problem. " +
        'Proves the rows added since the last check that passed, and every balance of the whole book; --full proves every row again',
    )
    .option('--full', 'prove every row of the book, not only those added since the last check that passed');
  bookOptions(command);
  examples(command, [
    'smart check',
    'smart check --full',
    'smart check --json',
    'smart check || mail -s "smart check failed" treasurer@example.be',
  ]);
  command.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CheckOptions>(cmd);
    await withBook(cmd, io, async (book, context) => {
      const { checkBook, recordCheckMark } = await import('../../checks/run-checks.js');
      const outcome = checkBook(book, { full: options.full === true });
      const { results } = outcome;
      const failed = results.filter((result) => !result.ok);
      const scope =
        outcome.since === undefined
          ? 'every row of the book'
          : `the rows added since the check of ${outcome.since.checkedAt} (entries after ${outcome.since.entryId}, invoices after ${outcome.since.invoiceId}, payslips after ${outcome.since.payslipId}) and every balance of the whole book`;
      if (options.json === true) {
        printJson(io, { ok: failed.length === 0, scope: outcome.scope, since: outcome.since?.checkedAt ?? null, checks: results });
      } else {
        for (const result of results) {
          printLine(io, `${result.ok ? io.paintData.green('ok  ') : io.paintData.red('FAIL')} ${result.name}: ${result.description}`);
          for (const problem of result.problems) printLine(io, `       ${problem}`);
        }
      }
      if (failed.length > 0) {
        throw new SmartError(
          'check-failed',
          `${failed.length} of ${results.length} checks failed (${failed.map((result) => result.name).join(', ')}) on ${scope}.${outcome.scope === 'since' ? ' Run smart check --full to prove every row.' : ''}`,
        );
      }
      try {
        recordCheckMark(book, context, outcome);
      } catch (error) {
        // The check passed whatever happens to its mark: a book kept busy by other commands
        // (or a read-only file) only means the next check starts from the older mark.
        if (!hasErrorCode(error, 'SQLITE_BUSY') && !hasErrorCode(error, 'SQLITE_READONLY')) throw error;
        warn(io, 'the book was busy or read-only: this check could not record how far it went, so the next one proves these rows again.');
      }
      if (options.json !== true) say(io, `All ${results.length} checks passed on ${scope}.`);
    });
  });
}
