/**
 * `smart bank import | unmatched | match | ignore` through the built CLI, on books whose invoices
 * 2026-000001 to 2026-000004 are the ones fixtures/bank/ pays (see bank-support.ts): each format
 * recognised, payments matched as fixtures/bank/README.md intends, exactly-once imports, bad
 * files rejected whole, the unmatched queue worked by hand, and `smart check` after all of it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type ImportJson, type UnmatchedJson, bankBook, bankFixture, mapLimit, paymentsOf, query, tableContents } from './bank-support.js';
import { type CliResult, type E2eBook, fingerprint, json } from './support.js';

/** What each fixture holds and how it must come out on a fresh book (fixtures/bank/README.md). */
interface FormatCase {
  readonly file: string;
  readonly args: readonly string[];
  /** The reader that must recognise it, as `--json` reports it. */
  readonly format: string;
  /** The `--format` that forces the same reader (undefined: none besides csv + mapping). */
  readonly force: string | undefined;
  readonly lines: number;
  readonly matched: number;
  readonly flagged: number;
  /** The amounts left in `bank unmatched`, in its order (booking date, then line). */
  readonly queue: readonly string[];
  /** What each invoice is paid by the statement. */
  readonly paid: Readonly<Record<string, string>>;
  /** What stays as the client's credit (overpayments). */
  readonly credit: string;
  /** It holds the payment with the wrong check digit +++202/6000/00193+++ (must stay unmatched). */
  readonly wrongCheckDigit: boolean;
}

const FORMAT_CASES: readonly FormatCase[] = [
  {
    file: 'kbc.csv', args: [], format: 'kbc', force: 'kbc', lines: 6, matched: 3, flagged: 0,
    queue: ['-1500.00', '250.00', '-12.50'],
    paid: { '2026-000001': '1210.00', '2026-000002': '605.50', '2026-000003': '363.00' }, credit: '0.00', wrongCheckDigit: true,
  },
  {
    file: 'bnp-paribas-fortis.csv', args: [], format: 'bnp', force: 'bnp', lines: 6, matched: 3, flagged: 0,
    queue: ['-48.40', '250.00', '-2500.00'],
    paid: { '2026-000001': '1210.00', '2026-000002': '605.50', '2026-000003': '363.00' }, credit: '0.00', wrongCheckDigit: true,
  },
  {
    // 1,250.75 for invoice 2026-000002 of 605.50: settled, the rest a credit (flagged).
    file: 'bnp-paribas-fortis-old.csv', args: [], format: 'bnp', force: undefined, lines: 3, matched: 2, flagged: 1,
    queue: ['-35.20'],
    paid: { '2026-000001': '1210.00', '2026-000002': '605.50' }, credit: '645.25', wrongCheckDigit: false,
  },
  {
    // 1,210.50 for 1,210.00 (0.50 credit, flagged); 1,000.00 of 2,420.00 (partial); the
    // payroll batch, the wrong check digit and "Invoice 2026-000006" (no such invoice) wait.
    file: 'belfius.csv', args: [], format: 'belfius', force: 'belfius', lines: 6, matched: 3, flagged: 1,
    queue: ['-8765.43', '250.00', '99.99'],
    paid: { '2026-000001': '1210.00', '2026-000002': '605.50', '2026-000004': '1000.00' }, credit: '0.50', wrongCheckDigit: true,
  },
  {
    file: 'ing.csv', args: [], format: 'ing', force: 'ing', lines: 6, matched: 3, flagged: 0,
    queue: ['-10.44', '-1500.00', '250.00'],
    paid: { '2026-000001': '1210.00', '2026-000002': '605.50', '2026-000004': '2420.00' }, credit: '0.00', wrongCheckDigit: true,
  },
  {
    file: 'argenta.csv', args: [], format: 'argenta', force: 'argenta', lines: 6, matched: 3, flagged: 0,
    queue: ['-125.00', '250.00', '-23.90'],
    paid: { '2026-000001': '1210.00', '2026-000002': '605.50', '2026-000003': '363.00' }, credit: '0.00', wrongCheckDigit: true,
  },
  {
    file: 'argenta-fr.csv', args: [], format: 'argenta', force: undefined, lines: 3, matched: 2, flagged: 0,
    queue: ['-125.00'],
    paid: { '2026-000001': '1210.00', '2026-000002': '605.50' }, credit: '0.00', wrongCheckDigit: false,
  },
  {
    // 350.50 of 605.50 for 2026-000002: a partial payment, the invoice stays open.
    file: 'camt053/statement.camt053.001.02.xml', args: [], format: 'camt053', force: 'camt053', lines: 3, matched: 2, flagged: 0,
    queue: ['-480.00'],
    paid: { '2026-000001': '1210.00', '2026-000002': '350.50' }, credit: '0.00', wrongCheckDigit: false,
  },
  {
    // A batch of two client payments booked as one entry (read as its two transactions), a
    // pending entry (not read), and a payout batch going out (no payout run in this book).
    file: 'camt053/batches.camt053.001.08.xml', args: [], format: 'camt053', force: undefined, lines: 3, matched: 2, flagged: 1,
    queue: ['-1000.00'],
    paid: { '2026-000003': '363.00', '2026-000004': '242.00' }, credit: '121.00', wrongCheckDigit: false,
  },
  {
    file: 'coda/statement.cod', args: [], format: 'coda', force: 'coda', lines: 6, matched: 4, flagged: 1,
    queue: ['-480.00', '-1000.00'],
    paid: { '2026-000001': '1210.00', '2026-000002': '350.50', '2026-000003': '363.00', '2026-000004': '242.00' }, credit: '121.00', wrongCheckDigit: false,
  },
  {
    file: 'generic.csv', args: ['--format', 'csv', '--map', bankFixture('mapping.example.json')], format: 'csv (mapping)', force: undefined, lines: 5, matched: 3, flagged: 0,
    queue: ['-75.00', '250.00'],
    paid: { '2026-000001': '1210.00', '2026-000002': '605.50', '2026-000003': '363.00' }, credit: '0.00', wrongCheckDigit: true,
  },
];

