import { CommanderError } from 'commander';
import { EXIT_CODES, SmartError, hasErrorCode } from '../errors.js';
import { type Io, createIo, say } from './io.js';
import { buildProgram } from './program.js';

/**
 * Runs one command line and returns the exit code. This is the only place where errors become
 * messages and exit codes: a user's mistake gets a message with what to do, never a stack trace.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const io = await createIo(argv, process);
  // `smart member list | head` closes the pipe early: that is the reader's choice, not an error.
  io.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_CODES.ok);
    throw error;
  });
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return EXIT_CODES.ok;
  } catch (error) {
    return report(io, error);
  }
}

function report(io: Io, error: unknown): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (or the help) on stderr.
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return EXIT_CODES.ok;
    return EXIT_CODES.usage;
  }
  if (error instanceof SmartError) {
    say(io, `${io.paint.red('error:')} ${error.message}`);
    for (const problem of error.problems) say(io, `  ${problem.where === undefined ? '' : `${io.paint.bold(problem.where)}: `}${problem.message}`);
    if (error.hint !== undefined) say(io, io.paint.dim(error.hint));
    return EXIT_CODES[error.kind];
  }
  if (hasErrorCode(error, 'SQLITE_BUSY') || hasErrorCode(error, 'SQLITE_BUSY_SNAPSHOT')) {
    say(io, `${io.paint.red('error:')} the book is busy: another smart command kept it locked for too long. Nothing was changed; try again when it is done.`);
    return EXIT_CODES.busy;
  }
  if (hasErrorCode(error, 'SQLITE_READONLY') || hasErrorCode(error, 'SQLITE_CANTOPEN') || hasErrorCode(error, 'SQLITE_PERM')) {
    say(io, `${io.paint.red('error:')} cannot write to the book (${(error as Error).message}). Check the file's owner and permissions.`);
    return EXIT_CODES['invalid-input'];
  }
  if (hasErrorCode(error, 'SQLITE_CORRUPT') || hasErrorCode(error, 'SQLITE_NOTADB')) {
    say(io, `${io.paint.red('error:')} the book is damaged: SQLite cannot read part of it (${(error as Error).message}). Nothing was changed.`);
    say(io, io.paint.dim('Restore the book from a backup; `smart check` says what it can still read.'));
    return EXIT_CODES['invalid-input'];
  }
  const message = error instanceof Error ? error.message : String(error);
  say(io, `${io.paint.red('internal error:')} ${message}`);
  say(io, 'This is a bug in smart, not something you did. Nothing was half-written: each change is one database transaction.');
  say(io, 'Please report it with the command you ran; run again with SMART_DEBUG=1 to see the details.');
  if (io.env.SMART_DEBUG === '1' && error instanceof Error && error.stack !== undefined) say(io, error.stack);
  return EXIT_CODES.internal;
}
