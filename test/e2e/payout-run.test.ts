/**
 * `smart payout run` through the CLI, as cron and a treasurer use it: the worked example of
 * DOMAIN.md to the cent, one run per ISO week (a second call changes nothing), the bank file and
 * the payslips, the guarantee's limits (a blocked client), a dry run, a bad date, and two
 * processes started at once.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSI, type CliResult, fingerprint, json, runSmart, runSmartAsync } from './support.js';
import { type PreparedBook, RUN_DATE, RUN_WEEK, type RunJson, WORKED_EXAMPLE, centsText, prepareBook, readCounts, sumCents } from './payout-support.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A closed book with `members` employees, each with one 1,000.00 invoice due on RUN_DATE. */
function book(options: { members: number; lateClient?: boolean } = { members: 2 }): PreparedBook {
  const prepared = prepareBook(options);
  cleanups.push(prepared.cleanup);
  return prepared;
}

function smart(prepared: PreparedBook, args: readonly string[]): CliResult {
  return runSmart(['--db', prepared.path, ...args], { cwd: prepared.dir });
}

/** Exit code and stderr together, so that a failure shows why. */
function outcome(result: CliResult): { exitCode: number; stderr: string } {
  return { exitCode: result.exitCode, stderr: result.stderr };
}

function expectOk(result: CliResult): void {
  expect(outcome(result)).toEqual({ exitCode: 0, stderr: expect.any(String) });
}

function payJson(prepared: PreparedBook, date: string, extra: readonly string[] = []): RunJson {
  const result = smart(prepared, ['payout', 'run', '--date', date, '--json', ...extra]);
  expectOk(result);
  return json<RunJson>(result);
}

function stderrLines(result: CliResult): string[] {
  return result.stderr.split('\n').filter((line) => line.trim() !== '');
}

/** Every value of an element of the SEPA file, e.g. all <NbOfTxs>. */
function elements(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((match) => match[1] ?? '');
}

