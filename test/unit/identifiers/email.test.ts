import { describe, expect, test } from '@jest/globals';
import { validateEmail } from '../../../src/identifiers/email.js';
import { expectProblemWithoutEcho } from './no-echo.js';

describe('validateEmail', () => {
  test.each([
    ['anna@example.be', 'anna@example.be'],
    ['  Anna.Peeters@Example.BE ', 'Anna.Peeters@example.be'],
    ['first.last+smart@sub.domain.co.uk', 'first.last+smart@sub.domain.co.uk'],
    ['x@y.be', 'x@y.be'],
  ])('accepts %j', (text, value) => {
    expect(validateEmail(text)).toEqual({ ok: true, value });
  });

  test.each([
    ['', /empty/],
    ['   ', /empty/],
    ['anna peeters@example.be', /no spaces/],
    ['Anna <anna@example.be>', /no spaces/],
    ['anna@example.be,bob@example.be', /no spaces, commas/],
    ['anna.example.be', /exactly one @/],
    ['anna@@example.be', /exactly one @/],
    ['@example.be', /before the @ is missing/],
    [`${'a'.repeat(65)}@example.be`, /at most 64/],
    ['anna@example', /domain with a dot/],
    ['anna@example.', /domain with a dot/],
    ['anna@.example.be', /domain with a dot/],
    ['anna@example..be', /domain with a dot/],
    [`anna@${'a'.repeat(250)}.be`, /at most 254/],
  ])('refuses %j', (text, problem) => {
    const result = validateEmail(text);
    expect(expectProblemWithoutEcho(result, text)).toMatch(problem);
    expect(result.ok ? '' : result.problem).not.toContain('anna');
  });
});
