import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BankLine } from '../../../src/bank/bank-line.js';
import { type Camt053ReadOptions, type Camt053Statement, parseCamtAmount, readCamt053, readCamt053Statements } from '../../../src/bank/camt053/read-camt053.js';
import { SmartError } from '../../../src/errors.js';
import { structuredCommunicationFor, validateStructuredCommunication } from '../../../src/identifiers/structured-communication.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/bank/camt053/', import.meta.url));
const samples = fileURLToPath(new URL('../../../../shared/refdata/camt053/', import.meta.url));
const present = existsSync(samples);
if (!present) console.warn(`camt.053 reference samples skipped: ${samples} is absent (the shared refdata folder is not checked out)`);
const withSamples = present ? describe : describe.skip;

async function linesOf(path: string, options?: Camt053ReadOptions): Promise<BankLine[]> {
  const lines: BankLine[] = [];
  for await (const line of readCamt053(path, options)) lines.push(line);
  return lines;
}

async function statementsOf(path: string, options?: Camt053ReadOptions): Promise<Camt053Statement[]> {
  const statements: Camt053Statement[] = [];
  for await (const statement of readCamt053Statements(path, options)) statements.push(statement);
  return statements;
}

async function rejectionOf(path: string): Promise<SmartError> {
  try {
    await linesOf(path);
  } catch (error) {
    if (error instanceof SmartError) return error;
    throw error;
  }
  throw new Error(`${path} was accepted`);
}

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'smart-camt053-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

let written = 0;
function file(content: string | Buffer, name = `case-${(written += 1)}.xml`): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

