import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addClient } from '../../src/clients/manage-clients.js';
import { addContract } from '../../src/contracts/manage-contracts.js';
import { renderUbl } from '../../src/documents/ubl/write-ubl.js';
import { creditInvoice } from '../../src/invoicing/credit-invoice.js';
import { loadInvoiceDocument } from '../../src/invoicing/invoice-document.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { addMember } from '../../src/members/add-member.js';
import type { MemberDraft } from '../../src/members/member.js';
import { ARTIST_ADA } from '../helpers/invoicing-fixture.js';
import { type TempBook, createTempBook, testContext } from '../helpers/temp-book.js';

/**
 * Every VAT treatment `smart` invoices, built through the real use cases on a temporary book,
 * exported to UBL and checked against the official Peppol validation artefacts of
 * ../shared/refdata: the UBL 2.1 schema (xmllint) and the two Schematron rule sets, EN 16931
 * and Peppol (Saxon). Saxon takes seconds to start, so each rule set runs once over a folder of
 * all the documents. Skipped, with the reason printed, where the refdata or the tools are absent.
 */
const REFDATA = fileURLToPath(new URL('../../../shared/refdata/', import.meta.url));
const PEPPOL = join(REFDATA, 'peppol');
const INVOICE_XSD = join(PEPPOL, 'ubl-2.1-xsd', 'maindoc', 'UBL-Invoice-2.1.xsd');
const CREDIT_NOTE_XSD = join(PEPPOL, 'ubl-2.1-xsd', 'maindoc', 'UBL-CreditNote-2.1.xsd');
const RULE_SETS = {
  cen: join(PEPPOL, 'validation-2026.5', 'CEN-EN16931-UBL.xslt'),
  peppol: join(PEPPOL, 'validation-2026.5', 'PEPPOL-EN16931-UBL.xslt'),
} as const;
type RuleSet = keyof typeof RULE_SETS;
const SAXON_JAR = '/usr/share/java/Saxon-HE.jar';

function runs(command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.error === undefined && result.status === 0;
}

function missingPrerequisite(): string | undefined {
  for (const path of [INVOICE_XSD, CREDIT_NOTE_XSD, RULE_SETS.cen, RULE_SETS.peppol]) {
    if (!existsSync(path)) return `${path} is absent (the shared refdata folder is not checked out)`;
  }
  if (!runs('xmllint', ['--version'])) return 'xmllint is not installed (apt-get install libxml2-utils)';
  if (!runs('java', ['-version'])) return 'java is not installed';
  if (!existsSync(SAXON_JAR)) return `${SAXON_JAR} is absent (apt-get install libsaxonhe-java)`;
  return undefined;
}

const skipReason = missingPrerequisite();
if (skipReason !== undefined) console.warn(`Peppol UBL validation skipped: ${skipReason}`);
const maybe = skipReason === undefined ? describe : describe.skip;

const MEMBER: MemberDraft = ARTIST_ADA;

interface Case {
  readonly kind: 'invoice' | 'credit-note';
  readonly file: string;
}

/** The documents that must pass every rule (kept in the order they are built). */
const CASES = [
  'invoice 21 %, Belgian client by VAT number',
  'invoice 6 %, client with a Peppol id, price per day with more decimals',
  'invoice 0 % (Z)',
  'reverse charge (AE), French client',
  'reverse charge (AE), Dutch client',
  'export (G), Swiss client',
  'exempt (E)',
  'full credit note',
  'partial credit note',
  'credit note of what is left after a partial one',
] as const;
type CaseName = (typeof CASES)[number];
const PRIVATE_PERSON = 'private person without VAT number (EN 16931 only)';

interface Failure {
  readonly id: string;
  readonly text: string;
}

function failedAsserts(svrl: string): Failure[] {
  const failures: Failure[] = [];
  for (const match of svrl.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)) {
    const attributes = match[1] ?? '';
    if (!/\bflag="fatal"/.test(attributes)) continue;
    const id = /\bid="([^"]*)"/.exec(attributes)?.[1] ?? '?';
    const text = (/<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(match[2] ?? '')?.[1] ?? '').replace(/\s+/g, ' ').trim();
    failures.push({ id, text });
  }
  return failures;
}