function expectedImport(item: FormatCase, dryRun: boolean): ImportJson {
  return {
    file: basename(item.file),
    format: item.format,
    lines: item.lines,
    imported: item.lines,
    duplicates: 0,
    matched: item.matched,
    payouts: 0,
    unmatched: item.lines - item.matched,
    flagged: item.flagged,
    dryRun,
  };
}

/** A refused command: its exit code, its message on stderr, nothing on stdout, nothing written. */
function expectRefused(book: E2eBook, args: readonly string[], exitCode: number, message: RegExp): CliResult {
  const before = fingerprint(book.path);
  const result = book.run(args);
  expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode, stdout: '' });
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  expect(fingerprint(book.path)).toBe(before);
  return result;
}

function unmatchedOf(book: E2eBook): UnmatchedJson[] {
  const result = book.run(['bank', 'unmatched', '--json']);
  expect(result.exitCode).toBe(0);
  return json<UnmatchedJson[]>(result);
}

function checkOk(result: CliResult): void {
  expect(result.exitCode).toBe(0);
  const report = json<{ ok: boolean; checks: { name: string; ok: boolean; problems: string[] }[] }>(result);
  expect(report.checks.filter((check) => !check.ok)).toEqual([]);
  expect(report.ok).toBe(true);
}

const WRONG_CHECK_DIGIT = /202\D{0,3}6000\D{0,3}00193/;

