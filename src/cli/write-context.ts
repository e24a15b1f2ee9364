import { userInfo } from 'node:os';
import { today } from '../calendar/dates.js';
import type { WriteContext } from '../book/write-context.js';
import { maskIban } from '../identifiers/iban.js';
import { maskNiss } from '../identifiers/niss.js';

/** Options whose values are personal data: the audit log keeps only their last digits. */
const PERSONAL_OPTIONS = new Set(['--niss', '--iban', '--email', '--address', '--birth-date', '--name']);
const NISS_LIKE = /^\d{2}[.\s]?\d{2}[.\s]?\d{2}[-.\s]?\d{3}[.\s]?\d{2}$/;
const IBAN_LIKE = /^[A-Za-z]{2}\d{2}[A-Za-z0-9 ]{10,30}$/;

function maskValue(option: string | undefined, value: string): string {
  if (option === '--niss' || NISS_LIKE.test(value)) return maskNiss(value.replace(/\D/g, ''));
  if (option === '--iban' || IBAN_LIKE.test(value)) return maskIban(value.replace(/\s/g, '').toUpperCase());
  if (option !== undefined && PERSONAL_OPTIONS.has(option)) return '***';
  return value;
}

/** The command line as the audit log and the ledger record it, personal data masked. */
export function maskedCommand(args: readonly string[]): string {
  const out: string[] = [];
  let previous: string | undefined;
  for (const arg of args) {
    if (arg.startsWith('--') && arg.includes('=')) {
      const [option = '', ...rest] = arg.split('=');
      out.push(`${option}=${maskValue(option, rest.join('='))}`);
    } else if (arg.startsWith('-')) {
      out.push(arg);
    } else {
      out.push(maskValue(previous, arg));
    }
    previous = arg.startsWith('--') && !arg.includes('=') ? arg : undefined;
  }
  return ['smart', ...out].join(' ');
}

function osUser(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? 'unknown';
  }
}

export function writeContext(args: readonly string[], env: NodeJS.ProcessEnv, now: Date = new Date()): WriteContext {
  return { command: maskedCommand(args), user: osUser(env), now: now.toISOString(), today: today(now) };
}
