import { expect } from '@jest/globals';
import type { Validation } from '../../../src/identifiers/validation.js';

/**
 * Example values the validators quote in their problems on purpose (they are documentation
 * examples, not anyone's data), removed before looking for echoed input.
 */
const QUOTED_EXAMPLES = ['BE68 5390 0754 7034', '0123.456.749', '+++123/4567/89002+++', 'BE0123456749'];

/**
 * Asserts that a validation failed and that its problem does not repeat the input: neither the
 * whole input nor any four consecutive digits of it (outside the quoted examples).
 */
export function expectProblemWithoutEcho(result: Validation, input: string): string {
  expect(result.ok).toBe(false);
  const problem = result.ok ? '' : result.problem;
  expect(problem).toMatch(/^[^A-Z]/);
  const compact = input.replace(/[\s.\-/+*]/g, '');
  if (compact.length >= 4) expect(problem).not.toContain(compact);
  const rest = QUOTED_EXAMPLES.reduce((text, example) => text.split(example).join(''), problem);
  const digits = input.replace(/\D/g, '');
  for (let start = 0; start + 4 <= digits.length; start += 1) {
    expect(rest).not.toContain(digits.slice(start, start + 4));
  }
  return problem;
}

/** Every string obtained by replacing one digit of `digits` by another digit. */
export function singleDigitChanges(digits: string): { position: number; from: number; to: number; changed: string }[] {
  const changes: { position: number; from: number; to: number; changed: string }[] = [];
  for (let position = 0; position < digits.length; position += 1) {
    const from = Number(digits[position]);
    for (let to = 0; to <= 9; to += 1) {
      if (to === from) continue;
      changes.push({ position, from, to, changed: digits.slice(0, position) + String(to) + digits.slice(position + 1) });
    }
  }
  return changes;
}