describe('smart bank import: every format, auto-detected, matched as the fixtures intend', () => {
  interface Outcome {
    readonly book: E2eBook;
    readonly first: CliResult;
    readonly queue: CliResult;
    readonly again: CliResult;
    readonly tablesBefore: Record<string, string[]>;
    readonly tablesAfter: Record<string, string[]>;
  }
  const outcomes = new Map<string, Outcome>();

  beforeAll(async () => {
    // One fresh book per statement, the statements side by side (each smart process is slow to start).
    await mapLimit(FORMAT_CASES, 3, async (item) => {
      const book = bankBook();
      const args = ['bank', 'import', bankFixture(item.file), ...item.args, '--json'];
      const first = await book.runAsync(args);
      const queue = await book.runAsync(['bank', 'unmatched', '--json']);
      const tablesBefore = tableContents(book.path);
      const again = await book.runAsync(args);
      const tablesAfter = tableContents(book.path);
      outcomes.set(item.file, { book, first, queue, again, tablesBefore, tablesAfter });
    });
  });
  afterAll(() => {
    for (const outcome of outcomes.values()) outcome.book.cleanup();
  });

  const outcomeOf = (item: FormatCase): Outcome => {
    const outcome = outcomes.get(item.file);
    if (outcome === undefined) throw new Error(`no outcome for ${item.file}`);
    return outcome;
  };

  test.each(FORMAT_CASES)('$file: read as $format, $matched of $lines line(s) matched, the counts on stdout as JSON', (item) => {
    const { first } = outcomeOf(item);
    expect(first.exitCode).toBe(0);
    expect(json<ImportJson>(first)).toEqual(expectedImport(item, false));
    expect(first.stderr).toContain(`${basename(item.file)} (${item.format})`);
  });

  test.each(FORMAT_CASES)('$file: the payments settle the invoices they name, the rest waits in the queue', (item) => {
    const { book, queue } = outcomeOf(item);
    expect(paymentsOf(book.path)).toEqual({ paid: item.paid, credit: item.credit });
    expect(queue.exitCode).toBe(0);
    const lines = json<UnmatchedJson[]>(queue);
    expect(lines.map((line) => line.amount)).toEqual(item.queue);
    const wrong = lines.filter((line) => WRONG_CHECK_DIGIT.test(`${line.communication ?? ''} ${line.structuredReference ?? ''}`));
    expect(wrong.map((line) => line.amount)).toEqual(item.wrongCheckDigit ? ['250.00'] : []);
  });

  test.each(FORMAT_CASES)('$file imported again: imported 0, duplicates = lines, and the book does not change at all', (item) => {
    const { again, tablesBefore, tablesAfter } = outcomeOf(item);
    expect(again.exitCode).toBe(0);
    expect(json<ImportJson>(again)).toEqual({ ...expectedImport(item, false), imported: 0, duplicates: item.lines, matched: 0, unmatched: 0, flagged: 0 });
    // A statement already in the book adds nothing: no line, payment, entry, import record or audit row.
    const changed = Object.keys(tablesAfter).filter((table) => JSON.stringify(tablesAfter[table]) !== JSON.stringify(tablesBefore[table]));
    expect(changed).toEqual([]);
  });

  test('kbc.csv paid 2026-000001 to -000003 exactly: only 2026-000004 is still due (smart invoice overdue)', () => {
    const { book } = outcomeOf(FORMAT_CASES[0] as FormatCase);
    const result = book.run(['invoice', 'overdue', '--date', '2026-12-31', '--json']);
    expect(result.exitCode).toBe(0);
    expect(json<{ number: string; total: string; paid: string; open: string }[]>(result)).toEqual([expect.objectContaining({ number: '2026-000004', total: '2420.00', paid: '0.00', open: '2420.00' })]);
  });

  test('an overlapping statement (three lines already imported, one new) adds only the new line', () => {
    const { book } = outcomeOf(FORMAT_CASES[0] as FormatCase);
    // kbc.csv has no bank reference per line: its lines are recognised by their content.
    const rows = readFileSync(bankFixture('kbc.csv')).toString('latin1').split('\r\n');
    const costs = rows[6] ?? '';
    expect(costs).toContain('KOSTEN KBC-BUSINESS');
    const next = costs.replace('09/01/2026', '12/01/2026');
    const path = join(book.dir, 'kbc-overlap.csv');
    writeFileSync(path, Buffer.from([rows[0], rows[4], rows[5], costs, next, ''].join('\r\n'), 'latin1'));
    const before = unmatchedOf(book);
    const result = book.run(['bank', 'import', path, '--json']);
    expect(result.exitCode).toBe(0);
    expect(json<ImportJson>(result)).toMatchObject({ format: 'kbc', lines: 4, imported: 1, duplicates: 3, matched: 0, unmatched: 1 });
    const after = unmatchedOf(book);
    expect(after.map((line) => line.amount)).toEqual([...before.map((line) => line.amount), '-12.50']);
    expect(after.at(-1)?.date).toBe('2026-01-12');
  });

  test('smart check passes on every book', async () => {
    const results = await mapLimit([...outcomes.values()], 3, (outcome) => outcome.book.runAsync(['check', '--json']));
    for (const result of results) checkOk(result);
  });
});

