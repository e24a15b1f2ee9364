import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SepaBatch, type SepaPayment, renderPain001 } from '../../src/documents/sepa/pain001.js';
import { formatCents } from '../../src/money/cents.js';

/**
 * The weekly payout file (SEPA pain.001.001.03): checked against the ISO 20022 schema of
 * ../shared/refdata with xmllint, and for what the schema does not check (NbOfTxs and CtrlSum
 * against the lines, the character set, the length limits, IBAN checksums). The schema tests are
 * skipped, with the reason printed, where the refdata or xmllint is absent; the others always run.
 */
const REFDATA = fileURLToPath(new URL('../../../shared/refdata/', import.meta.url));
const XSD = join(REFDATA, 'sepa', 'pain.001.001.03.xsd');

function missingPrerequisite(): string | undefined {
  if (!existsSync(XSD)) return `${XSD} is absent (the shared refdata folder is not checked out)`;
  const version = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (version.error !== undefined || version.status !== 0) return 'xmllint is not installed (apt-get install libxml2-utils)';
  return undefined;
}

const skipReason = missingPrerequisite();
if (skipReason !== undefined) console.warn(`SEPA pain.001 schema validation skipped: ${skipReason}`);
const withSchema = skipReason === undefined ? describe : describe.skip;

/** Valid Belgian IBANs (mod 97 and the national check). */
const IBANS = ['BE68539007547034', 'BE83332253083015', 'BE71096123456769', 'BE62510007547061'] as const;

function iban(index: number): string {
  return IBANS[index % IBANS.length] ?? 'BE68539007547034';
}

function payment(index: number, overrides: Partial<SepaPayment> = {}): SepaPayment {
  return {
    endToEndId: `2026-W48-M${index + 1}`,
    creditorName: `Member ${index + 1}`,
    creditorIban: iban(index + 1),
    amountCents: 10_000 + index * 137,
    remittance: 'Salary 2026-W48 smart payout 2026-W48',
    ...overrides,
  };
}

function batch(payments: readonly SepaPayment[], overrides: Partial<SepaBatch> = {}): SepaBatch {
  return {
    messageId: 'SMART-2026-W48',
    paymentInfoId: 'SMART-2026-W48-SALA',
    createdAt: '2026-11-27T09:00:00+01:00',
    executionDate: '2026-11-27',
    debtorName: 'SMart Coop',
    debtorIban: 'BE68539007547034',
    debtorBic: 'GEBABEBB',
    categoryPurpose: 'SALA',
    payments,
    ...overrides,
  };
}

function payments(count: number): SepaPayment[] {
  return Array.from({ length: count }, (_, index) => payment(index));
}

