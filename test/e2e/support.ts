/**
 * Small helpers shared by the end-to-end tests: a book made by `smart init` itself, a
 * fingerprint of the book's files to prove a refused command wrote nothing, and valid Belgian
 * identifiers to type.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliResult, SMART_BIN, runSmart } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-book.js';

export { runSmart, type CliResult };

/**
 * `runSmart` without blocking, with the same environment (no terminal, no NO_COLOR unless
 * given, no SMART_DB), so that independent commands can run side by side: jest runs the e2e
 * files one at a time on a small machine, and each smart process costs a few tenths of a second.
 */
export function runSmartAsync(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, SMART_DB: '', XDG_DATA_HOME: '/nonexistent-smart-test', ...options.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  if (options.env?.NO_COLOR !== undefined) env.NO_COLOR = options.env.NO_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SMART_BIN, ...args], { env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export const COOP = {
  name: 'E2E Coop SCRL',
  enterprise: 'BE0123456749',
  iban: 'BE71096123456769',
  bic: 'GKCCBEBB',
  address: 'Rue Coenraets 72, 1060 Saint-Gilles',
};

export const COOP_FLAGS: readonly string[] = [
  '--name', COOP.name,
  '--enterprise', COOP.enterprise,
  '--iban', COOP.iban,
  '--bic', COOP.bic,
  '--address', COOP.address,
];

/** Any ANSI escape sequence (colours, cursor moves). */
export const ANSI = /\u001b\[/;

export const FIXTURE_MEMBERS_CSV = fileURLToPath(new URL('../../fixtures/demo/members.csv', import.meta.url));

/**
 * People who are not in the demo fixture, with valid NISS (matching the birth date) and valid
 * Belgian IBANs, checked against the Belgian check-digit rules.
 */
export const PEOPLE = [
  { name: 'Inès Vermeulen', email: 'ines@example.be', niss: '92031512322', birthDate: '1992-03-15', iban: 'BE41063012345610', address: 'Rue Neuve 1, 1000 Bruxelles' },
  { name: 'Jan De Smet', email: 'jan.desmet@example.be', niss: '87061204509', birthDate: '1987-06-12', iban: 'BE48001123456727', address: 'Meir 2, 2000 Antwerpen' },
  { name: 'Karin Dupont', email: 'karin@example.be', niss: '75022830160', birthDate: '1975-02-28', iban: 'BE78310098765486', address: 'Rue du Pont 3, 4000 Liège' },
  { name: 'Lucas Mertens', email: 'lucas@example.be', niss: '02070411876', birthDate: '2002-07-04', iban: 'BE66735000112243', address: 'Korenmarkt 4, 9000 Gent' },
  { name: 'Marie Leclercq', email: 'marie@example.be', niss: '99111122252', birthDate: '1999-11-11', iban: 'BE42001654321054', address: 'Grand-Place 5, 7000 Mons' },
  { name: 'Nora Jacobs', email: 'nora@example.be', niss: '80010107728', birthDate: '1980-01-01', iban: 'BE81068222333424', address: 'Grote Markt 6, 3500 Hasselt' },
] as const;

export type Person = (typeof PEOPLE)[number];

/** Every flag of `smart member add` for a person. */
export function memberFlags(person: Person, extra: Record<string, string> = {}): string[] {
  const flags: Record<string, string> = {
    '--name': person.name,
    '--email': person.email,
    '--niss': person.niss,
    '--birth-date': person.birthDate,
    '--iban': person.iban,
    '--address': person.address,
    '--category': 'employee',
    ...extra,
  };
  return Object.entries(flags).flatMap(([flag, value]) => [flag, value]);
}

export interface E2eBook {
  readonly dir: string;
  readonly path: string;
  /** Runs smart with `--db` of this book appended. */
  run(args: readonly string[], options?: { env?: NodeJS.ProcessEnv; input?: string }): CliResult;
  /** The same, without blocking (see runSmartAsync). */
  runAsync(args: readonly string[], options?: { env?: NodeJS.ProcessEnv; input?: string }): Promise<CliResult>;
  cleanup(): void;
}

/** A new book created by `smart init` (the real command), in its own temporary folder. */
export function newBook(): E2eBook {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 'book.sqlite');
  const result = runSmart(['init', '--db', path, ...COOP_FLAGS]);
  if (result.exitCode !== 0) throw new Error(`smart init failed (${result.exitCode}): ${result.stderr}`);
  return {
    dir,
    path,
    run: (args, options = {}) => runSmart([...args, '--db', path], { cwd: dir, ...options }),
    runAsync: (args, options = {}) => runSmartAsync([...args, '--db', path], { cwd: dir, ...options }),
    cleanup,
  };
}

/** The parsed stdout of a command, with stderr in the error when it is not JSON. */
export function json<T = unknown>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.exitCode}).\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The sha256 of the book file and of its -wal file, read after the smart process has exited:
 * two equal fingerprints mean nothing was written. An empty -wal holds no data (SQLite leaves
 * one behind after a read-only open), so it counts as no -wal at all.
 */
export function fingerprint(path: string): string {
  const wal = `${path}-wal`;
  const walPart = existsSync(wal) && statSync(wal).size > 0 ? sha256(wal) : 'none';
  return `${sha256(path)} wal:${walPart}`;
}

export interface MemberJson {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly category: string;
  readonly status: string;
  readonly shares: number;
  readonly joinedOn: string;
  readonly leftOn: string | null;
}

export function listMembers(book: E2eBook, extra: readonly string[] = []): MemberJson[] {
  const result = book.run(['member', 'list', '--json', ...extra]);
  if (result.exitCode !== 0) throw new Error(`member list failed (${result.exitCode}): ${result.stderr}`);
  return json<MemberJson[]>(result);
}

const TERMINAL_SCRIPT = '/usr/bin/script';
/** A test that needs a pseudo-terminal: skipped where util-linux `script` is missing. */
export const atTerminal = existsSync(TERMINAL_SCRIPT) ? test : test.skip;

/** Runs smart in a pseudo-terminal (util-linux `script`) and types `keys` once `question` appears. */
export function runAtTerminal(args: readonly string[], question: string, keys: string): Promise<{ exitCode: number | null; output: string }> {
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  const env: NodeJS.ProcessEnv = { ...process.env, SMART_DB: '', XDG_DATA_HOME: '/nonexistent-smart-test', TERM: 'xterm', NO_COLOR: '1' };
  const command = [process.execPath, SMART_BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(TERMINAL_SCRIPT, ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let asked = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`smart ${args.join(' ')} hung at the terminal. Output so far:\n${JSON.stringify(output)}`));
    }, 20_000);
    const onOutput = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (!asked && output.includes(question)) {
        asked = true;
        setTimeout(() => child.stdin.write(keys), 80);
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, output });
    });
  });
}
