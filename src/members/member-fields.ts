import { parseIsoDate } from '../calendar/dates.js';
import type { Problem } from '../errors.js';
import { validateEmail } from '../identifiers/email.js';
import { validateIban } from '../identifiers/iban.js';
import { nissBirthDate, validateNiss } from '../identifiers/niss.js';
import type { Validation } from '../identifiers/validation.js';
import { CATEGORIES, type Category, type MemberDraft, WITHHOLDING_MODES, type WithholdingMode } from './member.js';

/**
 * The fields of a member, each with its flag, CSV column, question and check. `member add`
 * (flags and prompts), `member edit` and `member import` all read a member through this table,
 * so a value accepted by one is accepted by all.
 */
export interface MemberField {
  readonly key: keyof MemberDraft;
  readonly flag: string;
  readonly column: string;
  readonly question: string;
  readonly required: boolean;
  readonly check: (text: string) => Validation;
}

const MAX_TEXT = 200;

function text(label: string): (value: string) => Validation {
  return (value) => {
    const trimmed = value.trim().replace(/\s+/g, ' ');
    if (trimmed === '') return { ok: false, problem: `the ${label} is required` };
    if (trimmed.length > MAX_TEXT) return { ok: false, problem: `the ${label} is longer than ${MAX_TEXT} characters` };
    return { ok: true, value: trimmed };
  };
}

function date(label: string): (value: string) => Validation {
  return (value) => {
    const parsed = parseIsoDate(value);
    return parsed === undefined ? { ok: false, problem: `the ${label} must be a real date written YYYY-MM-DD` } : { ok: true, value: parsed };
  };
}

function oneOf(label: string, allowed: readonly string[]): (value: string) => Validation {
  return (value) => {
    const normal = value.trim().toLowerCase();
    return allowed.includes(normal) ? { ok: true, value: normal } : { ok: false, problem: `the ${label} must be one of ${allowed.join(', ')}` };
  };
}

function shareCount(value: string): Validation {
  const trimmed = value.trim();
  if (!/^\d{1,4}$/.test(trimmed) || Number(trimmed) < 1) return { ok: false, problem: 'the number of shares must be a whole number from 1 (a member holds at least one share)' };
  return { ok: true, value: String(Number(trimmed)) };
}

export const MEMBER_FIELDS: readonly MemberField[] = [
  { key: 'name', flag: '--name', column: 'name', question: 'Full name', required: true, check: text('name') },
  { key: 'email', flag: '--email', column: 'email', question: 'E-mail', required: true, check: validateEmail },
  { key: 'niss', flag: '--niss', column: 'niss', question: 'NISS (national register number)', required: true, check: validateNiss },
  { key: 'birthDate', flag: '--birth-date', column: 'birth_date', question: 'Birth date (YYYY-MM-DD)', required: true, check: date('birth date') },
  { key: 'iban', flag: '--iban', column: 'iban', question: 'IBAN for salary payments', required: true, check: validateIban },
  { key: 'address', flag: '--address', column: 'address', question: 'Postal address', required: true, check: text('address') },
  { key: 'category', flag: '--category', column: 'category', question: 'Worker category', required: true, check: oneOf('category', CATEGORIES) },
  { key: 'withholding', flag: '--withholding', column: 'withholding', question: 'Withholding tax', required: false, check: oneOf('withholding mode', WITHHOLDING_MODES) },
  { key: 'shares', flag: '--shares', column: 'shares', question: 'Shares bought on joining', required: false, check: shareCount },
  { key: 'joinedOn', flag: '--joined', column: 'joined_on', question: 'Date of joining (YYYY-MM-DD)', required: false, check: date('date of joining') },
];

export type MemberValues = Partial<Record<keyof MemberDraft, string>>;

/**
 * Checks every field and returns the draft, or all problems found. `where` names each problem
 * by the field's flag or column, so a CLI error says "--niss" and an import error says "niss".
 */
export function readMemberDraft(
  values: MemberValues,
  today: string,
  where: (field: MemberField) => string,
): { draft: MemberDraft; problems: [] } | { draft: undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const out: Partial<Record<keyof MemberDraft, string>> = {};
  for (const field of MEMBER_FIELDS) {
    const raw = values[field.key];
    if (raw === undefined || raw.trim() === '') {
      if (field.required) problems.push({ where: where(field), message: `is missing (${field.question.toLowerCase()})` });
      continue;
    }
    const result = field.check(raw);
    if (result.ok) out[field.key] = result.value;
    else problems.push({ where: where(field), message: result.problem });
  }
  if (out.niss !== undefined && out.birthDate !== undefined) {
    const fromNiss = nissBirthDate(out.niss);
    if (fromNiss !== null && fromNiss !== out.birthDate) {
      problems.push({ where: where(MEMBER_FIELDS[3] as MemberField), message: 'does not match the birth date held in the NISS: check both' });
    }
  }
  if (problems.length > 0) return { draft: undefined, problems };
  const draft: MemberDraft = {
    name: out.name ?? '',
    email: out.email ?? '',
    niss: out.niss ?? '',
    iban: out.iban ?? '',
    birthDate: out.birthDate ?? '',
    address: out.address ?? '',
    category: (out.category ?? 'employee') as Category,
    withholding: (out.withholding ?? 'key-formula') as WithholdingMode,
    shares: Number(out.shares ?? '1'),
    joinedOn: out.joinedOn ?? today,
  };
  return { draft, problems: [] };
}
