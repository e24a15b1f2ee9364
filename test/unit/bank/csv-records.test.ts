import { describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CsvRecordError, CsvRecordSplitter } from '../../../src/bank/csv/csv-records.js';

/**
 * The bank reader's CSV splitter must split records exactly as csv-parse did with the options
 * the reader gave it (it replaced csv-parse for speed): the same records, the same errors, and
 * the same result however the text is cut into pieces. csv-parse itself is the oracle here.
 */
type Outcome = { records: string[][]; error?: string };

function oracle(text: string, delimiter: string, maxRecordSize: number): Outcome {
  try {
    const records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: maxRecordSize }) as string[][];
    return { records };
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    return { records: [], error: code };
  }
}

function split(pieces: readonly string[], delimiter: string, maxRecordSize: number): Outcome {
  const splitter = new CsvRecordSplitter(delimiter, maxRecordSize);
  const records: string[][] = [];
  const spans: number[] = [];
  try {
    for (const piece of pieces) splitter.push(piece, records, spans);
    splitter.end(records, spans);
    // Each record spans its own line and one more for each line break quoted in it.
    expect(spans).toEqual(records.map((record) => 1 + record.join('').split('\n').length - 1));
    return { records };
  } catch (error) {
    if (!(error instanceof CsvRecordError)) throw error;
    // csv-parse/sync returns nothing on an error: compare the error alone.
    return { records: [], error: error.code };
  }
}

/** The text cut at the given positions. */
function cut(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const position of at) {
    pieces.push(text.slice(from, position));
    from = position;
  }
  pieces.push(text.slice(from));
  return pieces;
}

const DELIMITERS = [';', ',', '\t'];

describe('CsvRecordSplitter, against csv-parse', () => {
  test('bank lines as the banks write them', () => {
    const text = 'Rekening;Datum;Bedrag\nBE71 0961 2345 6769;01/02/2026;-9,66\n"BE71";"quoted; with delimiter";"12,00"\n\n"a ""quote"" inside";x"y;"multi\nline"\nlast;line';
    expect(split([text], ';', 100_000)).toEqual(oracle(text, ';', 100_000));
    expect(split([text], ';', 100_000).records).toContainEqual(['a "quote" inside', 'x"y', 'multi\nline']);
  });

  test('the quirks of relax_quotes: a quote closed too early is put back', () => {
    for (const text of ['"abc"def;g\n', '""x;y', '"a"b"c";d', '"""";x', '"a""";x', '"', '"abc', 'a;"b\nc', '";";"\n"\n']) {
      expect({ text, ...split([text], ';', 100_000) }).toEqual({ text, ...oracle(text, ';', 100_000) });
    }
  });

  test('any text over a small alphabet, cut anywhere, gives what csv-parse gives', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', ';', ',', '\t', '"', '"', '\n', '\n', 'é', '€', '😀');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((chars) => chars.join('')),
        fc.constantFrom(...DELIMITERS),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(3, 5, 8, 13, 40, 100_000),
        (text, delimiter, cuts, maxRecordSize) => {
          const expected = oracle(text, delimiter, maxRecordSize);
          expect(split([text], delimiter, maxRecordSize)).toEqual(expected);
          expect(split(cut(text, cuts), delimiter, maxRecordSize)).toEqual(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });

  test('long lines: the record size limit falls where csv-parse puts it, in bytes of the last field', () => {
    for (const filler of ['a', 'é', '€', '😀']) {
      for (let size = 20; size <= 40; size += 1) {
        const text = `x;${filler.repeat(Math.ceil(size / filler.length))}\ny\n`;
        expect({ filler, size, ...split([text], ';', 30) }).toEqual({ filler, size, ...oracle(text, ';', 30) });
      }
    }
  });

  test('records before an error are handed over before it is thrown', () => {
    const splitter = new CsvRecordSplitter(';', 10);
    const records: string[][] = [];
    expect(() => splitter.push('a;b\nc;d\nthis line is far too long\n', records)).toThrow(CsvRecordError);
    expect(records).toEqual([['a', 'b'], ['c', 'd']]);
  });

  test('a record that spans many pieces is carried from piece to piece', () => {
    const splitter = new CsvRecordSplitter(';', 100_000);
    const records: string[][] = [];
    splitter.push('head\n"quoted', records);
    for (let index = 0; index < 50; index += 1) splitter.push(';'.repeat(1000), records);
    splitter.push('";b', records);
    for (let index = 0; index < 100; index += 1) splitter.push(';', records);
    splitter.end(records);
    expect(records).toHaveLength(2);
    expect(records[1]?.[0]).toBe(`quoted${';'.repeat(50_000)}`);
    expect(records[1]).toHaveLength(2 + 100);
  });
});