describe('smart bank import --format and --map', () => {
  let book: E2eBook;
  let before: string;
  beforeAll(() => {
    book = bankBook();
    before = fingerprint(book.path);
  });
  afterAll(() => book.cleanup());

  const forced = FORMAT_CASES.filter((item) => item.force !== undefined);
  test('each bank forced with --format (dry runs on one book) is read as that bank, with the same counts', async () => {
    expect(forced.map((item) => item.force)).toEqual(['kbc', 'bnp', 'belfius', 'ing', 'argenta', 'camt053', 'coda']);
    const results = await mapLimit(forced, 3, (item) => book.runAsync(['bank', 'import', bankFixture(item.file), '--format', item.force ?? '', '--dry-run', '--json']));
    results.forEach((result, index) => {
      const item = forced[index] as FormatCase;
      expect({ file: item.file, exitCode: result.exitCode }).toEqual({ file: item.file, exitCode: 0 });
      expect(json<ImportJson>(result)).toEqual(expectedImport(item, true));
    });
    expect(fingerprint(book.path)).toBe(before);
  });

  const wrongFormats: [file: string, format: string, message: RegExp][] = [
    ['kbc.csv', 'belfius', /no Belfius header row.*It looks like a KBC export/s],
    ['belfius.csv', 'kbc', /no KBC header row.*It looks like a Belfius export/s],
    ['ing.csv', 'argenta', /no Argenta header row.*It looks like an? ING/s],
    ['kbc.csv', 'coda', /kbc\.csv:1: .*not a CODA file/],
    ['kbc.csv', 'camt053', /kbc\.csv:1: .*not an XML file/],
    ['coda/statement.cod', 'ing', /statement\.cod: no ING Belgium header row/],
    ['camt053/statement.camt053.001.02.xml', 'coda', /statement\.camt053\.001\.02\.xml:1: .*not a CODA file/],
  ];
  test.each(wrongFormats)('%s forced as --format %s exits 3, says why, and writes nothing', (file, format, message) => {
    expectRefused(book, ['bank', 'import', bankFixture(file), '--format', format, '--json'], 3, message);
  });

  test('an unknown --format exits 3 and lists the formats', () => {
    expectRefused(book, ['bank', 'import', bankFixture('kbc.csv'), '--format', 'mt940'], 3, /--format must be one of auto, kbc, bnp, belfius, ing, argenta, camt053, coda, csv/);
  });

  test('--format csv without --map exits 3 and names --map', () => {
    expectRefused(book, ['bank', 'import', bankFixture('generic.csv'), '--format', 'csv', '--json'], 3, /--format csv needs --map/);
  });

  test('the CSV of an unknown bank, without --format csv, exits 3 and points to --format csv --map', () => {
    expectRefused(book, ['bank', 'import', bankFixture('generic.csv'), '--json'], 3, /generic\.csv is not the CSV export of a bank smart recognises[\s\S]*--format csv --map/);
  });

  test('a --map that does not exist exits 4; a mapping with an unknown key exits 3 and names it', () => {
    expectRefused(book, ['bank', 'import', bankFixture('generic.csv'), '--format', 'csv', '--map', join(book.dir, 'no-such-mapping.json')], 4, /Cannot read the column mapping .*no-such-mapping\.json/);
    const mapping = JSON.parse(readFileSync(bankFixture('mapping.example.json'), 'utf8')) as Record<string, unknown>;
    const path = join(book.dir, 'typo-mapping.json');
    writeFileSync(path, JSON.stringify({ ...mapping, skiplines: 1 }));
    expectRefused(book, ['bank', 'import', bankFixture('generic.csv'), '--format', 'csv', '--map', path], 3, /"skiplines": unknown key/);
  });

  test('a mapping whose columns are not in the file exits 3 and names the header line', () => {
    expectRefused(book, ['bank', 'import', bankFixture('kbc.csv'), '--format', 'csv', '--map', bankFixture('mapping.example.json')], 3, /kbc\.csv:2: the header row has no column "Date"/);
  });
});

