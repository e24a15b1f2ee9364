import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { type EncodingChoice, BankTextDecodeError, createDecodeStream, decodeHead, sniffEncoding } from '../../../src/bank/csv/decode.js';
import { HEAD_BYTES, detectCsvFormat } from '../../../src/bank/csv/detect-csv-format.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/bank/', import.meta.url));
const fixture = (name: string): Buffer => readFileSync(`${FIXTURES}${name}`);

/** Runs bytes through the decoder in the given chunks; the text and what it was read as. */
async function decode(chunks: readonly Buffer[], choice: EncodingChoice = 'auto'): Promise<{ text: string; encoding: string | undefined }> {
  const decoder = createDecodeStream(choice);
  const parts: string[] = [];
  const done = new Promise<void>((resolve, reject) => {
    decoder.on('data', (part: Buffer) => parts.push(part.toString('utf8')));
    decoder.on('end', resolve);
    decoder.on('error', reject);
  });
  Readable.from(chunks).pipe(decoder);
  await done;
  return { text: parts.join(''), encoding: decoder.encoding };
}

function inChunks(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
  return chunks;
}

const LATIN1 = Buffer.from('Naam;Adres\r\nThéâtre National;Boulevard Émile Jacqmain\r\nCafé De Zwaan;Cloître\r\n', 'latin1');
const UTF8 = Buffer.from('Naam;Adres\r\nThéâtre National;Boulevard Émile Jacqmain\r\nCafé De Zwaan;Cloître €\r\n', 'utf8');

describe('decoding bank CSV bytes', () => {
  test('ISO-8859-1 accents come out right, line ends become "\\n"', async () => {
    expect(await decode([LATIN1])).toEqual({
      text: 'Naam;Adres\nThéâtre National;Boulevard Émile Jacqmain\nCafé De Zwaan;Cloître\n',
      encoding: 'windows-1252',
    });
  });

  test('UTF-8 is recognised and a BOM dropped', async () => {
    const expected = 'Naam;Adres\nThéâtre National;Boulevard Émile Jacqmain\nCafé De Zwaan;Cloître €\n';
    expect(await decode([UTF8])).toEqual({ text: expected, encoding: 'utf-8' });
    expect(await decode([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), UTF8])])).toEqual({ text: expected, encoding: 'utf-8' });
  });

  test('Windows-1252 characters of ISO-8859-1 exports (€ is 0x80)', async () => {
    expect((await decode([Buffer.from([0x80, 0x20, 0x31, 0x30, 0x0a, 0xe9])])).text).toBe('€ 10\né');
  });

  test('any chunking gives the same text: characters, BOM and "\\r\\n" cut between chunks', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), UTF8]);
    const whole = { latin1: await decode([LATIN1]), utf8: await decode([withBom]) };
    for (const size of [1, 2, 3, 5, 7]) {
      expect(await decode(inChunks(LATIN1, size))).toEqual(whole.latin1);
      expect(await decode(inChunks(withBom, size))).toEqual(whole.utf8);
    }
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), async (sizes) => {
        const chunks: Buffer[] = [];
        let start = 0;
        for (let index = 0; start < UTF8.length; index += 1) {
          const size = sizes[index % sizes.length] ?? 1;
          chunks.push(UTF8.subarray(start, start + size));
          start += size;
        }
        expect((await decode(chunks)).text).toBe(whole.utf8.text);
      }),
      { numRuns: 200 },
    );
  });

  test('KBC\'s lone "\\r" line ends, and blank lines kept as such', async () => {
    expect((await decode([Buffer.from('a;b\r1;2\r\r3;4\r', 'latin1')])).text).toBe('a;b\n1;2\n\n3;4\n');
    expect((await decode([Buffer.from('a\r', 'latin1'), Buffer.from('\n\nb', 'latin1')])).text).toBe('a\n\nb');
  });

  test('a file that turns from UTF-8 into ISO-8859-1 is refused with the line', async () => {
    const mixed = [Buffer.from('Naam\nCafé\n', 'utf8'), Buffer.from('Zoë\nThéâtre\n', 'latin1')];
    await expect(decode(mixed)).rejects.toThrow(BankTextDecodeError);
    await expect(decode(mixed)).rejects.toMatchObject({ line: 3, message: expect.stringMatching(/mixes two encodings/) });
  });

  test('NUL bytes and UTF-16 are refused', async () => {
    await expect(decode([Buffer.from('a;b\n1;2\n'), Buffer.from([0x33, 0x00, 0x34])])).rejects.toMatchObject({ line: 3, message: expect.stringMatching(/binary data/) });
    await expect(decode([Buffer.from([0xff, 0xfe, 0x61, 0x00])])).rejects.toMatchObject({ line: 1, message: expect.stringMatching(/UTF-16/) });
  });

  test('a mapping can force the encoding', async () => {
    expect((await decode([LATIN1], 'latin1')).text).toContain('Théâtre');
    expect((await decode([UTF8], 'latin1')).text).toContain('ThÃ©Ã¢tre');
    await expect(decode([LATIN1], 'utf-8')).rejects.toMatchObject({ line: 2, message: expect.stringMatching(/not valid UTF-8/) });
    await expect(decode([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), UTF8])], 'latin1')).rejects.toThrow(/byte order mark/);
  });

  test('sniffEncoding and decodeHead', () => {
    expect(sniffEncoding(LATIN1)).toEqual({ encoding: 'windows-1252', bom: false });
    expect(sniffEncoding(UTF8)).toEqual({ encoding: 'utf-8', bom: false });
    expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', bom: true });
    // A head cut in the middle of a character is still UTF-8.
    const cut = UTF8.subarray(0, UTF8.indexOf(Buffer.from('é', 'utf8')) + 1);
    expect(sniffEncoding(cut).encoding).toBe('utf-8');
    expect(decodeHead(cut)).toBe('Naam;Adres\r\nTh');
  });
});

