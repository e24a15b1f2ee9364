import { describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { ExportSink } from '../../../src/exports/export-sink.js';
import { type ExportCell, type ExportColumn, exportTable, formatCell } from '../../../src/exports/table-export.js';

/** A sink that keeps what it is given, to read the export back. */
function memorySink(): ExportSink & { text(): string; committed: boolean; aborted: boolean } {
  let text = '';
  const sink = {
    path: null,
    committed: false,
    aborted: false,
    text: () => text,
    async write(piece: string) {
      text += piece;
    },
    async commit() {
      sink.committed = true;
      return Buffer.byteLength(text);
    },
    async abort() {
      sink.aborted = true;
    },
  };
  return sink;
}

const COLUMNS: readonly ExportColumn[] = [
  { name: 'member', kind: 'integer' },
  { name: 'name', kind: 'text' },
  { name: 'date', kind: 'date' },
  { name: 'gross', kind: 'money', total: true },
  { name: 'net', kind: 'money', total: true },
  { name: 'note', kind: 'money' },
];

describe('formatCell', () => {
  test('money is written as a number with two decimals, a comma for Excel, negatives stay numbers', () => {
    expect(formatCell('money', 121000, { excel: false })).toBe('1210.00');
    expect(formatCell('money', 121000, { excel: true })).toBe('1210,00');
    expect(formatCell('money', -320, { excel: false })).toBe('-3.20');
    expect(formatCell('money', 5, { excel: true })).toBe('0,05');
  });

  test('text a spreadsheet would run as a formula is made inert; other text is untouched', () => {
    expect(formatCell('text', '=HYPERLINK("http://x","y")', { excel: false })).toBe('\'=HYPERLINK("http://x","y")');
    for (const start of ['+', '-', '@', '\t', '\r']) expect(formatCell('text', `${start}1`, { excel: true })).toBe(`'${start}1`);
    expect(formatCell('text', 'Ada Peeters', { excel: false })).toBe('Ada Peeters');
    expect(formatCell('text', null, { excel: false })).toBe('');
  });

  test('a money cell that is not whole cents is a bug, not a rounded figure', () => {
    expect(() => formatCell('money', 12.5, { excel: false })).toThrow(/whole number of cents/);
  });
});

describe('exportTable', () => {
  test('RFC 4180: header, comma, CRLF, quoted cells, no BOM; totals of the marked columns', async () => {
    const sink = memorySink();
    const result = await exportTable(sink, { columns: COLUMNS, rows: [[1, 'Peeters, Ada', '2026-11-27', 72075, 62655, 1], [2, 'Bram "B" J', '2026-11-27', 100, -5, 2]] }, { excel: false });
    expect(sink.text()).toBe('member,name,date,gross,net,note\r\n1,"Peeters, Ada",2026-11-27,720.75,626.55,0.01\r\n2,"Bram ""B"" J",2026-11-27,1.00,-0.05,0.02\r\n');
    expect(result.rows).toBe(2);
    expect(result.totals).toEqual([{ column: 'gross', cents: 72175 }, { column: 'net', cents: 62650 }]);
    expect(sink.committed).toBe(true);
  });

  test('--excel: a UTF-8 BOM, semicolons and decimal commas', async () => {
    const sink = memorySink();
    await exportTable(sink, { columns: COLUMNS, rows: [[1, 'Inès', '2026-11-27', 72075, 62655, null]] }, { excel: true });
    expect(sink.text()).toBe('\uFEFFmember;name;date;gross;net;note\r\n1;Inès;2026-11-27;720,75;626,55;\r\n');
  });

  test('a failure while reading rows aborts the sink: nothing is committed', async () => {
    const sink = memorySink();
    function* rows(): Generator<ExportCell[]> {
      yield [1, 'a', '2026-01-01', 1, 1, 1];
      throw new Error('disk gone');
    }
    await expect(exportTable(sink, { columns: COLUMNS, rows: rows() }, { excel: false })).rejects.toThrow('disk gone');
    expect(sink.committed).toBe(false);
    expect(sink.aborted).toBe(true);
  });

  test('property: any rows read back with csv-parse give the same cells, formulas made inert, totals exact', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 });
    const cents = fc.integer({ min: -10_000_000_00, max: 10_000_000_00 });
    const row = fc.tuple(fc.nat({ max: 999_999 }), text, cents, cents);
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 30 }), fc.boolean(), async (rows, excel) => {
        const sink = memorySink();
        const columns: ExportColumn[] = [
          { name: 'member', kind: 'integer' },
          { name: 'name', kind: 'text' },
          { name: 'gross', kind: 'money', total: true },
          { name: 'net', kind: 'money', total: true },
        ];
        const result = await exportTable(sink, { columns, rows }, { excel });
        const body = excel ? sink.text().slice(1) : sink.text();
        const parsed = parse(body, { delimiter: excel ? ';' : ',', relax_column_count: false }) as string[][];
        expect(parsed[0]).toEqual(['member', 'name', 'gross', 'net']);
        expect(parsed).toHaveLength(rows.length + 1);
        let gross = 0n;
        let net = 0n;
        rows.forEach(([member, name, g, n], index) => {
          const cells = parsed[index + 1]!;
          expect(cells[0]).toBe(String(member));
          expect(cells[1]).toBe(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
          // Back to cents through strings only: no float touches the amounts.
          const toCents = (cell: string): bigint => BigInt(cell.replace(excel ? ',' : '.', ''));
          expect(toCents(cells[2]!)).toBe(BigInt(g));
          expect(toCents(cells[3]!)).toBe(BigInt(n));
          gross += BigInt(g);
          net += BigInt(n);
        });
        expect(result.totals.map((total) => BigInt(total.cents))).toEqual([gross, net]);
      }),
      { numRuns: 200 },
    );
  });
});
