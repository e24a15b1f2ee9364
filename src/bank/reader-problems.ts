import { type Problem, type SmartError, invalidInput, notFound } from '../errors.js';
import type { BankLine, BankLineProblem } from './bank-line.js';

/**
 * What the statement readers (camt.053, CODA) share: collecting the problems of a file, the one
 * invalid-input error that lists them, the error for a file that cannot be read, quoting the
 * file's text in a message, and keeping bank references unique within a statement.
 */

/** At most this many problems are collected from one file. */
export const MAX_PROBLEMS = 100;

/** A value read from the file, or why it cannot be. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Records a problem at `line`, unless MAX_PROBLEMS are collected already. */
export function collectProblem(problems: BankLineProblem[], line: number, message: string): void {
  if (problems.length < MAX_PROBLEMS) problems.push({ line, message });
}

/** The error that rejects a whole file: its first problem (by line), how many more, all of them listed. */
export function rejection(file: string, found: readonly BankLineProblem[], hint: string): SmartError {
  const problems = [...found].sort((a, b) => a.line - b.line);
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  const listed: Problem[] = problems.map((problem) => ({ where: `${file}:${problem.line}`, message: problem.message }));
  return invalidInput(`${file}:${first?.line ?? 1}: ${first?.message ?? 'unreadable'}${more}.`, {
    problems: listed,
    hint,
  });
}

/** The error to report when the file cannot be read; `folderHint` says which file to give instead of a folder. */
export function readFailure(path: string, error: unknown, folderHint: string): unknown {
  // Duck-typed: errors from node:fs may come from another realm (test runners), where instanceof fails.
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  if (typeof code !== 'string') return error;
  if (code === 'ENOENT') return notFound(`Cannot read ${path}: there is no such file.`, 'Check the file name.');
  if (code === 'EISDIR') return invalidInput(`${path} is a folder, not a statement file.`, { hint: folderHint });
  return invalidInput(`Cannot read ${path} (${code}).`, { hint: 'Check that the file exists and that you may read it.' });
}

/** Text from the file quoted in a message: short, and without control characters. */
export function shown(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/** Gives a reference that repeats within a statement "#1", "#2"... in order, so each stays unique. */
export function uniqueReferences(lines: readonly BankLine[]): BankLine[] {
  const counts = new Map<string, number>();
  for (const line of lines) if (line.bankReference !== null) counts.set(line.bankReference, (counts.get(line.bankReference) ?? 0) + 1);
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const reference = line.bankReference;
    if (reference === null || (counts.get(reference) ?? 0) < 2) return line;
    const occurrence = (seen.get(reference) ?? 0) + 1;
    seen.set(reference, occurrence);
    return { ...line, bankReference: `${reference}#${occurrence}` };
  });
}