describe('detectCsvFormat', () => {
  test.each([
    ['kbc.csv', 'kbc'],
    ['kbc-bad-rows.csv', 'kbc'],
    ['bnp-paribas-fortis.csv', 'bnp'],
    ['bnp-paribas-fortis-old.csv', 'bnp'],
    ['belfius.csv', 'belfius'],
    ['ing.csv', 'ing'],
    ['argenta.csv', 'argenta'],
    ['argenta-fr.csv', 'argenta'],
    ['generic.csv', undefined],
  ])('%s is %p', (name, format) => {
    expect(detectCsvFormat(fixture(name).subarray(0, HEAD_BYTES))).toBe(format);
  });

  test('the header alone is enough, in any capitalisation, quoted, or after a preamble', () => {
    const kbcEnglish = "Account number;Heading;Name;Currency;Statement number;Date;Description;Value date;Amount;Balance;credit;debit;counterparty's account number;Counterparty BIC;Counterparty name;Counterparty address;standard-format reference;Free-format reference";
    expect(detectCsvFormat(Buffer.from(kbcEnglish))).toBe('kbc');
    expect(detectCsvFormat(Buffer.from('REKENINGNUMMER;RUBRIEKNAAM;NAAM;MUNT;AFSCHRIFTNUMMER;DATUM;OMSCHRIJVING;VALUTA;BEDRAG;SALDO'))).toBe('kbc');
    expect(detectCsvFormat(Buffer.from('"Volgnummer";"Uitvoeringsdatum";"Valutadatum";"Bedrag";"Valuta rekening"\r\n'))).toBe('bnp');
    expect(detectCsvFormat(Buffer.from('Rekening;Boekingsdatum;Afschriftnummer;Transactienummer;Rekening tegenpartij;Naam tegenpartij bevat;Bedrag'))).toBe('belfius');
    expect(detectCsvFormat(Buffer.from('Rekeningnummer\tNaam van de rekening\tRekening tegenpartij\tOmzetnummer\tBoekingsdatum\tValutadatum\tBedrag'))).toBe('ing');
  });

  test('nothing for other CSV files, text, or nothing', () => {
    expect(detectCsvFormat(Buffer.from('Date,Amount,Description\n2026-01-01,10.00,x\n'))).toBeUndefined();
    expect(detectCsvFormat(Buffer.from('Rekening;Bedrag\n'))).toBeUndefined();
    expect(detectCsvFormat(Buffer.alloc(0))).toBeUndefined();
  });
});