/** The count the refdata README prescribes (XPath, not grep: attributes may span lines). */
function fatalCount(svrlFile: string): number {
  const result = spawnSync('xmllint', ['--xpath', 'count(//*[local-name()="failed-assert"][@flag="fatal"])', svrlFile], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`xmllint could not read ${svrlFile}: ${result.stderr}`);
  return Number(result.stdout.trim());
}

maybe('Peppol BIS Billing 3.0: the UBL export passes the schema and both rule sets', () => {
  let temp: TempBook;
  let xmlDir: string;
  const cases = new Map<string, Case>();
  const schemaOutput = new Map<string, string>();

  function save(name: string, number: string): void {
    const document = loadInvoiceDocument(temp.book, number);
    const file = `${String(cases.size + 1).padStart(2, '0')}-${number}.xml`;
    writeFileSync(join(xmlDir, file), renderUbl(document));
    cases.set(name, { kind: document.invoice.kind, file });
  }

  function buildDocuments(): void {
    const context = testContext();
    const { book } = temp;
    const member = addMember(book, context, MEMBER).member;
    const client = (values: Record<string, string>): number => addClient(book, context, values).client.id;
    const invoice = (clientId: number, description: string, contract: { amount: string; days: string; vatRate?: string; vatRegime?: string }): string => {
      const added = addContract(book, context, { memberId: member.id, clientId, description, start: '2026-10-05', end: '2026-10-09', ...contract }).contract;
      return issueInvoice(book, context, { contractId: added.id, date: '2026-11-23' }).invoice.number;
    };

    const belgian = client({ name: 'Théâtre de la Balsamine ASBL', address: 'Avenue Félix Marchal 1, 1030 Schaerbeek', country: 'BE', vatNumber: 'BE0403170701', email: 'factures@balsamine.example' });
    const withPeppolId = client({ name: 'Ateliers Claus SRL', address: 'Rue de la Loi 200, 1040 Etterbeek', country: 'BE', vatNumber: 'BE0477000072', peppolId: '0208:0477000072' });
    const french = client({ name: 'Compagnie du Soleil SARL', address: '12 rue de Rivoli, 75001 Paris', country: 'FR', vatNumber: 'FR40303265045' });
    const dutch = client({ name: 'Stichting Podium Noord', address: 'Damrak 1, 1012 LG Amsterdam', country: 'NL', vatNumber: 'NL004495445B01' });
    const swiss = client({ name: 'Festival de la Cité SA', address: 'Place de la Palud 2, 1003 Lausanne', country: 'CH', peppolId: '0183:CHE109322551' });
    const school = client({ name: 'Ecole de musique de Namur', address: 'Rue Godefroid 20, 5000 Namur', country: 'BE', vatNumber: 'BE0441717313' });
    const person = client({ name: 'Marie Dubois', address: 'Rue des Tanneurs 5, 1000 Bruxelles', country: 'BE', email: 'marie.dubois@example.be' });

    const normal = invoice(belgian, 'Stage lighting, 5 days', { amount: '1000.00', days: '5', vatRate: '21' });
    save(CASES[0], normal);
    const sixPercent = invoice(withPeppolId, 'Concert performance & rehearsals', { amount: '1000.00', days: '3', vatRate: '6' });
    save(CASES[1], sixPercent);
    save(CASES[2], invoice(belgian, 'Printed programme design', { amount: '450.00', days: '2', vatRate: '0' }));
    save(CASES[3], invoice(french, 'Tour management in France', { amount: '2400.00', days: '6', vatRegime: 'reverse-charge' }));
    save(CASES[4], invoice(dutch, 'Sound design <Noord> festival', { amount: '777.77', days: '7', vatRegime: 'reverse-charge' }));
    save(CASES[5], invoice(swiss, 'Video editing', { amount: '3000.00', days: '9', vatRegime: 'export' }));
    save(CASES[6], invoice(school, 'Music lessons', { amount: '600.00', days: '4', vatRegime: 'exempt' }));
    save(CASES[7], creditInvoice(book, context, { number: normal, reason: 'Performance cancelled', date: '2026-11-23' }).creditNote.number);
    const halves = invoice(belgian, 'Set building', { amount: '1002.50', days: '2', vatRate: '21' });
    save(CASES[8], creditInvoice(book, context, { number: halves, reason: 'One day not worked', amountCents: 50125, date: '2026-11-23' }).creditNote.number);
    save(CASES[9], creditInvoice(book, context, { number: halves, reason: 'Set never delivered', date: '2026-11-23' }).creditNote.number);
    save(PRIVATE_PERSON, invoice(person, 'Portrait photography', { amount: '250.00', days: '1', vatRate: '21' }));
  }

  function validateSchemas(): void {
    for (const [kind, xsd] of [['invoice', INVOICE_XSD], ['credit-note', CREDIT_NOTE_XSD]] as const) {
      const files = [...cases.values()].filter((entry) => entry.kind === kind).map((entry) => entry.file);
      const result = spawnSync('xmllint', ['--noout', '--schema', xsd, ...files], { cwd: xmlDir, encoding: 'utf8' });
      // xmllint reports "FILE validates", or the errors and "FILE fails to validate", on stderr.
      for (const file of files) schemaOutput.set(file, result.stderr.split('\n').filter((line) => line.startsWith(file)).join('\n'));
    }
  }

  function runRuleSets(): void {
    for (const [ruleSet, xslt] of Object.entries(RULE_SETS)) {
      const out = join(temp.dir, ruleSet);
      mkdirSync(out);
      const result = spawnSync('java', ['-cp', SAXON_JAR, 'net.sf.saxon.Transform', `-s:${xmlDir}`, `-xsl:${xslt}`, `-o:${out}`], { encoding: 'utf8', timeout: 120_000 });
      if (result.status !== 0) throw new Error(`Saxon failed on ${ruleSet}: ${result.stderr || String(result.error)}`);
    }
  }

  function svrlOf(name: string, ruleSet: RuleSet): { file: string; failures: Failure[] } {
    const entry = cases.get(name);
    if (entry === undefined) throw new Error(`no document for ${name}`);
    const file = join(temp.dir, ruleSet, entry.file);
    return { file, failures: failedAsserts(readFileSync(file, 'utf8')) };
  }

  beforeAll(() => {
    temp = createTempBook();
    xmlDir = join(temp.dir, 'ubl');
    mkdirSync(xmlDir);
    buildDocuments();
    validateSchemas();
    runRuleSets();
  }, 180_000);

  afterAll(() => {
    // SMART_KEEP_UBL=1 keeps the documents and the SVRL reports to look at.
    if (process.env.SMART_KEEP_UBL === undefined) temp.cleanup();
    else console.warn(`UBL documents and SVRL reports kept in ${temp.dir}`);
  });

  test.each(CASES)('%s: valid against the UBL 2.1 schema', (name) => {
    const entry = cases.get(name);
    expect(entry).toBeDefined();
    expect(schemaOutput.get(entry?.file ?? '')).toBe(`${entry?.file ?? ''} validates`);
  });

  test.each(CASES.flatMap((name) => (['cen', 'peppol'] as const).map((ruleSet) => [name, ruleSet] as [CaseName, RuleSet])))(
    '%s: no fatal %s rule fails',
    (name, ruleSet) => {
      const { file, failures } = svrlOf(name, ruleSet);
      // The ids and texts are in the comparison so that a failure shows what is wrong.
      expect(failures).toEqual([]);
      expect(fatalCount(file)).toBe(0);
    },
  );

  test('a private person (no VAT number, no Peppol id) gets an e-mail address: valid EN 16931, refused by Peppol only for that', () => {
    const entry = cases.get(PRIVATE_PERSON);
    expect(schemaOutput.get(entry?.file ?? '')).toBe(`${entry?.file ?? ''} validates`);
    expect(svrlOf(PRIVATE_PERSON, 'cen').failures).toEqual([]);
    expect(svrlOf(PRIVATE_PERSON, 'peppol').failures.map((failure) => failure.id)).toEqual(['PEPPOL-EN16931-CL008']);
    expect(readFileSync(join(xmlDir, entry?.file ?? ''), 'utf8')).toContain('<cbc:EndpointID schemeID="EM">marie.dubois@example.be</cbc:EndpointID>');
  });

  test('the credit note of what is left carries the VAT actually left, one cent more than the VAT of its amount', () => {
    const entry = cases.get(CASES[9]);
    const xml = readFileSync(join(xmlDir, entry?.file ?? ''), 'utf8');
    // 1,002.50 at 21 % = 210.53; the partial credit of 501.25 took 105.26; 105.27 is left.
    expect(xml).toContain('<cbc:TaxAmount currencyID="EUR">105.27</cbc:TaxAmount>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">606.52</cbc:PayableAmount>');
  });
});