/** Every text of an element, in document order. */
function texts(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element}(?: [^>]*)?>([^<]*)</${element}>`, 'g'))].map((match) => match[1] ?? '');
}

/** The sum of decimal amounts "123.45" in cents, with integers only. */
function centsOf(amount: string): number {
  const match = /^(\d+)\.(\d{2})$/.exec(amount);
  if (match === null) throw new Error(`not an amount with two decimals: ${amount}`);
  return Number(match[1]) * 100 + Number(match[2]);
}

/** NbOfTxs and CtrlSum of the group header and of the payment information, and the lines. */
function totals(xml: string): { counts: string[]; sums: string[]; lines: string[] } {
  return { counts: texts(xml, 'NbOfTxs'), sums: texts(xml, 'CtrlSum'), lines: texts(xml, 'InstdAmt') };
}

withSchema('pain.001.001.03 schema (xmllint)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-sepa-'));
  });
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  function validate(name: string, xml: string): void {
    const file = join(dir, `${name}.xml`);
    writeFileSync(file, xml, 'utf8');
    const result = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
    expect(result.stderr).toContain('validates');
    expect(result.status).toBe(0);
  }

  test('one payment, with category purpose SALA', () => {
    validate('one', renderPain001(batch(payments(1))));
  });

  test('a creation time as Date.toISOString writes it (milliseconds, Z)', () => {
    validate('iso-now', renderPain001(batch(payments(1), { createdAt: new Date(Date.UTC(2026, 10, 27, 8)).toISOString() })));
  });

  test('three payments, without category purpose', () => {
    const { categoryPurpose: _omitted, ...plain } = batch(payments(3));
    validate('three', renderPain001(plain));
  });

  test('names and remittance with accents, markup characters and characters outside the SEPA set', () => {
    const xml = renderPain001(
      batch([
        payment(0, { creditorName: 'Zoë Łukasz-Müller & Søn <Straße>', remittance: 'Salaire “semaine” 48 – café & crème <b>' }),
        payment(1, { creditorName: 'Ŀluís Çelik 日本 😀', remittance: '' }),
        payment(2, { creditorName: 'x'.repeat(200), remittance: 'é'.repeat(300) }),
      ], { debtorName: 'SMart Coop & Associés' }),
    );
    validate('charset', xml);
  });

  test('5,000 payments', () => {
    validate('five-thousand', renderPain001(batch(payments(5000))));
  });
});

describe('NbOfTxs and CtrlSum equal the payments', () => {
  test.each([1, 3, 5000])('%i payment(s)', (count) => {
    const list = payments(count);
    const started = performance.now();
    const xml = renderPain001(batch(list));
    const elapsed = performance.now() - started;
    if (count === 5000) console.log(`pain.001 with 5,000 payments rendered in ${elapsed.toFixed(1)} ms (${xml.length} characters)`);
    const expectedSum = list.reduce((sum, item) => sum + item.amountCents, 0);
    const { counts, sums, lines } = totals(xml);
    expect(counts).toEqual([String(count), String(count)]);
    expect(sums).toEqual([formatCents(expectedSum), formatCents(expectedSum)]);
    expect(lines).toHaveLength(count);
    expect(lines.reduce((sum, amount) => sum + centsOf(amount), 0)).toBe(expectedSum);
    expect(texts(xml, 'EndToEndId')).toEqual(list.map((item) => item.endToEndId));
  });

  test('for any 1..50 positive amounts, CtrlSum is the sum of the integer cents with two decimals', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000_000 }), { minLength: 1, maxLength: 50 }), (amounts) => {
        const xml = renderPain001(batch(amounts.map((amountCents, index) => payment(index, { amountCents }))));
        const total = amounts.reduce((sum, cents) => sum + cents, 0);
        const expected = `${Math.trunc(total / 100)}.${String(total % 100).padStart(2, '0')}`;
        const { counts, sums, lines } = totals(xml);
        expect(counts).toEqual([String(amounts.length), String(amounts.length)]);
        expect(sums).toEqual([expected, expected]);
        expect(lines.map(centsOf)).toEqual(amounts);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the content of the file', () => {
  const xml = renderPain001(batch(payments(2)));

  test('one PmtInf: TRF, batch booking, SEPA, SALA, SLEV, the co-op as debtor with its BIC', () => {
    expect(xml).toContain('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">');
    expect(texts(xml, 'PmtInfId')).toEqual(['SMART-2026-W48-SALA']);
    expect(texts(xml, 'PmtMtd')).toEqual(['TRF']);
    expect(texts(xml, 'BtchBookg')).toEqual(['true']);
    expect(xml).toMatch(/<SvcLvl>\s*<Cd>SEPA<\/Cd>\s*<\/SvcLvl>\s*<CtgyPurp>\s*<Cd>SALA<\/Cd>\s*<\/CtgyPurp>/);
    expect(texts(xml, 'ChrgBr')).toEqual(['SLEV']);
    expect(texts(xml, 'ReqdExctnDt')).toEqual(['2026-11-27']);
    expect(texts(xml, 'BIC')).toEqual(['GEBABEBB']);
    expect(texts(xml, 'IBAN')).toEqual(['BE68539007547034', iban(1), iban(2)]);
    expect(texts(xml, 'InstdAmt')).toEqual(['100.00', '101.37']);
    expect(xml).toContain('<InstdAmt Ccy="EUR">100.00</InstdAmt>');
    expect(texts(xml, 'Ustrd')).toEqual(['Salary 2026-W48 smart payout 2026-W48', 'Salary 2026-W48 smart payout 2026-W48']);
  });

  test('no creditor agent: the creditor is identified by the IBAN alone', () => {
    expect(xml).not.toContain('CdtrAgt');
    expect(xml).not.toContain('NOTPROVIDED');
  });

  test('without categoryPurpose there is no CtgyPurp', () => {
    const { categoryPurpose: _omitted, ...plain } = batch(payments(1));
    expect(renderPain001(plain)).not.toContain('CtgyPurp');
  });

  test('an IBAN typed with spaces and in lower case is written in its electronic form', () => {
    const out = renderPain001(batch([payment(0, { creditorIban: 'be83 3322 5308 3015' })]));
    expect(texts(out, 'IBAN')).toContain('BE83332253083015');
  });

  test('a blank remittance leaves RmtInf out', () => {
    const out = renderPain001(batch([payment(0, { remittance: '  ' })]));
    expect(out).not.toContain('RmtInf');
  });
});

describe('names and remittance in the SEPA character set', () => {
  const SEPA_TEXT = /^[A-Za-z0-9/\-?:().,'+ ]+$/;
  const xml = renderPain001(
    batch(
      [
        payment(0, { creditorName: 'Zoë Łukasz-Müller & Søn <Straße>', remittance: 'Salaire “semaine” 48 – café & crème <b>x</b>' }),
        payment(1, { creditorName: 'Ŀluís Çelik 日本 😀\tO’Brien', remittance: 'Ænne Ørsted ĳ ﬁn ½' }),
        payment(2, { creditorName: `Renée ${'x'.repeat(200)}`, remittance: 'é'.repeat(300) }),
      ],
      { debtorName: 'SMart Coop & Associés' },
    ),
  );

  test('accents are transliterated, other characters replaced', () => {
    const names = texts(xml, 'Nm');
    expect(names[0]).toBe('SMart Coop + Associes');
    expect(names[2]).toBe('Zoe Lukasz-Muller + Son .Strasse.');
    expect(names[3]).toBe("Lluis Celik .. . O'Brien");
    expect(texts(xml, 'Ustrd').slice(0, 2)).toEqual(["Salaire 'semaine' 48 - cafe + creme .b.x./b.", 'AEnne Orsted ij fin 1/2']);
  });

  test('& and < never appear raw, nor escaped: only SEPA characters in names and remittance', () => {
    const body = xml.replace(/^<\?xml[^>]*\?>/, '');
    expect(body).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
    expect(xml).not.toContain('&amp;');
    expect(xml).not.toContain('&lt;');
    for (const text of [...texts(xml, 'Nm'), ...texts(xml, 'Ustrd')]) expect(text).toMatch(SEPA_TEXT);
  });

  test('Nm is cut to 70 characters, Ustrd to 140', () => {
    const names = texts(xml, 'Nm');
    const remittances = texts(xml, 'Ustrd');
    expect(names[4]).toBe(`Renee ${'x'.repeat(64)}`);
    expect(remittances[2]).toBe('e'.repeat(140));
    for (const name of names) expect(name.length).toBeLessThanOrEqual(70);
    for (const text of remittances) expect(text.length).toBeLessThanOrEqual(140);
  });

  test('for any text, names and remittance stay within the set and the limits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), (name, remittance) => {
        fc.pre(/[\p{L}\p{N}]/u.test(name));
        const out = renderPain001(batch([payment(0, { creditorName: name, remittance })]));
        const [, member] = texts(out, 'Nm');
        expect(member).toMatch(SEPA_TEXT);
        expect((member ?? '').length).toBeLessThanOrEqual(70);
        for (const text of texts(out, 'Ustrd')) {
          expect(text).toMatch(SEPA_TEXT);
          expect(text.length).toBeLessThanOrEqual(140);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("a programmer's error throws", () => {
  test('an empty batch', () => {
    expect(() => renderPain001(batch([]))).toThrow(/no payment/);
  });

  test.each([0, -100, 1.5, Number.NaN, 100_000_000_000])('an amount of %p cents', (amountCents) => {
    expect(() => renderPain001(batch([payment(0, { amountCents })]))).toThrow(/amount/);
  });

  test('an invalid creditor IBAN (bad check digits), without repeating the IBAN', () => {
    expect(() => renderPain001(batch([payment(0, { creditorIban: 'BE68539007547035' })]))).toThrow(/creditor iban/);
    expect(() => renderPain001(batch([payment(0, { creditorIban: 'BE68539007547035' })]))).not.toThrow(/BE68539007547035/);
  });

  test('an invalid debtor IBAN or BIC', () => {
    expect(() => renderPain001(batch(payments(1), { debtorIban: 'BE00539007547034' }))).toThrow(/debtor iban/);
    expect(() => renderPain001(batch(payments(1), { debtorBic: 'GEBA BE' }))).toThrow(/debtor bic/);
  });

  test('identifiers outside the SEPA set, too long, or duplicated; bad dates; an empty name', () => {
    expect(() => renderPain001(batch(payments(1), { messageId: 'SMART 2026 W48' }))).toThrow(/message id/);
    expect(() => renderPain001(batch(payments(1), { messageId: 'S'.repeat(36) }))).toThrow(/message id/);
    expect(() => renderPain001(batch(payments(1), { paymentInfoId: '/SMART' }))).toThrow(/payment information id/);
    expect(() => renderPain001(batch([payment(0, { endToEndId: 'Müller' })]))).toThrow(/end-to-end id/);
    expect(() => renderPain001(batch([payment(0), payment(1, { endToEndId: '2026-W48-M1' })]))).toThrow(/used twice/);
    expect(() => renderPain001(batch(payments(1), { createdAt: '2026-11-27 09:00' }))).toThrow(/creation date-time/);
    expect(() => renderPain001(batch(payments(1), { executionDate: '2026-02-30' }))).toThrow(/execution date/);
    expect(() => renderPain001(batch([payment(0, { creditorName: ' \t ' })]))).toThrow(/creditor name/);
  });
});
