/** `smart shares buy` (idempotent with --ref) and the dated rules (`rules list`, `rules set`). */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type CliResult, type E2eBook, PEOPLE, fingerprint, json, memberFlags, newBook } from './support.js';

describe('smart shares buy', () => {
  let book: E2eBook;
  let buyer = 0;
  let leaver = 0;
  beforeAll(async () => {
    book = newBook();
    const [first, second] = await Promise.all([PEOPLE[0], PEOPLE[1]].map((person) => book.runAsync(['member', 'add', ...memberFlags(person), '--json'])));
    for (const add of [first, second]) if (add?.exitCode !== 0) throw new Error(add?.stderr);
    buyer = json<{ id: number }>(first as CliResult).id;
    leaver = json<{ id: number }>(second as CliResult).id;
    const leave = book.run(['member', 'leave', String(leaver)]);
    if (leave.exitCode !== 0) throw new Error(leave.stderr);
  });
  afterAll(() => book.cleanup());

  const held = (id: number): number => json<{ shares: number }>(book.run(['member', 'show', String(id), '--json'])).shares;

  test('the same --ref twice buys once', () => {
    expect(held(buyer)).toBe(1);
    const first = book.run(['shares', 'buy', String(buyer), '2', '--ref', 'KBC 2026-11-20 0042', '--json']);
    expect(first.exitCode).toBe(0);
    expect(json(first)).toMatchObject({ member: buyer, bought: 2, created: true, unitPrice: '30.00', amount: '60.00', held: 3 });

    const second = book.run(['shares', 'buy', String(buyer), '2', '--ref', 'KBC 2026-11-20 0042', '--json']);
    expect(second.exitCode).toBe(0);
    expect(json(second)).toMatchObject({ member: buyer, created: false, held: 3 });
    expect(second.stderr).toMatch(/nothing changed/);

    expect(held(buyer)).toBe(3);
    expect(json<{ shareCapital: string }>(book.run(['member', 'show', String(buyer), '--json'])).shareCapital).toBe('90.00');
  });

  test('a member who left cannot buy shares: exit 5, nothing written', () => {
    const before = fingerprint(book.path);
    const result = book.run(['shares', 'buy', String(leaver), '1', '--ref', 'late']);
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toMatch(/left/);
    expect(fingerprint(book.path)).toBe(before);
  });
});

interface RuleJson {
  readonly name: string;
  readonly date: string;
  readonly inForce: { readonly value: string; readonly effectiveFrom: string } | null;
}

describe('smart rules', () => {
  let book: E2eBook;
  beforeAll(() => {
    book = newBook();
  });
  afterAll(() => book.cleanup());

  const levyOn = async (extra: readonly string[]): Promise<RuleJson | undefined> => {
    const result = await book.runAsync(['rules', 'list', '--json', ...extra]);
    expect(result.exitCode).toBe(0);
    return json<RuleJson[]>(result).find((rule) => rule.name === 'levy.rate');
  };

  test('levy.rate is 0.065; a new value from 2027 applies from then on only', async () => {
    expect((await levyOn([]))?.inForce).toMatchObject({ value: '0.065', effectiveFrom: '2026-01-01' });

    const set = book.run(['rules', 'set', 'levy.rate', '0.07', '--from', '2027-01-01']);
    expect(set.exitCode).toBe(0);
    expect(set.stderr).toMatch(/levy\.rate/);

    const [in2027, in2026] = await Promise.all([levyOn(['--date', '2027-02-01']), levyOn(['--date', '2026-06-01'])]);
    expect(in2027?.inForce).toMatchObject({ value: '0.07', effectiveFrom: '2027-01-01' });
    expect(in2026?.inForce).toMatchObject({ value: '0.065', effectiveFrom: '2026-01-01' });
  });

  describe('refused values', () => {
    const cases = [
      ['an unknown rule', ['rules', 'set', 'levy.ratio', '0.07', '--from', '2027-01-01'], /levy\.ratio/],
      ['a value that is not a number', ['rules', 'set', 'levy.rate', 'seven', '--from', '2027-01-01'], /levy\.rate/],
      ['a rate above 100 %', ['rules', 'set', 'levy.rate', '7', '--from', '2027-01-01'], /levy\.rate/],
    ] as const;
    let before = '';
    let after = '';
    let results: CliResult[] = [];
    beforeAll(async () => {
      before = fingerprint(book.path);
      results = await Promise.all(cases.map(([, args]) => book.runAsync(args)));
      after = fingerprint(book.path);
    });

    test.each(cases.map(([what, , message], index) => [what, message, index] as const))('%s exits 3 and names the rule', (_what, message, index) => {
      expect(results[index]?.exitCode).toBe(3);
      expect(results[index]?.stderr).toMatch(message);
    });

    test('the book is byte for byte unchanged', () => {
      expect(after).toBe(before);
    });
  });
});
