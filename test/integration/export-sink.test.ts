import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openExportSink } from '../../src/exports/export-sink.js';
import { type ExportCell, exportTable } from '../../src/exports/table-export.js';
import { tempDir } from '../helpers/temp-book.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

const COLUMNS = [
  { name: 'n', kind: 'integer' as const },
  { name: 'amount', kind: 'money' as const, total: true },
];

function* manyRows(count: number, failAt?: number): Generator<ExportCell[]> {
  for (let n = 1; n <= count; n += 1) {
    if (n === failAt) throw new Error('the book went away');
    yield [n, n];
  }
}

describe('the export file', () => {
  test('appears whole, mode 0600, only once complete; no temporary file is left', async () => {
    const path = join(dir, 'out.csv');
    const sink = await openExportSink(path, false, process.stdout);
    const result = await exportTable(sink, { columns: COLUMNS, rows: manyRows(50_000) }, { excel: false });
    expect(result.rows).toBe(50_000);
    expect(result.totals).toEqual([{ column: 'amount', cents: (50_000 * 50_001) / 2 }]);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(50_001);
    expect(lines[50_000]).toBe('50000,500.00');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(result.bytes).toBe(statSync(path).size);
  });

  test('a failure half way leaves neither the file nor its temporary', async () => {
    const path = join(dir, 'out.csv');
    const sink = await openExportSink(path, false, process.stdout);
    await expect(exportTable(sink, { columns: COLUMNS, rows: manyRows(100_000, 60_000) }, { excel: false })).rejects.toThrow('the book went away');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an existing file is refused before anything is written, and replaced whole with force', async () => {
    const path = join(dir, 'out.csv');
    writeFileSync(path, 'precious');
    await expect(openExportSink(path, false, process.stdout)).rejects.toThrow(/already exists.*/);
    expect(readFileSync(path, 'utf8')).toBe('precious');
    const sink = await openExportSink(path, true, process.stdout);
    await exportTable(sink, { columns: COLUMNS, rows: manyRows(2) }, { excel: false });
    expect(readFileSync(path, 'utf8')).toBe('n,amount\r\n1,0.01\r\n2,0.02\r\n');
  });

  test('a missing folder is refused before anything is read', async () => {
    await expect(openExportSink(join(dir, 'nope', 'out.csv'), false, process.stdout)).rejects.toThrow(/does not exist/);
  });

  test('to stdout: every row arrives, in order, through a slow reader', async () => {
    const out = new PassThrough({ highWaterMark: 1024 });
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const sink = await openExportSink(undefined, false, out);
    const result = await exportTable(sink, { columns: COLUMNS, rows: manyRows(20_000) }, { excel: false });
    expect(sink.path).toBeNull();
    const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(20_001);
    expect(lines[1]).toBe('1,0.01');
    expect(lines[20_000]).toBe('20000,200.00');
    expect(result.bytes).toBe(Buffer.concat(chunks).length);
  });
});
