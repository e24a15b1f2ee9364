/**
 * The accountant's tools, run for real on the files `smart export ledger` writes: hledger
 * (Debian package hledger) and beancount (Debian package beancount: bean-check and its Python
 * library). Where a tool is missing the tests that need it are skipped with the reason printed,
 * except in CI (CI set), where .ci/run installs both: there a missing tool fails the tests.
 */
import { describe, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface ToolRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], input?: string): ToolRun {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, input: input ?? '' });
  if (result.error !== undefined) throw new Error(`${command} could not be run: ${result.error.message}`);
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The Python that runs bean-check (its #! line), which therefore has the beancount library. */
function beancountPython(): string | undefined {
  const beanCheck = onPath('bean-check');
  if (beanCheck === undefined) return undefined;
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(beanCheck, 'utf8').split('\n', 1)[0] ?? '');
  return shebang?.[1];
}

function missing(): string[] {
  const reasons: string[] = [];
  if (onPath('hledger') === undefined) reasons.push('hledger is not installed (apt-get install hledger)');
  if (onPath('bean-check') === undefined) reasons.push('bean-check is not installed (apt-get install beancount)');
  return reasons;
}

const inCi = (process.env.CI ?? '') !== '' && process.env.CI !== 'false';

/**
 * `describe` for tests that run hledger and bean-check: skipped with the reason printed when
 * they are missing outside CI; in CI they run, and a first test says what is missing.
 */
export function describeWithLedgerTools(name: string, body: () => void): void {
  const reasons = missing();
  if (reasons.length === 0) {
    describe(name, body);
    return;
  }
  if (!inCi) {
    console.warn(`${name}: skipped, ${reasons.join('; ')}`);
    describe.skip(name, body);
    return;
  }
  describe(name, () => {
    test('hledger and bean-check are installed (.ci/run installs them)', () => {
      throw new Error(reasons.join('; '));
    });
    body();
  });
}

export function hledger(args: readonly string[]): ToolRun {
  return run('hledger', args);
}

export function beanCheck(file: string): ToolRun {
  return run('bean-check', [file]);
}

/** "1234.56 EUR", "-0.01 EUR", "1,234.56 EUR" as integer cents, with integers only. */
export function eurCents(text: string): number {
  const match = /^(-?)([\d,]+)\.(\d{2}) EUR$/.exec(text.trim());
  if (match === null) throw new Error(`not an amount in EUR with two decimals: "${text}"`);
  const cents = Number((match[2] ?? '').replace(/,/g, '')) * 100 + Number(match[3]);
  return match[1] === '-' ? 0 - cents : cents;
}

/** A decimal with two places ("-60.00", "0.5" is refused) as integer cents. */
export function decimalCents(text: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(text.trim());
  if (match === null) throw new Error(`not a decimal with two places: "${text}"`);
  const cents = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === '-' ? 0 - cents : cents;
}

/** `hledger bal -O csv` of a journal: each account's balance in cents (zero balances are left out by hledger). */
export function hledgerBalances(file: string, extra: readonly string[] = []): Map<string, number> {
  const result = hledger(['-f', file, 'bal', '-O', 'csv', ...extra]);
  if (result.status !== 0) throw new Error(`hledger bal failed: ${result.stderr}`);
  const balances = new Map<string, number>();
  for (const line of result.stdout.trim().split(/\r?\n/).slice(1)) {
    const match = /^"([^"]*)","([^"]*)"$/.exec(line);
    if (match === null) throw new Error(`unexpected hledger bal line: ${line}`);
    const [, account = '', amount = ''] = match;
    if (account === 'total') continue;
    balances.set(account, amount === '0' ? 0 : eurCents(amount));
  }
  return balances;
}

export interface HledgerTransaction {
  readonly date: string;
  readonly code: string;
  readonly description: string;
  readonly comment: string;
  readonly tags: ReadonlyMap<string, string>;
  readonly postings: readonly { readonly account: string; readonly cents: number }[];
}

