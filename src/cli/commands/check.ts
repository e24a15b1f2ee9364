import type { Command } from 'commander';
import { SmartError } from '../../errors.js';
import { type CommonOptions, bookOptions, examples, optionsOf, withBook } from '../command-kit.js';
import { type Io, printJson, printLine } from '../io.js';

export function registerCheckCommand(program: Command, io: Io): void {
  const command = program.command('check').description('prove the book\'s invariants (balanced entries, share capital, ...); lists every problem');
  bookOptions(command);
  examples(command, ['smart check', 'smart check --json', 'smart check || mail -s "smart check failed" treasurer@example.be']);
  command.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions>(cmd);
    await withBook(cmd, io, async (book) => {
      const { runChecks } = await import('../../checks/run-checks.js');
      const results = runChecks(book);
      const failed = results.filter((result) => !result.ok);
      if (options.json === true) {
        printJson(io, { ok: failed.length === 0, checks: results });
      } else {
        for (const result of results) {
          printLine(io, `${result.ok ? io.paintData.green('ok  ') : io.paintData.red('FAIL')} ${result.name}: ${result.description}`);
          for (const problem of result.problems) printLine(io, `       ${problem}`);
        }
      }
      if (failed.length > 0) {
        throw new SmartError('check-failed', `${failed.length} of ${results.length} checks failed (${failed.map((result) => result.name).join(', ')}).`);
      }
    });
  });
}
