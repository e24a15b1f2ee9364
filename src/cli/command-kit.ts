import type { Command } from 'commander';
import type { Book } from '../book/open-book.js';
import { resolveBookPath } from '../book/book-path.js';
import type { WriteContext } from '../book/write-context.js';
import { type IsoDate, parseIsoDate } from '../calendar/dates.js';
import { invalidInput, usageError } from '../errors.js';
import type { Io } from './io.js';
import { writeContext } from './write-context.js';

export interface CommonOptions {
  readonly db?: string;
  readonly json?: boolean;
}

export const DB_HELP = 'the book to use (default: $SMART_DB, else ~/.local/share/smart/book.sqlite)';

/** Adds --db (every command) and, where the command shows or changes something, --json. */
export function bookOptions(command: Command, json = true): Command {
  command.option('--db <path>', DB_HELP);
  if (json) command.option('--json', 'print the result as JSON on stdout (amounts as strings, e.g. "1210.00")');
  return command;
}

/** The key commander gives an option: --birth-date -> birthDate. */
export function optionKey(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

export function examples(command: Command, lines: readonly string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}

/** The command's options merged with the global ones (`smart --db X member list` and `smart member list --db X` alike). */
export function optionsOf<T>(command: Command): T {
  return command.optsWithGlobals() as T;
}

export function bookPathOf(command: Command, io: Io): string {
  return resolveBookPath(optionsOf<CommonOptions>(command).db, io.env);
}

/** The user's command line (without node and the script) for the audit log. */
export function userArgs(): string[] {
  return process.argv.slice(2);
}

/** Opens the book, runs the action, and closes the book whatever happens. */
export async function withBook<T>(command: Command, io: Io, action: (book: Book, context: WriteContext) => T | Promise<T>): Promise<T> {
  const context = writeContext(userArgs(), io.env);
  const { openBook } = await import('../book/open-book.js');
  const book = openBook(bookPathOf(command, io), context.now);
  try {
    return await action(book, context);
  } finally {
    book.close();
  }
}

/** A typed value as an error message repeats it: what may be a NISS or an IBAN shows only its last four characters. */
export function shownInput(text: string): string {
  const compact = text.replace(/[\s.-]/g, '');
  return /^\d{10,}$/.test(compact) || /^[A-Za-z]{2}\d{2}[A-Za-z0-9]{8,}$/.test(compact) ? `...${compact.slice(-4)}` : text;
}

export function parseMemberId(text: string): number {
  const trimmed = text.trim().replace(/^#/, '');
  if (!/^\d{1,9}$/.test(trimmed) || Number(trimmed) === 0) {
    throw usageError(`"${shownInput(text)}" is not a member number.`, 'Member numbers are whole numbers such as 12; find them with `smart member list`.');
  }
  return Number(trimmed);
}

export function parseCount(text: string, what: string): number {
  if (!/^\d{1,4}$/.test(text.trim()) || Number(text) < 1) {
    throw invalidInput(`"${shownInput(text)}" is not a valid number of ${what}: a whole number from 1 to 9999.`);
  }
  return Number(text);
}

export function parseDateOption(text: string | undefined, flag: string): IsoDate | undefined {
  if (text === undefined) return undefined;
  const date = parseIsoDate(text);
  if (date === undefined) throw invalidInput(`${flag} "${text}" is not a real date.`, { hint: 'Write dates as YYYY-MM-DD, e.g. 2026-11-27.' });
  return date;
}
