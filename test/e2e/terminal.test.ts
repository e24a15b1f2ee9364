/**
 * smart at a real (pseudo-)terminal, through util-linux `script`: prompts for what is missing,
 * colours that NO_COLOR and --no-color turn off.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { SMART_BIN } from '../helpers/run-cli.js';
import { ANSI, type E2eBook, PEOPLE, json, listMembers, newBook } from './support.js';

const SCRIPT = '/usr/bin/script';
const HAS_SCRIPT = existsSync(SCRIPT);
const atTerminal = HAS_SCRIPT ? test : test.skip;
if (!HAS_SCRIPT) {
  console.warn(`Skipping the terminal tests: ${SCRIPT} (util-linux) is not installed.`);
}

const TIMEOUT_MS = 20_000;

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

interface TerminalRun {
  readonly exitCode: number | null;
  readonly output: string;
}

/**
 * Runs smart in a pseudo-terminal. Each answer is typed once its question has appeared on the
 * terminal (after the previous answer); the run is killed if it hangs.
 */
function runAtTerminal(args: readonly string[], answers: readonly (readonly [question: string, keys: string])[], env: NodeJS.ProcessEnv = {}): Promise<TerminalRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, SMART_DB: '', XDG_DATA_HOME: '/nonexistent-smart-test', TERM: 'xterm', ...env };
  if (env.NO_COLOR === undefined) delete childEnv.NO_COLOR;
  delete childEnv.FORCE_COLOR;
  const command = [process.execPath, SMART_BIN, ...args].map(shellQuote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let searchFrom = 0;
    let next = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      const waiting = answers[next]?.[0] ?? '(the end)';
      reject(new Error(`smart ${args.join(' ')} hung at the terminal, waiting for "${waiting}". Output so far:\n${JSON.stringify(output)}`));
    }, TIMEOUT_MS);
    const onOutput = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const answer = answers[next];
      if (answer === undefined) return;
      const at = output.indexOf(answer[0], searchFrom);
      if (at === -1) return;
      next += 1;
      searchFrom = output.length;
      // A moment for the prompt to start listening to the keyboard.
      setTimeout(() => child.stdin.write(answer[1]), 80);
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (next < answers.length) {
        reject(new Error(`smart ${args.join(' ')} ended (exit ${String(code)}) before asking "${answers[next]?.[0] ?? ''}". Output:\n${JSON.stringify(output)}`));
        return;
      }
      resolve({ exitCode: code, output });
    });
  });
}

const DOWN = '\u001b[B';
const ENTER = '\r';
const BACKSPACE = '\u007f';

describe('smart member add at a terminal', () => {
  let book: E2eBook;
  beforeAll(() => {
    book = newBook();
  });
  afterAll(() => book.cleanup());

  atTerminal(
    'asks for each missing value and adds the member with the answers',
    async () => {
      const person = PEOPLE[2];
      const run = await runAtTerminal(
        ['member', 'add', '--db', book.path, '--json'],
        [
          ['Full name', `${person.name}${ENTER}`],
          ['E-mail', `${person.email}${ENTER}`],
          ['NISS', `${person.niss}${ENTER}`],
          ['Birth date', `${person.birthDate}${ENTER}`],
          ['IBAN', `${person.iban}${ENTER}`],
          ['Postal address', `${person.address}${ENTER}`],
          ['Worker category', `${DOWN}${ENTER}`],
          ['Shares bought on joining', `2${ENTER}`],
        ],
      );
      expect(run.exitCode).toBe(0);
      expect(run.output).toMatch(/Added member \d+, Karin Dupont \(artist\), with 2 share/);

      const members = listMembers(book, ['--search', 'Karin']);
      expect(members).toHaveLength(1);
      expect(members[0]).toMatchObject({ name: person.name, email: person.email, category: 'artist', shares: 2, status: 'active' });
      const shown = json<Record<string, unknown>>(book.run(['member', 'show', String(members[0]?.id), '--json']));
      expect(shown).toMatchObject({ niss: person.niss, iban: person.iban, birthDate: person.birthDate, address: person.address });
    },
    TIMEOUT_MS + 10_000,
  );

  atTerminal(
    'a wrong NISS is asked again; Enter takes the first category (employee) and one share; given flags are not asked',
    async () => {
      const person = PEOPLE[3];
      const run = await runAtTerminal(
        ['member', 'add', '--db', book.path, '--name', person.name, '--email', person.email, '--birth-date', person.birthDate, '--address', person.address],
        [
          // A typing error is refused at the prompt and asked again; nothing is lost.
          ['NISS', `02070411867${ENTER}`],
          ['check digits do not match', `${BACKSPACE.repeat(11)}${person.niss}${ENTER}`],
          ['IBAN', `${person.iban}${ENTER}`],
          ['Worker category', ENTER],
          ['Shares bought on joining', ENTER],
        ],
      );
      expect(run.exitCode).toBe(0);
      expect(run.output).not.toContain('Full name');
      expect(run.output).not.toContain('E-mail');
      const members = listMembers(book, ['--search', 'Lucas']);
      expect(members).toHaveLength(1);
      expect(members[0]).toMatchObject({ name: person.name, category: 'employee', shares: 1 });
      expect(json<{ niss: string }>(book.run(['member', 'show', String(members[0]?.id), '--json'])).niss).toBe(person.niss);
    },
    TIMEOUT_MS + 10_000,
  );
});

describe('colours at a terminal', () => {
  let book: E2eBook;
  beforeAll(() => {
    book = newBook();
  });
  afterAll(() => book.cleanup());

  atTerminal(
    'a terminal gets colours, NO_COLOR=1 and --no-color none',
    async () => {
      const [coloured, noColor, flag] = await Promise.all([
        runAtTerminal(['member', 'list', '--db', book.path], []),
        runAtTerminal(['member', 'list', '--db', book.path], [], { NO_COLOR: '1' }),
        runAtTerminal(['member', 'list', '--db', book.path, '--no-color'], []),
      ]);
      expect(coloured.exitCode).toBe(0);
      expect(coloured.output).toMatch(ANSI);

      expect(noColor.exitCode).toBe(0);
      expect(noColor.output).toContain('name');
      expect(noColor.output).not.toMatch(ANSI);

      expect(flag.exitCode).toBe(0);
      expect(flag.output).toContain('name');
      expect(flag.output).not.toMatch(ANSI);
    },
    3 * TIMEOUT_MS,
  );
});