describe('smart payout run', () => {
  test('pays the worked example of DOMAIN.md to the cent, one payslip per member, as JSON', () => {
    const prepared = book({ members: 3 });
    const run = payJson(prepared, RUN_DATE);
    expect(run).toMatchObject({ week: RUN_WEEK, status: 'paid', runDate: RUN_DATE, reference: `SMART-PAYOUT-${RUN_WEEK}`, held: [] });
    expect(run.payslips.map((payslip) => payslip.member)).toEqual(prepared.memberIds);
    for (const payslip of run.payslips) {
      expect(payslip).toMatchObject({ ...WORKED_EXAMPLE, salaryBudget: '915.00', holidayContributions: '0.00', taxable: '626.55', specialContribution: '0.00', expenses: '0.00', transfer: '626.55', leftover: '0.01' });
    }
    expect(sumCents([run.total])).toBe(sumCents(run.payslips.map((payslip) => payslip.net)));
    expect(run.total).toBe('1879.65');
    expect(run.transfers).toBe(run.total);
    expect(readCounts(prepared.path)).toMatchObject({ runs: 1, runsOfWeek: 1, payslips: 3, items: 3, payoutEntries: 3 });
    expectOk(smart(prepared, ['check']));
  });

  test('for people: a table on stdout, no ANSI codes, and stderr ends with one summary line', () => {
    const prepared = book();
    const result = smart(prepared, ['payout', 'run', '--date', RUN_DATE]);
    expectOk(result);
    expect(result.stdout).not.toMatch(ANSI);
    expect(result.stderr).not.toMatch(ANSI);
    expect(result.stdout).toMatch(/^member\s+name\s+gross/);
    expect(result.stdout).toMatch(/Ada Peeters\s+720\.75\s+194\.24\s+94\.20\s+0\.00\s+626\.55\s+0\.00\s+626\.55/);
    const lines = stderrLines(result);
    expect(lines.filter((line) => line.includes(`payout ${RUN_WEEK}`))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(new RegExp(`^(✔ )?payout ${RUN_WEEK}: paid, 2 payslip\\(s\\), 1,253\\.10 EUR to transfer, 0 item\\(s\\) held\\.$`));
    expect(result.stderr.endsWith('\n')).toBe(true);
  });

  test('a second call in the same week (another day) says already-paid and leaves the book file as it was', () => {
    const prepared = book();
    const first = payJson(prepared, RUN_DATE);
    expect(first.status).toBe('paid');
    const before = fingerprint(prepared.path);

    const again = payJson(prepared, '2026-11-15');
    expect(again).toMatchObject({ week: RUN_WEEK, status: 'already-paid', runDate: RUN_DATE, reference: first.reference, total: first.total });
    expect(again.payslips).toEqual(first.payslips);
    expect(fingerprint(prepared.path)).toBe(before);

    const human = smart(prepared, ['payout', 'run', '--date', '2026-11-09']);
    expectOk(human);
    expect(stderrLines(human).at(-1)).toMatch(new RegExp(`^payout ${RUN_WEEK}: already-paid, 2 payslip\\(s\\), 1,253\\.10 EUR to transfer, .*made on ${RUN_DATE}; nothing changed\\)\\.$`));
    expect(fingerprint(prepared.path)).toBe(before);
    expect(readCounts(prepared.path)).toMatchObject({ runs: 1, payslips: 2, items: 2 });
  });

  test('--sepa and --payslips write the bank file (NbOfTxs, CtrlSum) and one PDF per payslip, mode 0600', () => {
    const prepared = book({ members: 3 });
    const sepa = join(prepared.dir, 'payout.xml');
    const payslips = join(prepared.dir, 'payslips');
    mkdirSync(payslips);
    const run = payJson(prepared, RUN_DATE, ['--sepa', sepa, '--payslips', payslips]);
    expect(run.status).toBe('paid');

    const xml = readFileSync(sepa, 'utf8');
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    // Group header and payment information both carry the count and the control sum.
    expect(elements(xml, 'NbOfTxs')).toEqual([String(run.payslips.length), String(run.payslips.length)]);
    const transfers = sumCents(run.payslips.map((payslip) => payslip.transfer));
    expect(elements(xml, 'CtrlSum')).toEqual([centsText(transfers), centsText(transfers)]);
    expect(sumCents(elements(xml, 'InstdAmt'))).toBe(transfers);
    expect(elements(xml, 'InstdAmt')).toEqual(run.payslips.map((payslip) => payslip.transfer));
    expect(elements(xml, 'EndToEndId')).toEqual(run.payslips.map((payslip) => `${RUN_WEEK}-M${payslip.member}`));
    expect(elements(xml, 'MsgId')).toEqual([`SMART-PAYOUT-${RUN_WEEK}`]);
    expect(statSync(sepa).mode & 0o777).toBe(0o600);

    const files = readdirSync(payslips).sort();
    expect(files).toEqual(run.payslips.map((payslip) => `payslip-${RUN_WEEK}-member-${payslip.member}.pdf`).sort());
    for (const file of files) {
      const path = join(payslips, file);
      expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(statSync(path).mode & 0o777).toBe(0o600);
    }
    expect(readdirSync(prepared.dir).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  test('an already-paid week writes the files again from the stored run when asked; an existing file needs --force', () => {
    const prepared = book();
    const firstSepa = join(prepared.dir, 'first.xml');
    const firstPayslips = join(prepared.dir, 'first');
    mkdirSync(firstPayslips);
    const first = payJson(prepared, RUN_DATE, ['--sepa', firstSepa, '--payslips', firstPayslips]);
    const before = fingerprint(prepared.path);

    const againSepa = join(prepared.dir, 'again.xml');
    const againPayslips = join(prepared.dir, 'again');
    mkdirSync(againPayslips);
    const again = payJson(prepared, '2026-11-14', ['--sepa', againSepa, '--payslips', againPayslips]);
    expect(again.status).toBe('already-paid');
    expect(again.payslips).toEqual(first.payslips);
    // The same transfers as the first file; only the creation time differs.
    const withoutCreation = (xml: string): string => xml.replace(/<CreDtTm>[^<]*<\/CreDtTm>/, '');
    expect(withoutCreation(readFileSync(againSepa, 'utf8'))).toBe(withoutCreation(readFileSync(firstSepa, 'utf8')));
    expect(readdirSync(againPayslips).sort()).toEqual(readdirSync(firstPayslips).sort());
    for (const file of readdirSync(againPayslips)) expect(readFileSync(join(againPayslips, file)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The file of the first call is not replaced silently...
    const kept = readFileSync(firstSepa);
    const refused = smart(prepared, ['payout', 'run', '--date', '2026-11-14', '--sepa', firstSepa]);
    expect(outcome(refused)).toEqual({ exitCode: 5, stderr: expect.stringContaining('already exists') });
    expect(readFileSync(firstSepa)).toEqual(kept);
    // ...but with --force it is.
    expectOk(smart(prepared, ['payout', 'run', '--date', '2026-11-14', '--sepa', firstSepa, '--force']));
    expect(elements(readFileSync(firstSepa, 'utf8'), 'NbOfTxs')).toEqual(['2', '2']);
    expect(fingerprint(prepared.path)).toBe(before);
  });

  test('the invoice of a blocked client is held with its reason, the rest is paid; it is paid once the client is unblocked', () => {
    const prepared = book({ members: 2, lateClient: true });
    const late = prepared.invoices.at(-1);
    const [ada, other] = prepared.memberIds;
    expectOk(smart(prepared, ['client', 'block', String(prepared.lateClientId), '--reason', 'x']));

    const run = payJson(prepared, RUN_DATE);
    expect(run.status).toBe('paid');
    expect(run.held).toEqual([{ invoice: late, member: ada, reason: 'client-blocked' }]);
    // The held invoice's budget stays on Ada's activity account: her payslip is the worked example.
    expect(run.payslips.map((payslip) => payslip.member)).toEqual([ada, other]);
    for (const payslip of run.payslips) expect(payslip).toMatchObject({ ...WORKED_EXAMPLE, salaryBudget: '915.00' });

    expectOk(smart(prepared, ['client', 'unblock', String(prepared.lateClientId)]));
    const next = payJson(prepared, '2026-11-20');
    expect(next).toMatchObject({ week: '2026-W47', status: 'paid', held: [] });
    // The held invoice's budget plus the cent the first payslip left on the account.
    expect(next.payslips).toEqual([expect.objectContaining({ member: ada, salaryBudget: '915.01' })]);
    expect(readCounts(prepared.path, '2026-W47')).toMatchObject({ runs: 2, runsOfWeek: 1, items: 3, distinctInvoices: 3 });
    expectOk(smart(prepared, ['check']));
  });

  test('--dry-run reports what would be paid and writes nothing', () => {
    const prepared = book();
    const before = fingerprint(prepared.path);
    const dry = payJson(prepared, RUN_DATE, ['--dry-run']);
    expect(dry).toMatchObject({ week: RUN_WEEK, status: 'dry-run', runDate: null, reference: null, held: [], total: '1253.10' });
    expect(dry.payslips.map((payslip) => payslip.member)).toEqual(prepared.memberIds);
    for (const payslip of dry.payslips) expect(payslip).toMatchObject(WORKED_EXAMPLE);
    expect(fingerprint(prepared.path)).toBe(before);

    const human = smart(prepared, ['payout', 'run', '--date', RUN_DATE, '--dry-run']);
    expectOk(human);
    expect(stderrLines(human).at(-1)).toMatch(new RegExp(`^payout ${RUN_WEEK}: dry-run, 2 payslip\\(s\\), .*\\(dry run: nothing was written\\)\\.$`));
    expect(fingerprint(prepared.path)).toBe(before);

    // A dry run writes no files either: asking for one is a mistake, refused before anything.
    const sepa = join(prepared.dir, 'dry.xml');
    expect(outcome(smart(prepared, ['payout', 'run', '--date', RUN_DATE, '--dry-run', '--sepa', sepa]))).toEqual({ exitCode: 3, stderr: expect.stringContaining('dry run writes no files') });
    expect(existsSync(sepa)).toBe(false);
    expect(fingerprint(prepared.path)).toBe(before);
    expect(readCounts(prepared.path)).toMatchObject({ runs: 0, payslips: 0, items: 0, payoutEntries: 0 });

    expect(payJson(prepared, RUN_DATE).status).toBe('paid');
  });

  test('an invalid --date exits 3 and writes nothing', () => {
    const prepared = book();
    const before = fingerprint(prepared.path);
    for (const date of ['2026-02-30', '2026-11-31', '13/11/2026', 'friday', '2026-11-13T10:00']) {
      const result = smart(prepared, ['payout', 'run', '--date', date, '--json']);
      expect({ date, ...outcome(result), stdout: result.stdout }).toEqual({ date, exitCode: 3, stderr: expect.stringContaining(`--date "${date}" is not a real date`), stdout: '' });
    }
    expect(fingerprint(prepared.path)).toBe(before);
  });
});

/*
 * The files are written after the run's transaction has committed. When one of them cannot be
 * written, the command fails although the salaries were booked: cron sees exit 5 (or 4), no JSON,
 * and, with the fixed --sepa path of the command's own example, last week's file still in place.
 * What a careful administrator expects: the output paths are checked before anything is paid.
 */
describe('smart payout run: output paths are checked before the run is made', () => {
  test('an --sepa file that already exists (without --force) is refused before anything is paid', () => {
    const prepared = book();
    const sepa = join(prepared.dir, 'payout.xml');
    writeFileSync(sepa, 'last week\n');
    const before = fingerprint(prepared.path);
    const result = smart(prepared, ['payout', 'run', '--date', RUN_DATE, '--sepa', sepa, '--json']);
    expect(outcome(result)).toEqual({ exitCode: 5, stderr: expect.stringContaining('already exists') });
    expect(readFileSync(sepa, 'utf8')).toBe('last week\n');
    expect(readCounts(prepared.path)).toMatchObject({ runs: 0, payslips: 0 });
    expect(fingerprint(prepared.path)).toBe(before);
  });

  test('a --payslips folder that does not exist is refused before anything is paid', () => {
    const prepared = book();
    const sepa = join(prepared.dir, 'payout.xml');
    const before = fingerprint(prepared.path);
    const result = smart(prepared, ['payout', 'run', '--date', RUN_DATE, '--sepa', sepa, '--payslips', join(prepared.dir, 'missing'), '--json']);
    expect(outcome(result)).toEqual({ exitCode: 4, stderr: expect.stringContaining('does not exist') });
    expect(readCounts(prepared.path)).toMatchObject({ runs: 0, payslips: 0 });
    expect(fingerprint(prepared.path)).toBe(before);
    expect(existsSync(sepa)).toBe(false);
  });
});

describe('smart payout run: processes started at once', () => {
  async function together(processes: number): Promise<void> {
    const prepared = book();
    const results = await Promise.all(Array.from({ length: processes }, () => runSmartAsync(['--db', prepared.path, 'payout', 'run', '--date', RUN_DATE, '--json'], { cwd: prepared.dir })));
    for (const result of results) expectOk(result);
    const runs = results.map((result) => json<RunJson>(result));
    expect(runs.map((run) => run.status).sort()).toEqual(['paid', ...Array.from({ length: processes - 1 }, () => 'already-paid')].sort());
    for (const run of runs) expect(run.payslips).toEqual(runs[0]?.payslips);
    expect(readCounts(prepared.path)).toEqual({ runs: 1, runsOfWeek: 1, payslips: 2, items: 2, distinctInvoices: 2, payoutEntries: 2, payoutAudits: 1 });
    expectOk(smart(prepared, ['check']));
  }

  test('two runs of the same week: both exit 0, one pays, the other says already-paid, the book holds one run', async () => {
    // Three rounds, each on a new book: the two processes interleave differently each time.
    for (let round = 0; round < 3; round += 1) await together(2);
  });

  test('six at once: still exactly one run', async () => {
    await together(6);
  });
});
