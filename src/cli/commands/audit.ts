import type { Command } from 'commander';
import { invalidInput } from '../../errors.js';
import { type CommonOptions, bookOptions, examples, optionsOf, parseDateOption, withBook } from '../command-kit.js';
import { type Io, printJson, printTable } from '../io.js';

export function registerAuditCommand(program: Command, io: Io): void {
  const command = program
    .command('audit')
    .description('who changed the book, when, with which command (personal data masked), newest first')
    .option('--since <date>', 'from this date, YYYY-MM-DD')
    .option('--limit <n>', 'at most this many lines', '50');
  bookOptions(command);
  examples(command, ['smart audit', 'smart audit --since 2026-11-01 --json']);
  command.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { since?: string; limit: string }>(cmd);
    const since = parseDateOption(options.since, '--since');
    if (!/^\d{1,7}$/.test(options.limit)) throw invalidInput('--limit must be a whole number.');
    await withBook(cmd, io, async (book) => {
      const { listAudit } = await import('../../audit/audit-store.js');
      const rows = listAudit(book, since, Number(options.limit));
      if (options.json === true) return printJson(io, rows);
      printTable(io, ['at', 'user', 'command', 'what'], rows.map((row) => [row.at.replace('T', ' ').slice(0, 19), row.user, row.command, row.summary]));
    });
  });
}