/** A one-statement camt.053 document around the given entries (balances optional). */
function camt(entries: string, options: { opening?: string; closing?: string; version?: string; prefix?: string } = {}): string {
  const balance = (code: string, amount: string | undefined): string => {
    if (amount === undefined) return '';
    const negative = amount.startsWith('-');
    return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${negative ? amount.slice(1) : amount}</Amt>` +
      `<CdtDbtInd>${negative ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>2026-03-02</Dt></Dt></Bal>\n`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${options.version ?? '02'}">
<BkToCstmrStmt>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-02T20:00:00</CreDtTm></GrpHdr>
<Stmt>
<Id>S1</Id>
<Acct><Id><IBAN>BE68539007547034</IBAN></Id><Ccy>EUR</Ccy></Acct>
${balance('OPBD', options.opening)}${balance('CLBD', options.closing)}${entries}
</Stmt>
</BkToCstmrStmt>
</Document>
`;
}

function entry(amount: string, indicator: string, inner = '', head = ''): string {
  return `<Ntry>${head}<Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${indicator}</CdtDbtInd><Sts>BOOK</Sts>` +
    `<BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-03</Dt></ValDt>${inner}</Ntry>\n`;
}

withSamples('the genkgo/camt reference samples give the values of their JSON files', () => {
  interface Json {
    [key: string]: unknown;
  }
  const object = (value: unknown): Json | null => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const date = (value: unknown): string | null => text(object(value)?.['0'])?.slice(0, 10) ?? null;

  /** What the JSON (a dump of genkgo's Message) says a reader should find, in BankLine terms. */
  function expected(sample: string): { records: number; statements: Map<string, { account: string | null; balances: Json[]; lines: Map<number, BankLine> }> } {
    const message = JSON.parse(readFileSync(join(samples, `${sample}.json`), 'utf8')) as Json;
    const statements = new Map<string, { account: string | null; balances: Json[]; lines: Map<number, BankLine> }>();
    for (const raw of message['getEntries'] as unknown[]) {
      const entry = object(raw) ?? {};
      const record = object(entry['getRecord']) ?? {};
      const id = text(record['getId']) ?? '';
      const account = text(object(record['getAccount'])?.['getIdentification']);
      const statement = statements.get(id) ?? { account, balances: (record['getBalances'] as Json[] | undefined) ?? [], lines: new Map() };
      statements.set(id, statement);
      const detail = object(entry['getTransactionDetail']) ?? {};
      const indicator = text(entry['getCreditDebitIndicator']);
      const side = indicator === 'CRDT' ? 'Debtor' : 'Creditor';
      const parties = ((detail['getRelatedParties'] as unknown[] | undefined) ?? []).map((party) => object(party) ?? {});
      const party = parties.find((candidate) => text(object(candidate['getRelatedPartyType'])?.['__CLASS__'])?.endsWith(`\\${side}`) === true);
      const reference = object(detail['getReference']) ?? {};
      const remittance = object(detail['getRemittanceInformation']) ?? {};
      const creditorReference = text(object(remittance['getCreditorReferenceInformation'])?.['getRef']);
      const unstructured = text(object(remittance['getUnstructuredBlock'])?.['getMessage']);
      const twelve = creditorReference !== null && /^\d{12}$/.test(creditorReference);
      const texts = [unstructured, twelve ? null : creditorReference].filter((part): part is string => part !== null);
      const amount = text(object(entry['getAmount'])?.['getAmount']) ?? '';
      statement.lines.set(Number(entry['getIndex']), {
        sourceLine: expect.any(Number) as unknown as number,
        account,
        bookingDate: date(entry['getBookingDate']) ?? '',
        valueDate: date(entry['getValueDate']),
        amountCents: Number(amount),
        currency: text(object(object(entry['getAmount'])?.['getCurrency'])?.['getCode']) ?? '',
        counterpartyName: party === undefined ? null : text(object(party['getRelatedPartyType'])?.['getName']),
        counterpartyIban: party === undefined ? null : text(object(party['getAccount'])?.['getIdentification']),
        structuredReference: twelve ? creditorReference : null,
        communication: texts.length === 0 ? null : texts.join(' '),
        bankReference: text(entry['getAccountServicerReference']) ?? text(reference['getAccountServicerReference']) ?? text(reference['getEndToEndId']),
      });
    }
    return { records: (message['getRecords'] as unknown[]).length, statements };
  }

  test.each(['genkgo-camt053.v2.minimal', 'genkgo-camt053.v2.multi.statement'])('%s', async (sample) => {
    const want = expected(sample);
    const statements = await statementsOf(join(samples, `${sample}.xml`));
    expect(statements).toHaveLength(want.records);
    expect(want.statements.size).toBeGreaterThan(0);
    for (const [id, statement] of want.statements) {
      const got = statements.find((candidate) => candidate.id === id);
      expect(got).toBeDefined();
      expect(got?.account).toBe(statement.account);
      for (const balance of statement.balances) {
        const type = text(balance['getType']);
        const mine = type === 'opening' ? got?.openingBalance : type === 'closing' ? got?.closingBalance : undefined;
        if (mine === undefined) continue;
        expect(mine).toEqual({
          amountCents: Number(text(object(balance['getAmount'])?.['getAmount'])),
          currency: text(object(object(balance['getAmount'])?.['getCurrency'])?.['getCode']),
          date: date(balance['getDate']),
          sourceLine: expect.any(Number),
        });
      }
      for (const [index, line] of statement.lines) expect(got?.lines[index]).toEqual(line);
    }
  });

  test('minimal: the one entry, whose 16-digit SCOR reference is not a Belgian structured communication', async () => {
    expect(await linesOf(join(samples, 'genkgo-camt053.v2.minimal.xml'))).toEqual([
      {
        sourceLine: 90,
        account: 'NL26VAYB8060476890',
        bookingDate: '2014-12-31',
        valueDate: '2015-01-02',
        amountCents: 885,
        currency: 'EUR',
        counterpartyName: 'NAME NAME',
        counterpartyIban: 'NL56AGDH9619008421',
        structuredReference: null,
        communication: '4654654654654654',
        bankReference: null,
      },
    ]);
  });

  test('minimal: its closing balance is in another currency (SEK) than its opening one, so the balances are not compared', async () => {
    const [statement] = await statementsOf(join(samples, 'genkgo-camt053.v2.minimal.xml'));
    expect(statement?.openingBalance).toMatchObject({ amountCents: 1815, currency: 'EUR' });
    expect(statement?.closingBalance).toMatchObject({ amountCents: -2700, currency: 'SEK' });
  });

  test('multi statement: both statements, each adding up; the credit names only its creditor (the account owner), so no counterparty', async () => {
    const statements = await statementsOf(join(samples, 'genkgo-camt053.v2.multi.statement.xml'));
    expect(statements.map((statement) => statement.id)).toEqual(['253EURNL26VAYB8060476890', '254EURNL26VAYB8060476890']);
    expect(statements[0]?.lines).toEqual([
      {
        sourceLine: 66,
        account: 'NL26VAYB8060476890',
        bookingDate: '2014-12-31',
        valueDate: '2015-01-02',
        amountCents: 885,
        currency: 'EUR',
        counterpartyName: null,
        counterpartyIban: null,
        structuredReference: null,
        communication: 'Transaction Description 1',
        bankReference: '000000001',
      },
    ]);
    for (const statement of statements) {
      const moved = statement.lines.reduce((sum, line) => sum + line.amountCents, 0);
      expect((statement.openingBalance?.amountCents ?? 0) + moved).toBe(statement.closingBalance?.amountCents);
    }
    expect((await linesOf(join(samples, 'genkgo-camt053.v2.multi.statement.xml'))).map((line) => line.amountCents)).toEqual([885, -700]);
  });

  test('the "wrong" sample (a group header and no statement) is rejected', async () => {
    const error = await rejectionOf(join(samples, 'genkgo-camt053.v2.wrong.xml'));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain('genkgo-camt053.v2.wrong.xml:3: the file holds no statement');
  });

  test.each([1, 7, 64, 1000])('the samples read the same in chunks of %i bytes', async (chunkBytes) => {
    for (const sample of ['genkgo-camt053.v2.minimal.xml', 'genkgo-camt053.v2.multi.statement.xml']) {
      expect(await statementsOf(join(samples, sample), { chunkBytes })).toEqual(await statementsOf(join(samples, sample)));
    }
  });
});

describe('the Belgian camt.053.001.02 fixture', () => {
  const path = join(fixtures, 'statement.camt053.001.02.xml');
  const common = { account: 'BE68539007547034', bookingDate: '2026-03-02', valueDate: '2026-03-02', currency: 'EUR' };

  test('gives its three entries', async () => {
    expect(await linesOf(path)).toEqual([
      {
        ...common,
        sourceLine: 68,
        amountCents: 121000,
        counterpartyName: 'Atelier Dupont & Fils SRL',
        counterpartyIban: 'BE21001234567803',
        structuredReference: '202600000192',
        communication: null,
        bankReference: 'KBC260302000101',
      },
      {
        ...common,
        sourceLine: 140,
        amountCents: 35050,
        counterpartyName: 'Jan Peeters',
        counterpartyIban: 'BE33734042198746',
        structuredReference: null,
        communication: 'Factuur 2026-000002 bedankt voor de fijne samenwerking',
        bankReference: 'KBC260302000102',
      },
      {
        ...common,
        sourceLine: 184,
        amountCents: -48000,
        counterpartyName: 'Imprimerie Lemaire SA',
        counterpartyIban: 'BE51068247741562',
        structuredReference: null,
        communication: 'Facture F-2026-118 impression flyers',
        bankReference: 'KBC260302000103',
      },
    ]);
  });

  test('the first payment quotes the valid structured communication of invoice 2026-000001', async () => {
    const [first] = await linesOf(path);
    expect(first?.structuredReference).toBe(structuredCommunicationFor('2026000001'));
    expect(validateStructuredCommunication(first?.structuredReference ?? '')).toEqual({ ok: true, value: '202600000192' });
  });

  test('its balances: 12500.00 + the entries = 13580.50', async () => {
    const [statement] = await statementsOf(path);
    expect(statement).toMatchObject({
      sourceLine: 13,
      id: '2026-062-BE68539007547034',
      account: 'BE68539007547034',
      currency: 'EUR',
      openingBalance: { amountCents: 1250000, currency: 'EUR', date: '2026-02-27', sourceLine: 42 },
      closingBalance: { amountCents: 1358050, currency: 'EUR', date: '2026-03-02', sourceLine: 54 },
    });
  });

  test.each([1, 2, 3, 5, 13, 100, 4096])('reads the same in chunks of %i bytes', async (chunkBytes) => {
    expect(await statementsOf(path, { chunkBytes })).toEqual(await statementsOf(path));
  });
});

describe('the camt.053.001.08 fixture (prefixed namespace, batches, a pending entry)', () => {
  const path = join(fixtures, 'batches.camt053.001.08.xml');

  test('a batch of client payments is split per transaction; the payout batch stays one debit; the pending entry is left out', async () => {
    const common = { account: 'BE68539007547034', bookingDate: '2026-03-03', valueDate: '2026-03-03', currency: 'EUR' };
    expect(await linesOf(path)).toEqual([
      {
        ...common,
        sourceLine: 70,
        amountCents: 48400,
        counterpartyName: 'Studio Verbeke BV',
        counterpartyIban: 'BE27363158802073',
        structuredReference: '202600000394',
        communication: null,
        bankReference: 'BNP2603030001-01',
      },
      {
        ...common,
        sourceLine: 103,
        amountCents: 24200,
        counterpartyName: 'Marie Claes',
        counterpartyIban: 'BE35310123456737',
        structuredReference: '202600000495',
        communication: null,
        bankReference: 'BNP2603030001-02',
      },
      {
        ...common,
        sourceLine: 157,
        amountCents: -100000,
        counterpartyName: null,
        counterpartyIban: null,
        structuredReference: null,
        communication: 'SMART-2026-W10 Salary 2026-W10 incl. expenses Salary 2026-W10',
        bankReference: 'BNP2603030002',
      },
    ]);
  });

  test('the lines add up from the opening to the closing balance', async () => {
    const [statement] = await statementsOf(path);
    const moved = (statement?.lines ?? []).reduce((sum, line) => sum + line.amountCents, 0);
    expect(statement?.openingBalance?.amountCents).toBe(1358050);
    expect((statement?.openingBalance?.amountCents ?? 0) + moved).toBe(statement?.closingBalance?.amountCents);
    expect(statement?.closingBalance?.amountCents).toBe(1330650);
  });

  test.each([1, 9, 333])('reads the same in chunks of %i bytes', async (chunkBytes) => {
    expect(await statementsOf(path, { chunkBytes })).toEqual(await statementsOf(path));
  });
});

describe('broken files are rejected whole, naming the line', () => {
  test('an amount with a letter in it', async () => {
    const error = await rejectionOf(join(fixtures, 'broken-amount-letters.camt053.xml'));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toBe('broken-amount-letters.camt053.xml:142: the amount "35O.50" is not a decimal number such as 1210.50.');
    expect(error.problems).toEqual([{ where: 'broken-amount-letters.camt053.xml:142', message: 'the amount "35O.50" is not a decimal number such as 1210.50' }]);
    expect(error.hint).toMatch(/Nothing was imported/);
  });

  test('balances that do not add up', async () => {
    const error = await rejectionOf(join(fixtures, 'broken-balances.camt053.xml'));
    expect(error.problems).toEqual([
      {
        where: 'broken-balances.camt053.xml:54',
        message: 'the balances do not add up: the opening balance 12500.00 plus the entries 1080.50 makes 13580.50, but the closing balance is 13580.05',
      },
    ]);
  });

  test('every problem is listed, in the order of the lines', async () => {
    const path = file(camt(entry('1.005', 'CRDT') + entry('12', 'CRED') + entry('5.00', 'DBIT')));
    const error = await rejectionOf(path);
    expect(error.problems.map((problem) => problem.where?.replace(/^.*:/, ''))).toEqual(['8', '9']);
    expect(error.problems.map((problem) => problem.message)).toEqual([
      'the amount "1.005" has more than two decimals: it is not a whole number of cents',
      'the credit/debit indicator "CRED" is neither CRDT nor DBIT',
    ]);
    expect(error.message).toMatch(/:8: .* \(and 1 more problem\)\.$/);
  });

  test('a batch whose transactions do not add up to the entry', async () => {
    const details = '<NtryDtls><TxDtls><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TxDtls>' +
      '<TxDtls><Amt Ccy="EUR">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TxDtls></NtryDtls>';
    const error = await rejectionOf(file(camt(entry('16.00', 'CRDT', details))));
    expect(error.problems).toEqual([{ where: expect.stringMatching(/:8$/), message: "the 2 transactions of this entry add up to 15.00, not to the entry's amount 16.00" }]);
  });

  test('a payout batch (money out) whose transactions do not add up is rejected too', async () => {
    const details = '<NtryDtls><TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">10.00</Amt></TxAmt></AmtDtls></TxDtls>' +
      '<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">5.00</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls>';
    const error = await rejectionOf(file(camt(entry('15.01', 'DBIT', details))));
    expect(error.problems[0]?.message).toBe("the 2 transactions of this entry add up to -15.00, not to the entry's amount -15.01");
  });

  test.each([
    ['a signed amount', entry('-5.00', 'DBIT'), 'has a sign'],
    ['an empty amount', entry('', 'DBIT'), 'the amount is empty'],
    ['a decimal comma', entry('5,00', 'DBIT'), 'is not a decimal number'],
    ['an absurd amount', entry('12345678901234.00', 'DBIT'), 'far larger than any real payment'],
    ['no indicator', '<Ntry><Amt Ccy="EUR">5.00</Amt><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>', 'no credit/debit indicator'],
    ['no amount', '<Ntry><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>', 'the entry has no amount'],
    ['a bad currency', '<Ntry><Amt Ccy="E1">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>', 'not a three-letter code'],
    ['no date at all', '<Ntry><Amt Ccy="EUR">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>', 'neither a booking date'],
    ['an impossible booking date', '<Ntry><Amt Ccy="EUR">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-02-30</Dt></BookgDt></Ntry>', 'is not a date'],
  ])('%s', async (_name, entries, message) => {
    const error = await rejectionOf(file(camt(entries)));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.where).toMatch(/:8$/);
    expect(error.problems[0]?.message).toContain(message);
  });

  test.each([
    ['plain text', 'date;amount\n2026-03-02;5.00\n', 'text before the root element: this is not an XML file'],
    ['an empty file', '', 'the file is empty'],
    ['only a declaration', '<?xml version="1.0"?>\n', 'no XML element found'],
    ['another XML document', '<?xml version="1.0"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>', 'the root element is <Invoice>'],
    ['a pain.001', '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>', 'a pain.001 payment file'],
    ['a camt.052', '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt/></Document>', 'camt.052 account report'],
    ['a camt.054', '<Document><BkToCstmrDbtCdtNtfctn/></Document>', 'camt.054 notification'],
    ['an empty Document', '<Document/>', 'the <Document> is empty'],
    ['tags closed out of order', '<Document><BkToCstmrStmt><Stmt></BkToCstmrStmt></Stmt></Document>', 'is closed by </BkToCstmrStmt>'],
    ['text after the root', '<Document><BkToCstmrStmt/></Document>trailing', 'text after the end of the root element'],
    ['a second root', '<Document><BkToCstmrStmt/></Document><Document/>', 'a second root element'],
    ['a broken attribute', '<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy=EUR>1</Amt></Ntry></Stmt></BkToCstmrStmt></Document>', 'malformed attributes in <Amt>'],
    ['UTF-16 declared on UTF-8 bytes', '<?xml version="1.0" encoding="x-unknown-charset"?><Document/>', 'which is not supported'],
  ])('%s', async (_name, content, message) => {
    const error = await rejectionOf(file(content));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain(message);
  });

  test('a file cut short names where it ends', async () => {
    const whole = readFileSync(join(fixtures, 'statement.camt053.001.02.xml'), 'utf8');
    const error = await rejectionOf(file(whole.slice(0, whole.indexOf('<Ntry>', 3000) + 40)));
    expect(error.message).toMatch(/:1\d\d: the file ends inside .*: it is cut short\.$/);
  });

  test('a missing file is not-found, a folder is invalid input', async () => {
    await expect(linesOf(join(scratch, 'nothing-here.xml'))).rejects.toMatchObject({ kind: 'not-found' });
    await expect(linesOf(scratch)).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('is a folder') });
  });

  test('a good statement before a bad one is yielded, then the file is rejected: callers write nothing until the end', async () => {
    const good = camt(entry('5.00', 'CRDT'), { opening: '0.00', closing: '5.00' });
    const padding = `<!-- ${'padding '.repeat(300)}-->`;
    const twoStatements = good.replace('</Stmt>', `</Stmt>\n${padding}\n<Stmt><Id>S2</Id>${entry('1.0O', 'CRDT')}</Stmt>`);
    const received: BankLine[] = [];
    await expect(
      (async () => {
        for await (const line of readCamt053(file(twoStatements), { chunkBytes: 16 })) received.push(line);
      })(),
    ).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('"1.0O"') });
    expect(received.map((line) => line.amountCents)).toEqual([500]);
  });
});

