import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { usageError } from '../../errors.js';
import { type CommonOptions, bookOptions, bookPathOf, examples, optionsOf, userArgs, withBook } from '../command-kit.js';
import { type Io, done, next, printJson, say, warn } from '../io.js';
import { writeContext } from '../write-context.js';

interface BackupCommandOptions extends CommonOptions {
  readonly force?: boolean;
}

interface RestoreCommandOptions extends CommonOptions {
  readonly yes?: boolean;
}

/** 1536 -> "1.5 KiB": sizes for people; --json gives the bytes. */
export function displayBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

export function registerBackupCommands(program: Command, io: Io): void {
  registerBackup(program, io);
  registerRestore(program, io);
}

function registerBackup(program: Command, io: Io): void {
  const command = program
    .command('backup')
    .description('copy the book to FILE while others go on using it; the copy is checked (integrity and every invariant) before it is kept (mode 0600)')
    .argument('<file>', 'the backup file, or an existing folder to write <book name>-<UTC time>.sqlite into (e.g. /var/backups/smart/)')
    .option('--force', 'replace FILE if it exists');
  bookOptions(command);
  examples(command, [
    'smart backup /var/backups/smart/            (writes /var/backups/smart/book-2026-11-23T030005Z.sqlite)',
    'smart backup ~/book-before-the-run.sqlite',
    'smart backup /mnt/usb/book.sqlite --force --json',
  ]);
  command.action(async (file: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<BackupCommandOptions>(cmd);
    const bookPath = bookPathOf(cmd, io);
    await withBook(cmd, io, async (book, context) => {
      const { backupBook, describeCounts } = await import('../../book/backup.js');
      const outcome = await backupBook(book, bookPath, file, { force: options.force === true, now: context.now });
      if (options.json === true) {
        printJson(io, {
          path: outcome.path,
          book: bookPath,
          bytes: outcome.bytes,
          pages: outcome.pages,
          pageSize: outcome.pageSize,
          schemaVersion: outcome.schemaVersion,
          counts: outcome.counts,
          takenAt: outcome.takenAt,
          durationMs: outcome.durationMs,
          replaced: outcome.replaced,
          checks: 'ok',
        });
      }
      done(io, `${outcome.replaced ? 'Replaced' : 'Wrote'} the backup ${outcome.path}: ${displayBytes(outcome.bytes)}, ${outcome.pages} pages, in ${(outcome.durationMs / 1000).toFixed(1)} s.`);
      say(io, `  It holds the book as it was at ${outcome.takenAt}: ${describeCounts(outcome.counts)}; integrity and every check pass.`);
      next(io, `keep it on another disk; smart restore ${outcome.path} puts it back`);
    });
  });
}

function registerRestore(program: Command, io: Io): void {
  const command = program
    .command('restore')
    .description('replace the book with a backup, after checking the backup (integrity, invariants, schema); the current book is kept aside')
    .argument('<file>', 'a backup made by smart backup')
    .option('--yes', 'replace the book without asking (required without a terminal)');
  bookOptions(command);
  examples(command, [
    'smart restore /var/backups/smart/book-2026-11-23T030005Z.sqlite     (asks before replacing the book)',
    'smart restore /mnt/usb/book.sqlite --db /srv/coop/book.sqlite --yes --json',
  ]);
  command.action(async (file: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<RestoreCommandOptions>(cmd);
    const bookPath = bookPathOf(cmd, io);
    if (options.yes !== true && !io.interactive) {
      throw usageError('smart restore replaces the book: pass --yes to confirm.', 'There is no terminal to ask on. Nothing was changed.');
    }
    const context = writeContext(userArgs(), io.env);
    const { prepareRestore, completeRestore, discardRestore, describeCounts } = await import('../../book/backup.js');
    const prepared = prepareRestore(file, bookPath, context.now);
    try {
      say(io, `${prepared.file} holds a sound book of ${prepared.coopName}: ${describeCounts(prepared.counts)}; every check passes.`);
      if (prepared.migratedFrom !== undefined) say(io, `  It was written by an older smart (schema ${prepared.migratedFrom}); it will be restored at schema ${prepared.schemaVersion}.`);
      if (options.yes !== true) {
        const { confirmAtTerminal } = await import('../prompts.js');
        const question = existsSync(bookPath)
          ? `Replace the book at ${bookPath} with it? (the current book will be kept aside)`
          : `Restore it as the book at ${bookPath}?`;
        if (!(await confirmAtTerminal(io, question))) {
          say(io, 'Nothing was changed.');
          return;
        }
      }
      const outcome = await completeRestore(prepared, context);
      if (options.json === true) {
        printJson(io, {
          book: outcome.book,
          restoredFrom: outcome.restoredFrom,
          keptAt: outcome.keptAt ?? null,
          previous: outcome.previous,
          coop: outcome.coopName,
          schemaVersion: outcome.schemaVersion,
          migratedFrom: outcome.migratedFrom ?? null,
          counts: outcome.counts,
          checks: 'ok',
        });
      }
      done(io, `Restored the book ${outcome.book} from ${outcome.restoredFrom}: ${describeCounts(outcome.counts)}.`);
      if (outcome.previous === 'kept') done(io, `The book it replaced is kept at ${outcome.keptAt ?? '?'} (mode 0600); remove it when you no longer need it.`);
      if (outcome.previous === 'moved-aside') warn(io, `SQLite could not read what was at ${outcome.book}: its files were moved aside, as they were, to ${outcome.keptAt ?? '?'}.`);
      next(io, 'smart check, then smart audit: what was done after the backup was taken must be done again');
    } finally {
      discardRestore(prepared);
    }
  });
}