describe('smart bank import: a file with a bad row is rejected whole', () => {
  let book: E2eBook;
  beforeAll(() => {
    book = bankBook();
  });
  afterAll(() => book.cleanup());

  const BAD_FILES: [file: string, lines: number[], details: string[]][] = [
    ['kbc-bad-rows.csv', [3, 5, 6], ['31/02/2026', '-12,345', '1O5,00']],
    ['belfius-bad-row.csv', [15], ['1,210.50']],
    ['coda/broken-amount-letters.cod', [8], ['0000000003505O0']],
    ['coda/broken-balances.cod', [29], ['13306.60']],
    ['coda/broken-record-length.cod', [10], ['127 characters']],
    ['camt053/broken-amount-letters.camt053.xml', [142], ['35O.50']],
    ['camt053/broken-balances.camt053.xml', [54], ['13580.05']],
  ];

  test.each(BAD_FILES)('%s exits 3, names every bad line (%j) and leaves the book byte-for-byte unchanged', (file, lines, details) => {
    const name = basename(file);
    const result = expectRefused(book, ['bank', 'import', bankFixture(file), '--json'], 3, /Nothing was imported/);
    const named = new Set([...result.stderr.matchAll(new RegExp(`${name.replace(/[.]/g, '\\.')}:(\\d+)`, 'g'))].map((match) => Number(match[1])));
    expect([...named].sort((a, b) => a - b)).toEqual(lines);
    for (const detail of details) expect(result.stderr).toContain(detail);
  });

  test('--dry-run of a bad file exits 3 the same way', () => {
    expectRefused(book, ['bank', 'import', bankFixture('kbc-bad-rows.csv'), '--dry-run', '--json'], 3, /kbc-bad-rows\.csv:3/);
  });

  test('after all of them the book holds no bank line and no import, and smart check passes', () => {
    expect(unmatchedOf(book)).toEqual([]);
    expect(query<{ n: number }>(book.path, 'SELECT (SELECT COUNT(*) FROM bank_lines) + (SELECT COUNT(*) FROM bank_imports) + (SELECT COUNT(*) FROM payments) AS n')).toEqual([{ n: 0 }]);
    checkOk(book.run(['check', '--json']));
  });
});

describe('smart bank import: files that are no statement', () => {
  let book: E2eBook;
  beforeAll(() => {
    book = bankBook();
  });
  afterAll(() => book.cleanup());

  const file = (name: string, content: string | Buffer): string => {
    const path = join(book.dir, name);
    writeFileSync(path, content);
    return path;
  };

  test('an empty file exits 3: "is empty"', () => {
    expectRefused(book, ['bank', 'import', file('empty.csv', ''), '--json'], 3, /empty\.csv is empty/);
  });

  test('a binary file exits 3: "binary data"', () => {
    // A PNG header: NUL bytes from the ninth byte on.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(64, 7)]);
    expectRefused(book, ['bank', 'import', file('statement.csv', png), '--json'], 3, /statement\.csv holds binary data/);
  });

  test('a binary file forced as CODA or camt.053 exits 3', () => {
    const path = file('statement.bin', Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0x80, 10, 13, 0]));
    expectRefused(book, ['bank', 'import', path, '--format', 'coda'], 3, /statement\.bin:1: .*not a CODA file/);
    expectRefused(book, ['bank', 'import', path, '--format', 'camt053'], 3, /statement\.bin:1: /);
  });

  test('a file that does not exist exits 4: "Cannot read"', () => {
    expectRefused(book, ['bank', 'import', join(book.dir, 'no-such-statement.csv'), '--json'], 4, /Cannot read .*no-such-statement\.csv/);
  });

  test('a folder given as the statement exits 3 or 4 with a message, not an internal error', () => {
    const folder = join(book.dir, 'statements');
    mkdirSync(folder, { recursive: true });
    const before = fingerprint(book.path);
    const result = book.run(['bank', 'import', folder, '--json']);
    expect(result.stderr).not.toMatch(/internal error/);
    expect([3, 4]).toContain(result.exitCode);
    expect(result.stderr).toContain('statements');
    expect(fingerprint(book.path)).toBe(before);
  });
});

