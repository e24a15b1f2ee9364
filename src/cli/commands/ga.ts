import type { Command } from 'commander';
import { type CommonOptions, bookOptions, examples, optionsOf, withBook } from '../command-kit.js';
import { writeSpreadsheetCsv } from '../csv-output.js';
import { type Io, printJson, printTable, say } from '../io.js';

export function registerGaCommands(program: Command, io: Io): void {
  const ga = program.command('ga').description('the general assembly');
  examples(ga, ['smart ga roll', 'smart ga roll --csv > roll.csv']);
  const roll = ga
    .command('roll')
    .description('the voting roll: every active member holding a share, one vote each whatever the number of shares')
    .option('--csv', 'print CSV (spreadsheet-safe) on stdout');
  bookOptions(roll);
  examples(roll, ['smart ga roll', 'smart ga roll --csv > roll.csv']);
  roll.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { csv?: boolean }>(cmd);
    await withBook(cmd, io, async (book) => {
      const { votingRoll } = await import('../../shares/voting-roll.js');
      const result = votingRoll(book);
      if (options.json === true) return printJson(io, result);
      if (options.csv === true) {
        return writeSpreadsheetCsv(io.stdout, ['member', 'name', 'shares', 'votes'], result.members.map((row) => [row.id, row.name, row.shares, row.votes]));
      }
      printTable(io, ['#', 'name', 'shares', 'votes'], result.members.map((row) => [String(row.id), row.name, String(row.shares), '1']), [0, 2, 3]);
      say(io, io.paint.dim(`${result.totalVotes} vote(s), ${result.totalShares} share(s)`));
    });
  });
}
