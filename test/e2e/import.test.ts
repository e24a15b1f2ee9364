/** `smart member import FILE`: all rows valid or nothing written, every bad line named. */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type E2eBook, FIXTURE_MEMBERS_CSV, PEOPLE, type Person, fingerprint, json, listMembers, newBook } from './support.js';

const HEADER = 'name,email,niss,birth_date,iban,address,category,shares,withholding,joined_on';

function row(person: Person, overrides: Partial<Record<'niss' | 'birthDate' | 'name', string>> = {}): string {
  const cells = [
    overrides.name ?? person.name,
    person.email,
    overrides.niss ?? person.niss,
    overrides.birthDate ?? person.birthDate,
    person.iban,
    `"${person.address}"`,
    'employee',
    '1',
    '',
    '2026-03-01',
  ];
  return cells.join(',');
}

interface ImportJson {
  readonly file: string;
  readonly rows: number;
  readonly added: number;
  readonly alreadyPresent: number;
  readonly sharesBought: number;
  readonly dryRun: boolean;
}

describe('smart member import', () => {
  let book: E2eBook;
  const file = (name: string, content: string | Buffer): string => {
    const path = join(book.dir, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(() => {
    book = newBook();
  });
  afterAll(() => book.cleanup());

  test('the demo fixture imports 8 members; importing it again adds none', () => {
    const first = book.run(['member', 'import', FIXTURE_MEMBERS_CSV, '--json']);
    expect(first.exitCode).toBe(0);
    expect(json<ImportJson>(first)).toMatchObject({ rows: 8, added: 8, alreadyPresent: 0, sharesBought: 11, dryRun: false });
    const members = listMembers(book);
    expect(members).toHaveLength(8);
    expect(members.map((member) => member.name)).toContain('Chloé Dubois');
    expect(members.find((member) => member.name === 'Elif Yilmaz')?.shares).toBe(3);

    const again = book.run(['member', 'import', FIXTURE_MEMBERS_CSV, '--json']);
    expect(again.exitCode).toBe(0);
    expect(json<ImportJson>(again)).toMatchObject({ rows: 8, added: 0, alreadyPresent: 8, sharesBought: 0 });
    expect(listMembers(book)).toEqual(members);
  });

  test('a file with bad rows at lines 3 and 5 exits 3, names both lines, and writes nothing', () => {
    const path = file(
      'bad-rows.csv',
      [
        HEADER,
        row(PEOPLE[0]),
        row(PEOPLE[1], { niss: '87061204508' }),
        row(PEOPLE[2]),
        row(PEOPLE[3], { birthDate: '2002-07-32' }),
        row(PEOPLE[4]),
        '',
      ].join('\n'),
    );
    const before = fingerprint(book.path);
    const result = book.run(['member', 'import', path, '--json']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('bad-rows.csv:3');
    expect(result.stderr).toContain('bad-rows.csv:5');
    expect(result.stderr).not.toContain('bad-rows.csv:2');
    expect(result.stderr).not.toContain('bad-rows.csv:4');
    expect(result.stderr).not.toContain('87061204508');
    expect(fingerprint(book.path)).toBe(before);
    const names = listMembers(book).map((member) => member.name);
    expect(names).not.toContain(PEOPLE[0].name);
  });

  const badFiles: [what: string, name: string, content: () => string | Buffer, message: RegExp][] = [
    ['an empty file', 'empty.csv', () => '', /empty/],
    ['a binary file', 'binary.csv', () => Buffer.concat([randomBytes(300), Buffer.from([0]), randomBytes(300)]), /binary/],
    ['a file with an unknown column', 'unknown-column.csv', () => `${HEADER},nickname\n${row(PEOPLE[0])},Inie\n`, /unknown column "nickname"/],
    [
      'a file in ISO-8859-1 with an accented name',
      'latin1.csv',
      () => Buffer.from(`${HEADER}\n${row(PEOPLE[0], { name: 'Inès Vermeulen-Dupré' })}\n`, 'latin1'),
      /UTF-8/,
    ],
  ];
  test.each(badFiles)('%s exits 3 with a clear message and changes nothing', (_what, name, content, message) => {
    const path = file(name, content());
    const before = fingerprint(book.path);
    const result = book.run(['member', 'import', path]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(name);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(fingerprint(book.path)).toBe(before);
  });

  test('--dry-run says what would be imported and writes nothing', () => {
    const path = file('new-people.csv', [HEADER, row(PEOPLE[0]), row(PEOPLE[1]), ''].join('\r\n'));
    const before = fingerprint(book.path);
    const result = book.run(['member', 'import', path, '--dry-run', '--json']);
    expect(result.exitCode).toBe(0);
    expect(json<ImportJson>(result)).toMatchObject({ rows: 2, added: 2, alreadyPresent: 0, dryRun: true });
    expect(result.stderr).toMatch(/would add 2/);
    expect(fingerprint(book.path)).toBe(before);
    const names = listMembers(book).map((member) => member.name);
    expect(names).not.toContain(PEOPLE[0].name);
    expect(names).not.toContain(PEOPLE[1].name);
  });
});