describe('smart bank import --dry-run', () => {
  let book: E2eBook;
  beforeAll(() => {
    book = bankBook();
  });
  afterAll(() => book.cleanup());

  const kbc = FORMAT_CASES[0] as FormatCase;

  test('reports the counts, writes nothing; the real import then gives the same counts', () => {
    const before = fingerprint(book.path);
    const dry = book.run(['bank', 'import', bankFixture('kbc.csv'), '--dry-run', '--json']);
    expect(dry.exitCode).toBe(0);
    expect(json<ImportJson>(dry)).toEqual(expectedImport(kbc, true));
    expect(dry.stderr).toMatch(/would import 6/);
    expect(fingerprint(book.path)).toBe(before);
    expect(unmatchedOf(book)).toEqual([]);
    expect(fingerprint(book.path)).toBe(before);

    const real = book.run(['bank', 'import', bankFixture('kbc.csv'), '--json']);
    expect(real.exitCode).toBe(0);
    expect(json<ImportJson>(real)).toEqual(expectedImport(kbc, false));
    expect(unmatchedOf(book).map((line) => line.amount)).toEqual(kbc.queue);
  });

  test('a dry run of a statement already imported reports only duplicates and writes nothing', () => {
    const before = fingerprint(book.path);
    const dry = book.run(['bank', 'import', bankFixture('kbc.csv'), '--dry-run', '--json']);
    expect(dry.exitCode).toBe(0);
    expect(json<ImportJson>(dry)).toEqual({ ...expectedImport(kbc, true), imported: 0, duplicates: 6, matched: 0, unmatched: 0 });
    expect(fingerprint(book.path)).toBe(before);
  });
});

