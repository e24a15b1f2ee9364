import type { Problem } from '../errors.js';
import { validateEmail } from '../identifiers/email.js';
import { validateEnterpriseNumber } from '../identifiers/enterprise-number.js';
import { validateIban } from '../identifiers/iban.js';
import type { Validation } from '../identifiers/validation.js';
import { validateVatNumber } from '../identifiers/vat-number.js';
import type { ClientDraft } from './client.js';
import { isCountryCode } from './countries.js';

export type ClientValues = Partial<Record<keyof ClientDraft, string>>;

function requiredText(label: string): (text: string) => Validation {
  return (text) => {
    const value = text.trim().replace(/\s+/g, ' ');
    if (value === '') return { ok: false, problem: `the ${label} is required` };
    if (value.length > 200) return { ok: false, problem: `the ${label} is longer than 200 characters` };
    return { ok: true, value };
  };
}

function country(text: string): Validation {
  const value = text.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(value)) return { ok: false, problem: 'the country is a two-letter ISO code such as BE, FR, NL' };
  if (!isCountryCode(value)) {
    const instead = value === 'UK' ? 'GB for the United Kingdom' : value === 'EL' ? 'GR for Greece' : 'the two letters of the country, such as BE, FR, NL';
    return { ok: false, problem: `"${value}" is no ISO 3166 country code: use ${instead}` };
  }
  return { ok: true, value };
}

/** A Peppol participant id "scheme:identifier"; for Belgium 0208 + the enterprise number. */
export function validatePeppolId(text: string): Validation {
  const match = /^(\d{4}):([A-Za-z0-9.\-]{1,50})$/.exec(text.trim());
  if (match === null) return { ok: false, problem: 'a Peppol id is SCHEME:ID, e.g. 0208:0123456749 for a Belgian enterprise' };
  const [, scheme = '', id = ''] = match;
  if (scheme === '0208') {
    const enterprise = validateEnterpriseNumber(id);
    if (!enterprise.ok) return { ok: false, problem: `a 0208 Peppol id holds a Belgian enterprise number: ${enterprise.problem}` };
    return { ok: true, value: `0208:${enterprise.value}` };
  }
  return { ok: true, value: `${scheme}:${id}` };
}

export interface ClientField {
  readonly key: keyof ClientDraft;
  readonly flag: string;
  readonly question: string;
  readonly required: boolean;
  readonly check: (text: string, values: ClientValues) => Validation;
}

export const CLIENT_FIELDS: readonly ClientField[] = [
  { key: 'name', flag: '--name', question: 'Client name', required: true, check: requiredText('name') },
  { key: 'address', flag: '--address', question: 'Address', required: true, check: requiredText('address') },
  { key: 'country', flag: '--country', question: 'Country (ISO code)', required: false, check: country },
  {
    key: 'vatNumber',
    flag: '--vat',
    question: 'VAT number (empty for a private person)',
    required: false,
    check: (text, values) => validateVatNumber(text, (values.country ?? 'BE').trim().toUpperCase()),
  },
  { key: 'email', flag: '--email', question: 'E-mail', required: false, check: (text) => validateEmail(text) },
  { key: 'iban', flag: '--iban', question: 'IBAN the client pays from', required: false, check: (text) => validateIban(text) },
  { key: 'peppolId', flag: '--peppol-id', question: 'Peppol id', required: false, check: (text) => validatePeppolId(text) },
];

/** Checks every field; a client without a VAT number is a private person, which is allowed. */
export function readClientDraft(values: ClientValues): { draft: ClientDraft; problems: [] } | { draft: undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const out: Partial<Record<keyof ClientDraft, string>> = {};
  for (const field of CLIENT_FIELDS) {
    const raw = values[field.key];
    if (raw === undefined || raw.trim() === '') {
      if (field.required) problems.push({ where: field.flag, message: 'is missing' });
      continue;
    }
    const result = field.check(raw, values);
    if (result.ok) out[field.key] = result.value;
    else problems.push({ where: field.flag, message: result.problem });
  }
  const countryCode = out.country ?? 'BE';
  if (out.vatNumber !== undefined) {
    const prefix = out.vatNumber.slice(0, 2) === 'EL' ? 'GR' : out.vatNumber.slice(0, 2);
    if (prefix !== countryCode && !(prefix === 'XI' && countryCode === 'GB')) {
      problems.push({ where: '--vat', message: `is a ${prefix} VAT number but the country is ${countryCode}: check --country` });
    }
  }
  if (problems.length > 0) return { draft: undefined, problems };
  return {
    draft: {
      name: out.name ?? '',
      address: out.address ?? '',
      country: countryCode,
      vatNumber: out.vatNumber ?? null,
      email: out.email ?? null,
      iban: out.iban ?? null,
      peppolId: out.peppolId ?? null,
    },
    problems: [],
  };
}
