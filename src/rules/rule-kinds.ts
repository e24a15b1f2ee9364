import { Dec, formatCents, parseCents } from '../money/index.js';

/**
 * Each rule's value is stored as text and read through its kind, which checks it and gives it a
 * normal form, so that "0.0650" and "0.065" are the same value and a typing error is refused.
 */
export type RuleKind = 'rate' | 'factor' | 'amount' | 'days' | 'years' | 'weekday' | 'rate-list' | 'brackets' | 'capped-scale' | 'code' | 'joint-committee';

export type Parsed = { ok: true; value: string } | { ok: false; problem: string };

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const DECIMAL = /^\d+(\.\d+)?$/;

function parseRate(text: string): Parsed {
  if (!DECIMAL.test(text)) return { ok: false, problem: 'a rate is a decimal fraction such as 0.065 (for 6.5 %)' };
  const value = new Dec(text);
  if (value.greaterThan(1)) return { ok: false, problem: 'a rate is at most 1 (write 6.5 % as 0.065)' };
  return { ok: true, value: value.toString() };
}

function parseFactor(text: string): Parsed {
  if (!DECIMAL.test(text)) return { ok: false, problem: 'a factor is a positive decimal number such as 1.08' };
  const value = new Dec(text);
  if (value.isZero() || value.greaterThan(10)) return { ok: false, problem: 'a factor is above 0 and at most 10' };
  return { ok: true, value: value.toString() };
}

function parseAmount(text: string): Parsed {
  const cents = parseCents(text);
  if (cents === undefined || cents < 0) return { ok: false, problem: 'an amount is euros with at most two decimals, such as 30.00' };
  return { ok: true, value: formatCents(cents) };
}

function parseDays(text: string): Parsed {
  if (!/^\d{1,4}$/.test(text)) return { ok: false, problem: 'a number of days is a whole number such as 30' };
  return { ok: true, value: String(Number(text)) };
}

function parseYears(text: string): Parsed {
  if (!/^\d{1,3}$/.test(text) || Number(text) > 100) return { ok: false, problem: 'a number of years is a whole number from 0 to 100, such as 10' };
  return { ok: true, value: String(Number(text)) };
}

function parseWeekday(text: string): Parsed {
  const day = text.trim().toLowerCase();
  return (WEEKDAYS as readonly string[]).includes(day)
    ? { ok: true, value: day }
    : { ok: false, problem: `a weekday is one of ${WEEKDAYS.join(', ')}` };
}

function parseRateList(text: string): Parsed {
  const parts = text.split(',').map((part) => part.trim());
  const values: string[] = [];
  for (const part of parts) {
    const parsed = parseRate(part);
    if (!parsed.ok) return { ok: false, problem: `a rate list is rates separated by commas, such as 0.21,0.12,0.06,0 (${parsed.problem})` };
    values.push(parsed.value);
  }
  return { ok: true, value: values.join(',') };
}

/**
 * Tax brackets "16710.00:0.2675,29500.00:0.428,51050.00:0.4815,:0.535": each upper bound with the
 * rate below it, the last one open-ended. Bounds must rise.
 */
function parseBrackets(text: string): Parsed {
  const problem = 'brackets are UPPER:RATE pairs separated by commas, rising, the last with no upper bound, e.g. 16710.00:0.2675,:0.535';
  const parts = text.split(',').map((part) => part.trim());
  const out: string[] = [];
  let previous = -1;
  for (const [index, part] of parts.entries()) {
    const [upper = '', rateText = ''] = part.split(':');
    const last = index === parts.length - 1;
    const parsedRate = parseRate(rateText);
    if (!parsedRate.ok || part.split(':').length !== 2) return { ok: false, problem };
    if (last) {
      if (upper !== '') return { ok: false, problem };
      out.push(`:${parsedRate.value}`);
      continue;
    }
    const cents = parseCents(upper);
    if (cents === undefined || cents <= previous) return { ok: false, problem };
    previous = cents;
    out.push(`${formatCents(cents)}:${parsedRate.value}`);
  }
  return { ok: true, value: out.join(',') };
}

/**
 * A capped scale "1945.38:0.076:18.60,2190.18:0.011:60.94": from each threshold, the rate on the
 * excess over it, with the running total capped at the third figure (the special social security
 * contribution of DOMAIN.md).
 */
function parseCappedScale(text: string): Parsed {
  const problem = 'a capped scale is FROM:RATE:CAP triples separated by commas, e.g. 1945.38:0.076:18.60,2190.18:0.011:60.94';
  const out: string[] = [];
  let previous = -1;
  for (const part of text.split(',').map((item) => item.trim())) {
    const fields = part.split(':');
    if (fields.length !== 3) return { ok: false, problem };
    const [fromText = '', rateText = '', capText = ''] = fields;
    const from = parseCents(fromText);
    const cap = parseCents(capText);
    const parsedRate = parseRate(rateText);
    if (from === undefined || cap === undefined || !parsedRate.ok || from <= previous) return { ok: false, problem };
    previous = from;
    out.push(`${formatCents(from)}:${parsedRate.value}:${formatCents(cap)}`);
  }
  return { ok: true, value: out.join(',') };
}

/** A code of an official list, such as a Dimona worker type (OTH, STU, FLX): letters and digits, upper case. */
function parseCode(text: string): Parsed {
  const code = text.trim().toUpperCase();
  return /^[A-Z0-9]{1,10}$/.test(code) ? { ok: true, value: code } : { ok: false, problem: 'a code is 1 to 10 letters or digits, such as OTH' };
}

/** A joint committee (paritair comité, commission paritaire): three digits, with sub-committees after dots (200, 304, 329.02). */
function parseJointCommittee(text: string): Parsed {
  const number = text.trim();
  return /^\d{3}(\.\d{2}){0,2}$/.test(number)
    ? { ok: true, value: number }
    : { ok: false, problem: 'a joint committee is three digits, with sub-committees after dots, such as 200, 304 or 329.02' };
}

export const RULE_KIND_PARSERS: Readonly<Record<RuleKind, (text: string) => Parsed>> = {
  rate: parseRate,
  factor: parseFactor,
  amount: parseAmount,
  days: parseDays,
  years: parseYears,
  weekday: parseWeekday,
  'rate-list': parseRateList,
  brackets: parseBrackets,
  'capped-scale': parseCappedScale,
  code: parseCode,
  'joint-committee': parseJointCommittee,
};
