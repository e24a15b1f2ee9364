import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { BankTextDecoder } from '../../../src/bank/csv/decode.js';

/**
 * The bank reader decodes a file chunk by chunk with BankTextDecoder.decodeInto (no stream).
 * Whatever the bytes and wherever the chunks are cut, the text must be what the platform's
 * decoder gives for the whole file, with every line end made "\n".
 */
function decodeChunks(chunks: readonly Buffer[], choice: 'auto' | 'latin1' | 'utf-8'): string {
  const decoder = new BankTextDecoder(choice);
  const pieces: string[] = [];
  for (const chunk of chunks) decoder.decodeInto(chunk, false, pieces);
  decoder.decodeInto(Buffer.alloc(0), true, pieces);
  return pieces.join('');
}

function cut(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const position of at) {
    chunks.push(bytes.subarray(from, position));
    from = position;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

const lineEnds = (text: string): string => text.replace(/\r\n?/g, '\n');

/**
 * Windows-1252 from the WHATWG Encoding Standard's table, not from the platform: Node 20.18.3
 * and later decode 0x80-0x9F as ISO-8859-1 when TextDecoder.decode is called without
 * `stream: true` (nodejs/node#60888), so Node's own decoder cannot be the oracle.
 */
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const windows1252 = (bytes: Uint8Array): string => String.fromCharCode(...Array.from(bytes, (byte) => (byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_C1[byte - 0x80] ?? byte) : byte)));

const startsWithByteOrderMark = (bytes: Buffer): boolean =>
  [[0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf]].some((mark) => mark.every((byte, index) => bytes[index] === byte));

describe('BankTextDecoder.decodeInto', () => {
  test.each([
    ['UTF-16 little-endian', [0xff, 0xfe, 0x41, 0x00]],
    ['UTF-16 big-endian', [0xfe, 0xff, 0x00, 0x41]],
  ])('a file starting with a %s byte order mark is refused, whatever the mapping says', (_name, start) => {
    for (const choice of ['auto', 'latin1', 'utf-8'] as const) {
      expect(() => decodeChunks([Buffer.from(start)], choice)).toThrow(/UTF-16/);
    }
  });

  test('a UTF-8 byte order mark is dropped, and refused when the mapping says latin1', () => {
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('Café', 'utf8')]);
    expect(decodeChunks([bytes], 'auto')).toBe('Café');
    expect(() => decodeChunks([bytes], 'latin1')).toThrow(/byte order mark/);
  });


  test('ISO-8859-1 / Windows-1252 bytes, 0x80-0x9F included, cut anywhere', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), fc.array(fc.nat(), { maxLength: 5 }), (raw, cuts) => {
        // A file starting with a byte order mark is refused or read as UTF-8 (tested below): an
        // "x" in front keeps such random starts in the ISO-8859-1 property.
        const text = Buffer.from(raw.map((byte) => (byte === 0 ? 0x20 : byte)));
        const bytes = startsWithByteOrderMark(text) ? Buffer.concat([Buffer.from('x'), text]) : text;
        const expected = lineEnds(windows1252(bytes));
        expect(decodeChunks(cut(bytes, cuts), 'latin1')).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  test('UTF-8 text, cut inside characters too', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.array(fc.nat(), { maxLength: 5 }), (text, cuts) => {
        const clean = text.replace(/\0/g, ' ').replace(/^\uFEFF/, '');
        const bytes = Buffer.from(clean, 'utf8');
        expect(decodeChunks(cut(bytes, cuts), 'auto')).toBe(lineEnds(clean));
      }),
      { numRuns: 3000 },
    );
  });

  test('the text decoded before a problem is handed over with it', () => {
    const decoder = new BankTextDecoder('auto');
    const pieces: string[] = [];
    decoder.decodeInto(Buffer.from('Naam;Adres\r\nCafé;x\r\n', 'utf8'), false, pieces);
    expect(() => decoder.decodeInto(Buffer.from([0x61, 0x0a, 0x62, 0x00]), false, pieces)).toThrow(/NUL byte/);
    expect(pieces.join('')).toBe('Naam;Adres\nCafé;x\n');
  });
});
