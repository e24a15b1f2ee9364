/**
 * The few kinds of failure `smart` reports, each with its own exit code.
 * The core throws these; only src/cli/main.ts turns them into a message and an exit code.
 */
export type ErrorKind = 'usage' | 'invalid-input' | 'not-found' | 'conflict' | 'check-failed' | 'busy';

export const EXIT_CODES: Readonly<Record<ErrorKind | 'ok' | 'internal', number>> = {
  ok: 0,
  internal: 1,
  usage: 2,
  'invalid-input': 3,
  'not-found': 4,
  conflict: 5,
  'check-failed': 6,
  busy: 7,
};

/** One problem with a piece of input: where it is (file and line) and what is wrong. */
export interface Problem {
  readonly where?: string;
  readonly message: string;
}

export class SmartError extends Error {
  readonly kind: ErrorKind;
  /** What the user can do next, printed after the message. */
  readonly hint: string | undefined;
  /** Every problem found, when there are several (a CSV file with many bad rows). */
  readonly problems: readonly Problem[];

  constructor(kind: ErrorKind, message: string, options: { hint?: string; problems?: readonly Problem[] } = {}) {
    super(message);
    this.name = 'SmartError';
    this.kind = kind;
    this.hint = options.hint;
    this.problems = options.problems ?? [];
  }
}

/** Whether an error from Node or SQLite carries this code (EISDIR, SQLITE_BUSY...). */
export function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

export function invalidInput(message: string, options?: { hint?: string; problems?: readonly Problem[] }): SmartError {
  return new SmartError('invalid-input', message, options);
}

export function notFound(message: string, hint?: string): SmartError {
  return new SmartError('not-found', message, hint === undefined ? {} : { hint });
}

export function conflict(message: string, hint?: string): SmartError {
  return new SmartError('conflict', message, hint === undefined ? {} : { hint });
}

export function usageError(message: string, hint?: string): SmartError {
  return new SmartError('usage', message, hint === undefined ? {} : { hint });
}
