/** `smart member add/list/show/edit/leave`, `ga roll` and `audit`, as a script runs them (no terminal). */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ANSI, type CliResult, type E2eBook, type MemberJson, PEOPLE, fingerprint, json, listMembers, memberFlags, newBook } from './support.js';

const INES = PEOPLE[0];

describe('smart member add', () => {
  let book: E2eBook;
  const fullFlags = memberFlags(INES, { '--category': 'artist', '--withholding': 'flat', '--shares': '2', '--joined': '2026-02-01' });
  beforeAll(() => {
    book = newBook();
  });
  afterAll(() => book.cleanup());

  test('with every flag and --json prints only the new member as JSON on stdout, the summary on stderr', () => {
    const result = book.run(['member', 'add', ...fullFlags, '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trimStart().startsWith('{')).toBe(true);
    const member = json<MemberJson & { created: boolean }>(result);
    expect(typeof member.id).toBe('number');
    expect(member).toMatchObject({
      name: INES.name,
      email: INES.email,
      category: 'artist',
      status: 'active',
      shares: 2,
      joinedOn: '2026-02-01',
      created: true,
    });
    expect(result.stderr).toContain(INES.name);
    expect(result.stderr).toMatch(/Added member/);
    expect(result.stdout).not.toContain('Added member');

    const show = json<{ niss: string; iban: string; withholding: string; birthDate: string; address: string }>(book.run(['member', 'show', String(member.id), '--json']));
    expect(show).toMatchObject({ niss: INES.niss, iban: INES.iban, withholding: 'flat', birthDate: INES.birthDate, address: INES.address });
  });

  test('the identical command again exits 0, says nothing changed and adds no member', () => {
    const before = listMembers(book);
    const result = book.run(['member', 'add', ...fullFlags, '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/nothing changed/);
    expect(json<{ created: boolean; shares: number }>(result)).toMatchObject({ created: false, shares: 2 });
    expect(listMembers(book)).toEqual(before);
    expect(before).toHaveLength(1);
  });

  test('the same NISS with another name exits 5 and changes nothing', () => {
    const before = fingerprint(book.path);
    const result = book.run(['member', 'add', ...memberFlags(INES, { '--name': 'Somebody Else', '--category': 'artist' })]);
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toMatch(/NISS/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(INES.niss);
    expect(fingerprint(book.path)).toBe(before);
    expect(listMembers(book).map((member) => member.name)).toEqual([INES.name]);
  });

  describe('refused input writes nothing', () => {
    const person = PEOPLE[1];
    const invalid = [
      ['NISS', '--niss', '87061204508'],
      ['IBAN', '--iban', 'BE48001123456728'],
      ['e-mail', '--email', 'jan.desmet@@example'],
      ['birth date', '--birth-date', '1987-02-30'],
    ] as const;
    const withoutNiss = memberFlags(person);
    withoutNiss.splice(withoutNiss.indexOf('--niss'), 2);
    let before = '';
    let after = '';
    let results: CliResult[] = [];
    let missing: CliResult | undefined;
    beforeAll(async () => {
      before = fingerprint(book.path);
      // These commands change nothing, so they may run side by side.
      [missing, ...results] = await Promise.all([
        book.runAsync(['member', 'add', ...withoutNiss]),
        ...invalid.map(([, flag, value]) => book.runAsync(['member', 'add', ...memberFlags(person, { [flag]: value })])),
      ]);
      after = fingerprint(book.path);
    });

    test.each(invalid.map((item, index) => [...item, index] as const))(
      'an invalid %s exits 3, names %s, and does not echo the NISS or IBAN typed',
      (_what, flag, _value, index) => {
        const result = results[index];
        expect(result?.exitCode).toBe(3);
        expect(result?.stderr).toContain(flag);
        const output = `${result?.stdout ?? ''}${result?.stderr ?? ''}`;
        for (const secret of [person.niss, person.iban, '87061204508', 'BE48001123456728']) expect(output).not.toContain(secret);
      },
    );

    test('without a terminal a missing required flag exits 2 and names it', () => {
      expect(missing?.exitCode).toBe(2);
      expect(missing?.stderr).toContain('--niss');
    });

    test('the book file is byte for byte unchanged and no member was added', () => {
      expect(after).toBe(before);
      expect(listMembers(book).map((member) => member.name)).toEqual([INES.name]);
    });
  });
});

describe('smart member list, show, edit, leave and ga roll', () => {
  let book: E2eBook;
  const FORMULA_NAME = '=HYPERLINK("http://evil.example","click")';
  const ids = { ines: 0, jan: 0, karin: 0, lucas: 0 };

  beforeAll(async () => {
    book = newBook();
    const people: [keyof typeof ids, string[]][] = [
      ['ines', memberFlags(PEOPLE[0], { '--shares': '2' })],
      ['jan', memberFlags(PEOPLE[1], { '--shares': '3', '--category': 'artist' })],
      ['karin', memberFlags(PEOPLE[2], { '--name': FORMULA_NAME })],
      ['lucas', memberFlags(PEOPLE[3], { '--shares': '2' })],
    ];
    // Side by side: the book serialises the writes (the others wait for its lock).
    const results = await Promise.all(people.map(([, flags]) => book.runAsync(['member', 'add', ...flags, '--json'])));
    people.forEach(([key], index) => {
      const result = results[index] as CliResult;
      if (result.exitCode !== 0) throw new Error(result.stderr);
      ids[key] = json<{ id: number }>(result).id;
    });
  });
  afterAll(() => book.cleanup());

  test('member list --json prints an array of members with id, name, status and shares', () => {
    const result = book.run(['member', 'list', '--json']);
    expect(result.exitCode).toBe(0);
    const members = json<MemberJson[]>(result);
    expect(members).toHaveLength(4);
    for (const member of members) {
      expect(typeof member.id).toBe('number');
      expect(typeof member.name).toBe('string');
      expect(['active', 'left']).toContain(member.status);
      expect(typeof member.shares).toBe('number');
    }
    expect(members.find((member) => member.id === ids.jan)).toMatchObject({ name: PEOPLE[1].name, status: 'active', shares: 3, category: 'artist' });
    // A list never shows NISS or IBAN.
    for (const person of PEOPLE.slice(0, 4)) {
      expect(result.stdout).not.toContain(person.niss);
      expect(result.stdout).not.toContain(person.iban);
    }
  });

  test('member list --search finds by part of the name or e-mail', async () => {
    const [byName, byEmail, nobody] = await Promise.all(
      [['--search', 'Smet'], ['--search', 'ines@'], ['--search', 'nobody-by-that-name']].map((args) => book.runAsync(['member', 'list', '--json', ...args])),
    );
    expect(json<MemberJson[]>(byName as CliResult).map((member) => member.id)).toEqual([ids.jan]);
    expect(json<MemberJson[]>(byEmail as CliResult).map((member) => member.id)).toEqual([ids.ines]);
    expect(json<MemberJson[]>(nobody as CliResult)).toEqual([]);
  });

  test('member list --csv has a header row and neutralises a name that starts with "="', () => {
    const result = book.run(['member', 'list', '--csv']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split(/\r?\n/).filter((line) => line !== '');
    expect(lines[0]).toBe('id,name,email,category,status,shares,joined_on,left_on');
    expect(lines).toHaveLength(5);
    const evil = lines.find((line) => line.includes('HYPERLINK'));
    expect(evil).toBeDefined();
    // The cell starts with an apostrophe (inside CSV quotes, since the name holds quotes and a comma).
    expect(evil).toMatch(new RegExp(`^${ids.karin},"?'=HYPERLINK`));
    expect(result.stdout).not.toMatch(/(^|,)"?=/m);
  });

  test('member show --json gives the NISS, IBAN, shares and the share capital as a string; the table masks the NISS', async () => {
    const [result, table] = (await Promise.all([
      book.runAsync(['member', 'show', String(ids.jan), '--json']),
      book.runAsync(['member', 'show', String(ids.jan)]),
    ])) as [CliResult, CliResult];
    expect(result.exitCode).toBe(0);
    const member = json<Record<string, unknown>>(result);
    expect(member).toMatchObject({ id: ids.jan, name: PEOPLE[1].name, niss: PEOPLE[1].niss, iban: PEOPLE[1].iban, shares: 3, shareCapital: '90.00' });
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain(PEOPLE[1].name);
    expect(table.stdout).not.toContain(PEOPLE[1].niss);
  });

  test('member show 999 exits 4', () => {
    const result = book.run(['member', 'show', '999']);
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/999/);
  });

  test('member edit --iban changes the IBAN shown; edit with nothing exits 2 and writes nothing', () => {
    const newIban = PEOPLE[5].iban;
    const edit = book.run(['member', 'edit', String(ids.lucas), '--iban', newIban]);
    expect(edit.exitCode).toBe(0);
    expect(edit.stderr).toMatch(/iban/);
    const shown = json<{ iban: string; name: string }>(book.run(['member', 'show', String(ids.lucas), '--json']));
    expect(shown.iban).toBe(newIban);
    expect(shown.name).toBe(PEOPLE[3].name);

    const before = fingerprint(book.path);
    const nothing = book.run(['member', 'edit', String(ids.lucas)]);
    expect(nothing.exitCode).toBe(2);
    expect(fingerprint(book.path)).toBe(before);
  });

  test('member leave refunds the shares; again changes nothing; --status filters; ga roll gives one vote per active member', async () => {
    const leave = book.run(['member', 'leave', String(ids.ines), '--json']);
    expect(leave.exitCode).toBe(0);
    expect(json(leave)).toMatchObject({ id: ids.ines, status: 'left', changed: true, refundedShares: 2, refund: '60.00' });

    const again = book.run(['member', 'leave', String(ids.ines), '--json']);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toMatch(/nothing changed/);
    expect(json(again)).toMatchObject({ status: 'left', changed: false, refund: '0.00' });

    const [show, left, activeList, roll] = (await Promise.all([
      book.runAsync(['member', 'show', String(ids.ines), '--json']),
      book.runAsync(['member', 'list', '--json', '--status', 'left']),
      book.runAsync(['member', 'list', '--json', '--status', 'active']),
      book.runAsync(['ga', 'roll', '--json']),
    ])) as [CliResult, CliResult, CliResult, CliResult];
    expect(json<{ status: string; shares: number; shareCapital: string }>(show)).toMatchObject({ status: 'left', shares: 0, shareCapital: '0.00' });

    expect(json<MemberJson[]>(left).map((member) => member.id)).toEqual([ids.ines]);
    const active = json<MemberJson[]>(activeList).map((member) => member.id);
    expect(active.sort((a, b) => a - b)).toEqual([ids.jan, ids.karin, ids.lucas].sort((a, b) => a - b));

    expect(roll.exitCode).toBe(0);
    const { members, totalVotes, totalShares } = json<{ members: { id: number; shares: number; votes: number }[]; totalVotes: number; totalShares: number }>(roll);
    expect(members.map((member) => member.id).sort((a, b) => a - b)).toEqual(active.sort((a, b) => a - b));
    expect(members.find((member) => member.id === ids.ines)).toBeUndefined();
    for (const member of members) expect(member.votes).toBe(1);
    expect(members.find((member) => member.id === ids.jan)).toMatchObject({ shares: 3, votes: 1 });
    expect(totalVotes).toBe(3);
    expect(totalShares).toBe(3 + 1 + 2);
  });

  test('no ANSI escape codes in any output without a terminal, with or without NO_COLOR', async () => {
    const runs: [string[], NodeJS.ProcessEnv][] = [
      [['member', 'list'], {}],
      [['member', 'list', '--csv'], {}],
      [['member', 'show', String(ids.jan)], {}],
      [['member', 'show', '999'], {}],
      [['ga', 'roll'], {}],
      [['check'], {}],
      [['member', 'add', ...memberFlags(PEOPLE[4], { '--niss': '1' })], {}],
      [['member', 'list'], { NO_COLOR: '1' }],
      [['check'], { NO_COLOR: '1' }],
      [['member', 'show', '999'], { NO_COLOR: '1' }],
    ];
    const results = await Promise.all(runs.map(([args, env]) => book.runAsync(args, { env })));
    runs.forEach(([args, env], index) => {
      const result = results[index];
      const output = `${result?.stdout ?? ''}${result?.stderr ?? ''}`;
      expect(output.length).toBeGreaterThan(0);
      expect({ args, env, output, ansi: ANSI.test(output) }).toMatchObject({ ansi: false });
    });
  });
});

describe('smart audit', () => {
  let book: E2eBook;
  const person = PEOPLE[5];
  beforeAll(() => {
    book = newBook();
    const add = book.run(['member', 'add', ...memberFlags(person)]);
    if (add.exitCode !== 0) throw new Error(add.stderr);
    const edit = book.run(['member', 'edit', '1', `--iban=${PEOPLE[4].iban}`]);
    if (edit.exitCode !== 0) throw new Error(edit.stderr);
  });
  afterAll(() => book.cleanup());

  test('audit --json lists the writes, newest first, with the NISS and IBAN masked', async () => {
    const [result, table] = (await Promise.all([book.runAsync(['audit', '--json']), book.runAsync(['audit'])])) as [CliResult, CliResult];
    expect(result.exitCode).toBe(0);
    const rows = json<{ at: string; user: string; command: string; summary: string }[]>(result);
    expect(rows).toHaveLength(3);
    expect(rows[0]?.command).toMatch(/member edit/);
    expect(rows[1]?.command).toMatch(/member add/);
    expect(rows[2]?.summary).toMatch(/book created/);
    expect(rows[1]?.command).toContain(person.niss.slice(-4));
    expect(rows[1]?.command).toMatch(/\*{4,}/);
    for (const secret of [person.niss, person.iban, PEOPLE[4].iban]) {
      expect(result.stdout).not.toContain(secret);
    }
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/member add/);
    expect(table.stdout).not.toContain(person.niss);
  });
});
