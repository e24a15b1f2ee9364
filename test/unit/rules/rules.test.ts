import { describe, expect, test } from '@jest/globals';
import { DEFAULT_RULES_FROM, RULE_CATALOGUE } from '../../../src/rules/catalogue.js';
import { RULE_KIND_PARSERS } from '../../../src/rules/rule-kinds.js';
import { RuleSet } from '../../../src/rules/rule-set.js';
import type { RuleRow } from '../../../src/rules/rules-store.js';

let nextId = 1;
function row(name: string, effectiveFrom: string, value: string): RuleRow {
  return { id: nextId++, name, effectiveFrom, value, status: 'certain', source: 'test', recordedAt: '2026-01-01T00:00:00Z', recordedBy: 'test' };
}

describe('RuleSet', () => {
  const rules = new RuleSet([row('levy.rate', '2026-01-01', '0.065'), row('levy.rate', '2027-01-01', '0.07'), row('levy.rate', '2026-07-01', '0.068')]);

  test('picks the value in force on a date', () => {
    expect(rules.textAt('levy.rate', '2026-01-01')).toBe('0.065');
    expect(rules.textAt('levy.rate', '2026-06-30')).toBe('0.065');
    expect(rules.textAt('levy.rate', '2026-07-01')).toBe('0.068');
    expect(rules.textAt('levy.rate', '2027-03-01')).toBe('0.07');
  });

  test('a later row with the same date overrides the earlier one', () => {
    const overridden = new RuleSet([row('fund.rate', '2026-01-01', '0.02'), row('fund.rate', '2026-01-01', '0.025')]);
    expect(overridden.textAt('fund.rate', '2026-05-05')).toBe('0.025');
  });

  test('before the first date there is no value, and the error says how to set one', () => {
    expect(() => rules.textAt('levy.rate', '2025-12-31')).toThrow('No value of the rule levy.rate is in force on 2025-12-31');
  });

  test('reads rates and amounts exactly', () => {
    const set = new RuleSet([row('share.price', '2026-01-01', '30.00')]);
    expect(set.amountAt('share.price', '2026-02-02')).toBe(3000);
    expect(rules.rateAt('levy.rate', '2026-02-02').toString()).toBe('0.065');
  });
});

describe('rule kinds', () => {
  test('every default value is valid for its kind and already in normal form', () => {
    for (const rule of RULE_CATALOGUE) {
      expect(RULE_KIND_PARSERS[rule.kind](rule.defaultValue)).toEqual({ ok: true, value: rule.defaultValue });
    }
    expect(DEFAULT_RULES_FROM).toBe('2026-01-01');
  });

  test.each([
    ['rate', '0.0650', '0.065'],
    ['amount', '30', '30.00'],
    ['days', '030', '30'],
    ['weekday', 'Friday', 'friday'],
    ['rate-list', '0.21, 0.12', '0.21,0.12'],
    ['brackets', '16710:0.2675,:0.535', '16710.00:0.2675,:0.535'],
  ] as const)('%s %p is normalised to %p', (kind, text, value) => {
    expect(RULE_KIND_PARSERS[kind](text)).toEqual({ ok: true, value });
  });

  test.each([
    ['rate', '6.5'],
    ['rate', '-0.1'],
    ['rate', 'abc'],
    ['factor', '0'],
    ['amount', '30.001'],
    ['days', '1.5'],
    ['weekday', 'someday'],
    ['brackets', '29500:0.42,16710:0.2675,:0.5'],
    ['brackets', '16710:0.2675'],
    ['capped-scale', '1945.38:0.076'],
  ] as const)('%s refuses %p', (kind, text) => {
    expect(RULE_KIND_PARSERS[kind](text).ok).toBe(false);
  });
});