interface HledgerJsonAmount {
  acommodity: string;
  aquantity: { decimalMantissa: number; decimalPlaces: number };
}

/** Every transaction as hledger read it (`print -O json`), amounts from its exact decimal mantissa. */
export function hledgerTransactions(file: string): HledgerTransaction[] {
  const result = hledger(['-f', file, 'print', '-O', 'json']);
  if (result.status !== 0) throw new Error(`hledger print failed: ${result.stderr}`);
  const json = JSON.parse(result.stdout) as {
    tdate: string;
    tcode: string;
    tdescription: string;
    tcomment: string;
    ttags: [string, string][];
    tpostings: { paccount: string; pamount: HledgerJsonAmount[] }[];
  }[];
  return json.map((transaction) => ({
    date: transaction.tdate,
    code: transaction.tcode,
    description: transaction.tdescription,
    comment: transaction.tcomment,
    tags: new Map(transaction.ttags),
    postings: transaction.tpostings.map((posting) => {
      const [amount] = posting.pamount;
      if (posting.pamount.length !== 1 || amount === undefined || amount.acommodity !== 'EUR' || amount.aquantity.decimalPlaces > 2) {
        throw new Error(`posting to ${posting.paccount}: not one amount in EUR cents`);
      }
      return { account: posting.paccount, cents: amount.aquantity.decimalMantissa * 10 ** (2 - amount.aquantity.decimalPlaces) };
    }),
  }));
}

export interface BeancountFile {
  readonly errors: readonly string[];
  readonly title: string;
  readonly currencies: readonly string[];
  readonly opens: readonly { readonly date: string; readonly account: string; readonly code: string | null }[];
  readonly transactions: readonly {
    readonly date: string;
    readonly flag: string;
    readonly narration: string;
    readonly meta: Readonly<Record<string, string | null>>;
    readonly postings: readonly { readonly account: string; readonly cents: number }[];
  }[];
}

/** Loads the file with beancount's own loader (as bean-check does) and returns what it read. */
const LOAD_SCRIPT = `
import json, sys
from beancount import loader
from beancount.core import data
entries, errors, options = loader.load_file(sys.argv[1])
def text(value):
    return None if value is None else str(value)
out = {'errors': [str(error.message) for error in errors], 'title': options['title'],
       'currencies': list(options['operating_currency']), 'opens': [], 'transactions': []}
for entry in entries:
    if isinstance(entry, data.Open):
        out['opens'].append({'date': str(entry.date), 'account': entry.account, 'code': text(entry.meta.get('code'))})
    elif isinstance(entry, data.Transaction):
        meta = {key: text(value) for key, value in entry.meta.items() if key not in ('filename', 'lineno')}
        out['transactions'].append({'date': str(entry.date), 'flag': entry.flag, 'narration': entry.narration, 'meta': meta,
            'postings': [{'account': p.account, 'number': str(p.units.number), 'currency': p.units.currency} for p in entry.postings]})
print(json.dumps(out))
`;

export function loadBeancount(file: string): BeancountFile {
  const python = beancountPython();
  if (python === undefined) throw new Error('bean-check is not installed');
  const result = run(python, ['-c', LOAD_SCRIPT, file]);
  if (result.status !== 0) throw new Error(`the beancount loader failed: ${result.stderr}`);
  const loaded = JSON.parse(result.stdout) as Omit<BeancountFile, 'transactions'> & {
    transactions: (Omit<BeancountFile['transactions'][number], 'postings'> & { postings: { account: string; number: string; currency: string }[] })[];
  };
  return {
    ...loaded,
    transactions: loaded.transactions.map((transaction) => ({
      ...transaction,
      postings: transaction.postings.map((posting) => {
        if (posting.currency !== 'EUR') throw new Error(`posting to ${posting.account} in ${posting.currency}`);
        return { account: posting.account, cents: decimalCents(posting.number) };
      }),
    })),
  };
}