describe('lenient where a real bank file is slightly off the schema', () => {
  test('.04 shape: booking date as a date-time, an IBAN with spaces, no status, no value date, no balances', async () => {
    const entries = '<Ntry><Amt Ccy="eur">99.9</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><DtTm>2026-03-02T23:59:00+01:00</DtTm></BookgDt>' +
      '<NtryDtls><TxDtls><RltdPties><Dbtr><Nm> Lotte  Maes </Nm></Dbtr><DbtrAcct><Id><IBAN>be33 7340 4219 8746</IBAN></Id></DbtrAcct></RltdPties>' +
      '<RmtInf><Strd><CdtrRefInf><Ref>***202/6000/00192***</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>';
    expect(await linesOf(file(camt(entries, { version: '04' })))).toEqual([
      {
        sourceLine: 8,
        account: 'BE68539007547034',
        bookingDate: '2026-03-02',
        valueDate: null,
        amountCents: 9990,
        currency: 'EUR',
        counterpartyName: 'Lotte  Maes',
        counterpartyIban: 'BE33734042198746',
        structuredReference: '202600000192',
        communication: null,
        bankReference: null,
      },
    ]);
  });

  test('zeros beyond two decimals are exact and accepted; the value date stands in for a missing booking date', async () => {
    const entries = '<Ntry><Amt Ccy="EUR">8.85000</Amt><CdtDbtInd>DBIT</CdtDbtInd><ValDt><Dt>2026-03-04</Dt></ValDt></Ntry>';
    expect(await linesOf(file(camt(entries)))).toMatchObject([{ amountCents: -885, bookingDate: '2026-03-04', valueDate: '2026-03-04' }]);
  });

  test('the Ccy of an amount defaults to the account currency', async () => {
    const entries = '<Ntry><Amt>1</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>';
    expect(await linesOf(file(camt(entries)))).toMatchObject([{ amountCents: 100, currency: 'EUR' }]);
  });

  test('a repeated bank reference gets #1, #2 so each line keeps its own identity; NOTPROVIDED is no reference', async () => {
    const ref = '<AcctSvcrRef>R-1</AcctSvcrRef>';
    const notProvided = '<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs></TxDtls></NtryDtls>';
    const entries = entry('1.00', 'CRDT', ref) + entry('1.00', 'CRDT', ref) + entry('2.00', 'CRDT', notProvided);
    expect((await linesOf(file(camt(entries)))).map((line) => line.bankReference)).toEqual(['R-1#1', 'R-1#2', null]);
  });

  test('a credit batch whose transactions have no amounts stays one line, with their texts and without structured references', async () => {
    const tx = (text: string, ref: string): string =>
      `<TxDtls><RltdPties><Dbtr><Nm>${text}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>${text}</Ustrd><Strd><CdtrRefInf><Ref>${ref}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>`;
    const entries = entry('30.00', 'CRDT', `<NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>${tx('one', '202600000192')}${tx('two', '202600000394')}</NtryDtls>`);
    expect(await linesOf(file(camt(entries)))).toMatchObject([
      { amountCents: 3000, counterpartyName: null, counterpartyIban: null, structuredReference: null, communication: 'one two' },
    ]);
  });

  test('without remittance information, the additional entry information is the communication', async () => {
    const entries = entry('1.00', 'CRDT', '<AddtlNtryInf><![CDATA[VIREMENT <SEPA> & co]]></AddtlNtryInf>');
    expect(await linesOf(file(camt(entries)))).toMatchObject([{ communication: 'VIREMENT <SEPA> & co' }]);
  });

  test('entities, character references and comments; a bare & and unknown entities stay as written', async () => {
    const entries = entry('1.00', 'CRDT', '<NtryDtls><TxDtls><RmtInf><Ustrd>a &lt;b&gt; &#233;&#x20AC; &quot;q&apos; <!-- no --> AT&T &nbsp;</Ustrd></RmtInf></TxDtls></NtryDtls>');
    expect(await linesOf(file(camt(entries)))).toMatchObject([{ communication: 'a <b> é€ "q\'  AT&T &nbsp;' }]);
  });

  test('a DOCTYPE is skipped and its entities are never expanded', async () => {
    const doc = camt(entry('1.00', 'CRDT', '<NtryDtls><TxDtls><RmtInf><Ustrd>&xxe;</Ustrd></RmtInf></TxDtls></NtryDtls>')).replace(
      '<Document',
      '<!DOCTYPE Document [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<Document',
    );
    expect(await linesOf(file(doc))).toMatchObject([{ communication: '&xxe;', sourceLine: 9 }]);
  });

  test('a byte order mark; ISO-8859-1 when the declaration says so', async () => {
    const entries = entry('1.00', 'CRDT', '<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Liège</Nm></Dbtr></RltdPties></TxDtls></NtryDtls>');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(camt(entries), 'utf8')]);
    expect(await linesOf(file(withBom))).toMatchObject([{ counterpartyName: 'Liège' }]);
    const latin1 = Buffer.from(camt(entries).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1');
    expect(await linesOf(file(latin1))).toMatchObject([{ counterpartyName: 'Liège' }]);
  });

  test('a statement without balances, and one whose balances are in another currency than its entries', async () => {
    expect(await linesOf(file(camt(entry('1.00', 'CRDT'))))).toHaveLength(1);
    const usd = camt(entry('1.00', 'CRDT'), { opening: '0.00', closing: '1.00' }).replace(/Ccy="EUR">0.00/, 'Ccy="USD">0.00');
    expect(await linesOf(file(usd))).toHaveLength(1);
  });

  test('PRCD stands in for a missing OPBD and is checked', async () => {
    const doc = camt(entry('1.00', 'CRDT'), { opening: '10.00', closing: '11.50' }).replace('<Cd>OPBD</Cd>', '<Cd>PRCD</Cd>');
    const error = await rejectionOf(file(doc));
    expect(error.problems[0]?.message).toContain('the opening balance 10.00 plus the entries 1.00 makes 11.00, but the closing balance is 11.50');
  });
});

describe('parseCamtAmount', () => {
  test.each([
    ['0', 0],
    ['8.85', 885],
    ['8.8', 880],
    ['8.', 800],
    ['.5', 50],
    ['0001210.50', 121050],
    [' 12.00 ', 1200],
    ['1.50000', 150],
    ['9999999999999.99', 999999999999999],
  ])('%s is %i cents', (text, cents) => {
    expect(parseCamtAmount(text)).toEqual({ ok: true, value: cents });
  });

  test.each(['', '.', '1.005', '1,00', '1 000.00', '-1.00', '+1.00', '1e3', '0x10', 'NaN', 'Infinity', '１２'])('%j is refused', (text) => {
    expect(parseCamtAmount(text).ok).toBe(false);
  });
});
