/** `smart init`, where the book is found (--db, SMART_DB), a missing book, a book from a newer smart. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { tempDir } from '../helpers/temp-book.js';
import { COOP, COOP_FLAGS, type CliResult, type E2eBook, FIXTURE_MEMBERS_CSV, PEOPLE, fingerprint, json, memberFlags, newBook, runSmart, runSmartAsync } from './support.js';

describe('smart init', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());
  const paths = {
    plain: join(temp.dir, 'plain', 'book.sqlite'),
    json: join(temp.dir, 'json.sqlite'),
    twice: join(temp.dir, 'twice.sqlite'),
    badIban: join(temp.dir, 'bad-iban.sqlite'),
    noBic: join(temp.dir, 'no-bic.sqlite'),
  };
  const badIbanFlags = [...COOP_FLAGS];
  badIbanFlags[badIbanFlags.indexOf('--iban') + 1] = 'BE71096123456768';
  const noBicFlags = [...COOP_FLAGS];
  noBicFlags.splice(noBicFlags.indexOf('--bic'), 2);
  let results: Record<keyof typeof paths, CliResult>;

  beforeAll(async () => {
    // Five independent inits, side by side.
    const [plain, json, twice, badIban, noBic] = (await Promise.all([
      runSmartAsync(['init', '--db', paths.plain, ...COOP_FLAGS]),
      runSmartAsync(['init', '--db', paths.json, ...COOP_FLAGS, '--json']),
      runSmartAsync(['init', '--db', paths.twice, ...COOP_FLAGS]),
      runSmartAsync(['init', '--db', paths.badIban, ...badIbanFlags]),
      runSmartAsync(['init', '--db', paths.noBic, ...noBicFlags]),
    ])) as CliResult[];
    results = { plain, json, twice, badIban, noBic } as Record<keyof typeof paths, CliResult>;
  });

  test('creates the book with mode 0600 and prints a summary on stderr only', () => {
    const result = results.plain;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(COOP.name);
    expect(result.stderr).toContain(paths.plain);
    expect(result.stderr).toMatch(/rules/);
    expect(existsSync(paths.plain)).toBe(true);
    expect(statSync(paths.plain).mode & 0o777).toBe(0o600);
    // The folder it had to create is private too.
    expect(statSync(dirname(paths.plain)).mode & 0o777).toBe(0o700);
  });

  test('--json prints the path of the new book on stdout', () => {
    const result = results.json;
    expect(result.exitCode).toBe(0);
    const out = json<{ path: string; coop: { name: string } }>(result);
    expect(out.path).toBe(paths.json);
    expect(out.coop.name).toBe(COOP.name);
    expect(statSync(paths.json).mode & 0o777).toBe(0o600);
  });

  test('a second init on the same path exits 5 and leaves the file byte for byte the same', () => {
    expect(results.twice.exitCode).toBe(0);
    const before = readFileSync(paths.twice);
    const beforePrint = fingerprint(paths.twice);
    const again = runSmart(['init', '--db', paths.twice, ...COOP_FLAGS.map((value) => (value === COOP.name ? 'Another Coop' : value))]);
    expect(again.exitCode).toBe(5);
    expect(again.stderr).toContain(paths.twice);
    expect(readFileSync(paths.twice).equals(before)).toBe(true);
    expect(fingerprint(paths.twice)).toBe(beforePrint);
  });

  test('an invalid IBAN exits 3, names --iban and creates no file', () => {
    expect(results.badIban.exitCode).toBe(3);
    expect(results.badIban.stderr).toContain('--iban');
    expect(existsSync(paths.badIban)).toBe(false);
    expect(existsSync(`${paths.badIban}-wal`)).toBe(false);
    expect(existsSync(`${paths.badIban}-shm`)).toBe(false);
  });

  test('without a terminal a missing flag exits 2, names it and creates no file', () => {
    expect(results.noBic.exitCode).toBe(2);
    expect(results.noBic.stderr).toContain('--bic');
    expect(existsSync(paths.noBic)).toBe(false);
  });
});

describe('where the book is: --db and SMART_DB', () => {
  const temp = tempDir();
  const envPath = join(temp.dir, 'from-env.sqlite');
  const missing = join(temp.dir, 'missing.sqlite');
  afterAll(() => temp.cleanup());
  let viaEnv: CliResult;
  let dbBefore: CliResult;
  let dbAfter: CliResult;
  let envMissing: CliResult;

  beforeAll(async () => {
    // Created through SMART_DB alone: no --db anywhere.
    const init = runSmart(['init', ...COOP_FLAGS], { env: { SMART_DB: envPath } });
    if (init.exitCode !== 0) throw new Error(init.stderr);
    const add = runSmart(['member', 'add', ...memberFlags(PEOPLE[0])], { env: { SMART_DB: envPath } });
    if (add.exitCode !== 0) throw new Error(add.stderr);
    [viaEnv, dbBefore, dbAfter, envMissing] = (await Promise.all([
      runSmartAsync(['member', 'list', '--json'], { env: { SMART_DB: envPath } }),
      runSmartAsync(['--db', envPath, 'member', 'list', '--json'], { env: { SMART_DB: missing } }),
      runSmartAsync(['member', 'list', '--db', envPath, '--json'], { env: { SMART_DB: missing } }),
      runSmartAsync(['member', 'list', '--json'], { env: { SMART_DB: missing } }),
    ])) as [CliResult, CliResult, CliResult, CliResult];
  });

  test('SMART_DB is used when --db is absent', () => {
    expect(existsSync(envPath)).toBe(true);
    expect(viaEnv.exitCode).toBe(0);
    expect(json<{ name: string }[]>(viaEnv).map((member) => member.name)).toEqual([PEOPLE[0].name]);
  });

  test('--db works before the subcommand and wins over SMART_DB', () => {
    expect(dbBefore.exitCode).toBe(0);
    expect(json<{ name: string }[]>(dbBefore).map((member) => member.name)).toEqual([PEOPLE[0].name]);
  });

  test('--db works after the subcommand and wins over SMART_DB', () => {
    expect(dbAfter.exitCode).toBe(0);
    expect(json<{ name: string }[]>(dbAfter).map((member) => member.name)).toEqual([PEOPLE[0].name]);
  });

  test('SMART_DB pointing at no book is reported, not silently replaced', () => {
    expect(envMissing.exitCode).toBe(4);
    expect(envMissing.stderr).toContain(missing);
    expect(existsSync(missing)).toBe(false);
  });
});

describe('a missing book', () => {
  const temp = tempDir();
  const path = join(temp.dir, 'nowhere', 'book.sqlite');
  afterAll(() => temp.cleanup());

  const commands: readonly (readonly string[])[] = [
    ['member', 'list'],
    ['member', 'show', '1'],
    ['member', 'add', ...memberFlags(PEOPLE[1])],
    ['member', 'edit', '1', '--iban', PEOPLE[1].iban],
    ['member', 'leave', '1'],
    ['member', 'import', FIXTURE_MEMBERS_CSV],
    ['shares', 'buy', '1', '2'],
    ['ga', 'roll'],
    ['rules', 'list'],
    ['rules', 'set', 'levy.rate', '0.07', '--from', '2027-01-01'],
    ['check'],
    ['audit'],
  ];
  const results: CliResult[] = [];
  beforeAll(async () => {
    results.push(...(await Promise.all(commands.map((args) => runSmartAsync([...args, '--db', path])))));
  });

  test.each(commands.map((args, index) => [args.slice(0, 2).join(' '), index] as const))('%s exits 4 and names smart init', (_label, index) => {
    const result = results[index];
    expect(result?.exitCode).toBe(4);
    expect(result?.stderr).toContain('smart init');
    expect(result?.stdout).toBe('');
    expect(existsSync(path)).toBe(false);
  });
});

describe('a book written by a newer smart', () => {
  let book: E2eBook;
  const commands = [
    ['member list', ['member', 'list']],
    ['member add', ['member', 'add', ...memberFlags(PEOPLE[2])]],
    ['check', ['check']],
  ] as const;
  let before = '';
  let after = '';
  let results: CliResult[] = [];
  beforeAll(async () => {
    book = newBook();
    const db = new Database(book.path);
    const known = db.pragma('user_version', { simple: true }) as number;
    db.pragma(`user_version = ${known + 5}`);
    db.close();
    before = fingerprint(book.path);
    results = await Promise.all(commands.map(([, args]) => book.runAsync(args)));
    after = fingerprint(book.path);
  });
  afterAll(() => book.cleanup());

  test.each(commands.map(([label], index) => [label, index] as const))('%s is refused with exit 5 and a message about a newer smart', (_label, index) => {
    expect(results[index]?.exitCode).toBe(5);
    expect(results[index]?.stderr).toMatch(/newer (version of )?smart/);
    expect(results[index]?.stdout).toBe('');
  });

  test('the book is byte for byte unchanged', () => {
    expect(after).toBe(before);
  });
});
