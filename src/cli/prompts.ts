import { usageError } from '../errors.js';
import type { Validation } from '../identifiers/validation.js';
import type { Io } from './io.js';

export interface Question {
  readonly flag: string;
  readonly message: string;
  readonly check: (text: string) => Validation;
  readonly choices?: readonly string[];
  readonly default?: string;
}

/**
 * Asks at a terminal for each value that was not given as an option. Without a terminal (cron,
 * a script, piped input) nothing is asked: the command fails and names the options to pass.
 * Prompts are written to stderr so that `--json` output on stdout stays clean.
 */
export async function askForMissing(io: Io, questions: readonly Question[], values: Record<string, string | undefined>): Promise<Record<string, string | undefined>> {
  const missing = questions.filter((question) => values[question.flag] === undefined);
  if (missing.length === 0) return values;
  if (!io.interactive) {
    throw usageError(
      `missing ${missing.map((question) => question.flag).join(', ')}`,
      'There is no terminal to ask on: pass them as options (see --help).',
    );
  }
  // Loaded only when a person is there to answer: scripts and cron never pay for it.
  const { input, select } = await import('@inquirer/prompts');
  const context = { input: process.stdin, output: io.stderr };
  const answers = { ...values };
  for (const question of missing) {
    const validate = (text: string): true | string => {
      const result = question.check(text);
      return result.ok ? true : result.problem;
    };
    answers[question.flag] =
      question.choices === undefined
        ? await input({ message: question.message, ...(question.default === undefined ? {} : { default: question.default }), validate }, context)
        : await select({ message: question.message, choices: question.choices.map((choice) => ({ name: choice, value: choice })), ...(question.default === undefined ? {} : { default: question.default }) }, context);
  }
  return answers;
}

/**
 * Asks a yes/no question at a terminal, "no" unless the person types yes. Callers decide first
 * what happens without a terminal (usually: refuse and name the --yes option).
 */
export async function confirmAtTerminal(io: Io, message: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: false }, { input: process.stdin, output: io.stderr });
}
