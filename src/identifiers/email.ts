import { type Validation, invalid, valid } from './validation.js';

/**
 * A pragmatic e-mail address check: it catches what people get wrong when they type or paste
 * an address (two addresses, a display name, a missing domain), not every corner of RFC 5321.
 * Whether the address works is only known by writing to it.
 */
const MAX_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
const FORBIDDEN = /[\s<>(),;:"[\]\\]/;

/** Checks an e-mail address; the value is trimmed and its domain lower-cased (domains ignore case). */
export function validateEmail(text: string): Validation {
  const address = text.trim();
  const problem = emailProblem(address);
  if (problem !== undefined) return invalid(problem);
  const at = address.indexOf('@');
  return valid(`${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`);
}

function emailProblem(address: string): string | undefined {
  if (address === '') return 'the email address is empty: type it as name@example.be';
  if (address.length > MAX_LENGTH) return `an email address has at most ${MAX_LENGTH} characters`;
  if (FORBIDDEN.test(address)) return 'an email address has no spaces, commas, semicolons, quotes or brackets: type one bare address';
  const parts = address.split('@');
  if (parts.length !== 2) return 'an email address has exactly one @, as in name@example.be';
  const [local = '', domain = ''] = parts;
  if (local === '') return 'the part before the @ is missing';
  if (local.length > MAX_LOCAL_LENGTH) return `the part before the @ has at most ${MAX_LOCAL_LENGTH} characters`;
  return domainProblem(domain);
}

function domainProblem(domain: string): string | undefined {
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((label) => label === '')) {
    return 'the part after the @ must be a domain with a dot, such as example.be';
  }
  return undefined;
}
