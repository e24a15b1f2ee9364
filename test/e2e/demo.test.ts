/** `smart demo` builds (and rebuilds) a demo book, but never overwrites a real one. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { tempDir } from '../helpers/temp-book.js';
import { type E2eBook, fingerprint, json, listMembers, newBook, runSmart } from './support.js';

describe('smart demo', () => {
  const temp = tempDir();
  const path = join(temp.dir, 'demo.sqlite');
  let real: E2eBook;
  beforeAll(() => {
    real = newBook();
  });
  afterAll(() => {
    real.cleanup();
    temp.cleanup();
  });

  const demoMembers = () => {
    const result = runSmart(['member', 'list', '--json', '--db', path]);
    expect(result.exitCode).toBe(0);
    return json<{ id: number; name: string; status: string }[]>(result);
  };

  test('builds a demo book whose checks hold, and rebuilds it when run again', () => {
    const first = runSmart(['demo', '--db', path], { cwd: temp.dir });
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toMatch(/Built the demo book/);
    const hold = /(\d+) of (\d+) invariants hold/.exec(first.stderr);
    expect(hold).not.toBeNull();
    expect(hold?.[1]).toBe(hold?.[2]);
    expect(existsSync(path)).toBe(true);
    const members = demoMembers();
    expect(members).toHaveLength(8);
    expect(members.filter((member) => member.status === 'left')).toHaveLength(1);
    expect(runSmart(['check', '--db', path]).exitCode).toBe(0);

    const second = runSmart(['demo', '--db', path], { cwd: temp.dir });
    expect(second.exitCode).toBe(0);
    expect(second.stderr).toMatch(/Rebuilt the demo book/);
    expect(second.stderr).toMatch(/invariants hold/);
    // Rebuilt from scratch, not added to: still the same eight members.
    expect(demoMembers()).toEqual(members);
  });

  test('refuses to replace a real book: exit 5, the book unchanged', () => {
    const membersBefore = listMembers(real);
    const before = fingerprint(real.path);
    const result = runSmart(['demo', '--db', real.path], { cwd: real.dir });
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toContain(real.path);
    expect(result.stderr).toMatch(/not a demo book/);
    expect(fingerprint(real.path)).toBe(before);
    expect(listMembers(real)).toEqual(membersBefore);
  });
});