describe('smart bank unmatched, match and ignore', () => {
  let book: E2eBook;
  let queue: UnmatchedJson[];
  const lineOf = (amount: string): UnmatchedJson => {
    const line = queue.find((item) => item.amount === amount);
    if (line === undefined) throw new Error(`no unmatched line of ${amount} in ${JSON.stringify(queue)}`);
    return line;
  };

  beforeAll(() => {
    book = bankBook();
    const imported = book.run(['bank', 'import', bankFixture('kbc.csv'), '--json']);
    if (imported.exitCode !== 0) throw new Error(`import failed: ${imported.stderr}`);
    queue = unmatchedOf(book);
  });
  afterAll(() => book.cleanup());

  test('bank unmatched --json: id, date, amount as a string, counterparty, communication', () => {
    expect(queue).toHaveLength(3);
    for (const line of queue) {
      expect(Number.isInteger(line.id)).toBe(true);
      expect(line.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof line.amount).toBe('string');
      expect(line.amount).toMatch(/^-?\d+\.\d{2}$/);
      expect(line).toHaveProperty('counterparty');
      expect(line).toHaveProperty('communication');
      expect(line.status).toBe('unmatched');
    }
    expect(queue[0]).toMatchObject({ date: '2026-01-08', amount: '-1500.00', counterparty: 'Jan Peeters', communication: 'Uitbetaling week 2026-W02' });
    expect(queue[1]).toMatchObject({ date: '2026-01-09', amount: '250.00', counterparty: 'Café De Zwaan', structuredReference: '202600000193' });
    expect(queue[2]).toMatchObject({ date: '2026-01-09', amount: '-12.50', counterparty: null });
    expect(queue[2]?.communication).toContain('KOSTEN KBC-BUSINESS COMFORT');
  });

  test('bank match refuses an unknown invoice (4), an outgoing line (3) and an unknown line (4), writing nothing', () => {
    expectRefused(book, ['bank', 'match', String(lineOf('250.00').id), '2026-000099'], 4, /No invoice 2026-000099/);
    expectRefused(book, ['bank', 'match', String(lineOf('-1500.00').id), '2026-000004'], 3, /money going out/);
    expectRefused(book, ['bank', 'match', '9999', '2026-000004'], 4, /No bank line 9999/);
  });

  test('bank match LINE INVOICE settles the line (exit 0), which leaves the queue; matching it again exits 5', () => {
    const line = lineOf('250.00');
    const result = book.run(['bank', 'match', String(line.id), '2026-000004', '--json']);
    expect(result.exitCode).toBe(0);
    expect(json(result)).toEqual({ line: line.id, invoice: '2026-000004', paid: '250.00', credit: '0.00', flag: null });
    expect(unmatchedOf(book).map((item) => item.amount)).toEqual(['-1500.00', '-12.50']);
    expect(paymentsOf(book.path).paid['2026-000004']).toBe('250.00');

    expectRefused(book, ['bank', 'match', String(line.id), '2026-000004'], 5, new RegExp(`Bank line ${line.id} is already matched`));
    expectRefused(book, ['bank', 'match', String(line.id), '2026-000003', '--json'], 5, /already matched/);
  });

  test('bank ignore LINE without --reason (or a blank one) exits 2; with a reason exits 0 and the line leaves the queue', () => {
    const line = lineOf('-12.50');
    expectRefused(book, ['bank', 'ignore', String(line.id)], 2, /--reason/);
    expectRefused(book, ['bank', 'ignore', String(line.id), '--reason', '   '], 2, /--reason/);
    const result = book.run(['bank', 'ignore', String(line.id), '--reason', 'bank fees', '--json']);
    expect(result.exitCode).toBe(0);
    expect(json(result)).toMatchObject({ id: line.id, amount: '-12.50', status: 'ignored' });
    expect(unmatchedOf(book).map((item) => item.amount)).toEqual(['-1500.00']);
    expectRefused(book, ['bank', 'ignore', String(line.id), '--reason', 'again'], 5, /already ignored \(bank fees\)/);
    expectRefused(book, ['bank', 'match', String(line.id), '2026-000004'], 5, /already ignored/);
    expectRefused(book, ['bank', 'ignore', '9999', '--reason', 'x'], 4, /No bank line 9999/);
  });

  test('a line number that is not a number exits 2 and speaks of bank lines, not members', () => {
    const match = expectRefused(book, ['bank', 'match', 'abc', '2026-000004'], 2, /abc/);
    expect(match.stderr).not.toMatch(/member/i);
    expect(match.stderr).toMatch(/line/i);
    const ignore = expectRefused(book, ['bank', 'ignore', 'abc', '--reason', 'x'], 2, /abc/);
    expect(ignore.stderr).not.toMatch(/member/i);
  });

  test('a second statement: a payment for a paid invoice matched by hand stays as the client\'s credit', () => {
    const imported = book.run(['bank', 'import', bankFixture('belfius.csv'), '--json']);
    expect(imported.exitCode).toBe(0);
    expect(json<ImportJson>(imported)).toMatchObject({ lines: 6, imported: 6, matched: 3, unmatched: 3 });
    queue = unmatchedOf(book);
    expect(queue.map((line) => line.amount)).toEqual(['-1500.00', '-8765.43', '250.00', '99.99']);
    const line = lineOf('250.00');
    const result = book.run(['bank', 'match', String(line.id), '2026-000001', '--json']);
    expect(result.exitCode).toBe(0);
    expect(json(result)).toEqual({ line: line.id, invoice: '2026-000001', paid: '0.00', credit: '250.00', flag: 'overpayment' });
    expect(unmatchedOf(book).map((item) => item.amount)).toEqual(['-1500.00', '-8765.43', '99.99']);
  });

  test('bank match "#LINE" (accepted as a line number) reports that line number in --json', () => {
    const line = lineOf('99.99');
    const result = book.run(['bank', 'match', `#${line.id}`, '2026-000004', '--json']);
    expect(result.exitCode).toBe(0);
    expect(json(result)).toEqual({ line: line.id, invoice: '2026-000004', paid: '99.99', credit: '0.00', flag: null });
    expect(unmatchedOf(book).map((item) => item.amount)).toEqual(['-1500.00', '-8765.43']);
  });

  test('smart check passes after all of it', () => {
    checkOk(book.run(['check', '--json']));
    expect(book.run(['check']).exitCode).toBe(0);
  });
});
