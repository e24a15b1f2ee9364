/** Every command's --help has examples; unknown commands and options are usage errors. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { type CliResult, runSmartAsync } from './support.js';

/** The names listed under "Commands:" in a help text (commander's own `help` left out). */
function subcommands(help: string): string[] {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => line.trim() === 'Commands:');
  if (start === -1) return [];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const match = /^ {2}([a-z][a-z-]*)\b/.exec(line);
    if (match?.[1] !== undefined && match[1] !== 'help') names.push(match[1]);
  }
  return names;
}

/** Every command that does something (the leaves of the command tree). */
const LEAVES = [
  'audit',
  'check',
  'demo',
  'ga roll',
  'init',
  'member add',
  'member edit',
  'member import',
  'member leave',
  'member list',
  'member show',
  'rules list',
  'rules set',
  'shares buy',
];
const GROUPS = ['', 'ga', 'member', 'rules', 'shares'];

describe('smart --help', () => {
  /** `--help` of smart and of every command below it, found by walking the "Commands:" lists. */
  const helps = new Map<string, CliResult>();
  const children = new Map<string, string[]>();

  beforeAll(async () => {
    let level: string[][] = [[]];
    while (level.length > 0) {
      const results = await Promise.all(level.map((path) => runSmartAsync([...path, '--help'])));
      const nextLevel: string[][] = [];
      level.forEach((path, index) => {
        const result = results[index] as CliResult;
        const key = path.join(' ');
        const names = subcommands(result.stdout);
        helps.set(key, result);
        children.set(key, names);
        for (const name of names) nextLevel.push([...path, name]);
      });
      level = nextLevel;
    }
  });

  test('the walk reaches every command', () => {
    const leaves = [...children].filter(([, names]) => names.length === 0).map(([key]) => key);
    const groups = [...children].filter(([, names]) => names.length > 0).map(([key]) => key);
    expect(leaves).toEqual(expect.arrayContaining(LEAVES));
    expect(groups).toEqual(expect.arrayContaining(GROUPS));
  });

  test('every command and group --help exits 0 and prints the usage on stdout', () => {
    const bad = [...helps]
      .filter(([, result]) => result.exitCode !== 0 || !/^Usage: smart/.test(result.stdout))
      .map(([key, result]) => `smart ${key} --help: exit ${result.exitCode}, stdout ${JSON.stringify(result.stdout.slice(0, 60))}`);
    expect(helps.size).toBeGreaterThanOrEqual(GROUPS.length + LEAVES.length);
    expect(bad).toEqual([]);
  });

  test('smart --help and every command --help have Examples:', () => {
    const leaves = [...children].filter(([, names]) => names.length === 0).map(([key]) => key);
    const missing = ['', ...leaves].filter((key) => !/Examples:\n\s+\$ smart /.test(helps.get(key)?.stdout ?? '')).map((key) => `smart ${key}`.trim());
    expect(missing).toEqual([]);
  });
});

describe('usage errors', () => {
  const cases: [string, string[]][] = [
    ['an unknown command', ['frobnicate']],
    ['an unknown subcommand', ['member', 'frobnicate']],
    ['an unknown option', ['member', 'list', '--frobnicate']],
    ['an unknown global option', ['--frobnicate', 'check']],
    ['a missing argument', ['member', 'show']],
  ];
  const results = new Map<string, CliResult>();
  beforeAll(async () => {
    const all = await Promise.all(cases.map(([, args]) => runSmartAsync(args)));
    cases.forEach(([what], index) => results.set(what, all[index] as CliResult));
  });

  test.each(cases)('%s exits 2 with a message on stderr', (what) => {
    const result = results.get(what);
    expect(result?.exitCode).toBe(2);
    expect(result?.stderr).toMatch(/unknown|missing|error/i);
    expect(result?.stdout).toBe('');
  });
});
