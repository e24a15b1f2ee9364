import { describe, expect, test } from '@jest/globals';
import { RULE_KIND_PARSERS } from '../../../src/rules/rule-kinds.js';
import { normaliseRuleValue } from '../../../src/rules/set-rule.js';

describe('the code and joint-committee kinds (the Dimona rules)', () => {
  test.each([
    ['code', 'OTH', 'OTH'],
    ['code', ' stu ', 'STU'],
    ['code', 'a17', 'A17'],
    ['joint-committee', '200', '200'],
    ['joint-committee', ' 304 ', '304'],
    ['joint-committee', '329.02', '329.02'],
    ['joint-committee', '330.01.20', '330.01.20'],
  ] as const)('%s %p is read as %p', (kind, text, value) => {
    expect(RULE_KIND_PARSERS[kind](text)).toEqual({ ok: true, value });
  });

  test.each([
    ['code', ''],
    ['code', 'O-T-H'],
    ['code', 'OTHERWORKER1'],
    ['joint-committee', '20'],
    ['joint-committee', '2000'],
    ['joint-committee', '329.2'],
    ['joint-committee', 'PC 200'],
    ['joint-committee', '200.01.02.03'],
  ] as const)('%s refuses %p', (kind, text) => {
    expect(RULE_KIND_PARSERS[kind](text).ok).toBe(false);
  });

  test('smart rules set reads the Dimona rules through their kinds', () => {
    expect(normaliseRuleValue('dimona.worker-type', 'oth')).toBe('OTH');
    expect(normaliseRuleValue('dimona.joint-committee.artist', '227')).toBe('227');
    expect(() => normaliseRuleValue('dimona.joint-committee.employee', 'two hundred')).toThrow(/three digits/);
  });
});
