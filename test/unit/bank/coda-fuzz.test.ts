import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCoda } from '../../../src/bank/coda/read-coda.js';
import { SmartError } from '../../../src/errors.js';

/**
 * Whatever bytes it is given, the CODA reader either yields lines with whole-cent amounts or
 * rejects the file with a SmartError (a message for the user, never a stack trace).
 */
const fixtures = fileURLToPath(new URL('../../../fixtures/bank/coda/', import.meta.url));
const statement = readFileSync(join(fixtures, 'statement.cod'));
const records = statement.toString('latin1').split('\r\n').filter((record) => record !== '');

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'smart-coda-fuzz-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

let runs = 0;
async function outcome(bytes: Uint8Array, chunkBytes: number): Promise<'read' | 'rejected'> {
  runs += 1;
  const path = join(scratch, `fuzz-${runs}.cod`);
  writeFileSync(path, bytes);
  try {
    for await (const line of readCoda(path, { chunkBytes })) {
      if (!Number.isSafeInteger(line.amountCents)) throw new Error(`a non-integer amount: ${String(line.amountCents)}`);
      expect(typeof line.bookingDate).toBe('string');
    }
    return 'read';
  } catch (error) {
    if (error instanceof SmartError && error.kind === 'invalid-input') {
      expect(error.message).not.toMatch(/\n\s+at /);
      return 'rejected';
    }
    throw error;
  } finally {
    rmSync(path, { force: true });
  }
}

const chunk = fc.constantFrom(1, 13, 128, 4096, 65536);
/** Whole fixtures are larger: tiny chunks there only slow the test down (chunking has its own tests). */
const largeChunk = fc.constantFrom(61, 128, 4096, 65536);

describe('random input never makes the CODA reader fail with anything but a SmartError', () => {
  test('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), chunk, async (bytes, chunkBytes) => {
        expect(await outcome(bytes, chunkBytes)).toBe('rejected');
      }),
      { numRuns: 300 },
    );
  });

  test('random 128-character records of every type, in random order', async () => {
    const character = fc.constantFrom(...'0123456789 0000000  ABZ-/+é1'.split(''));
    const record = fc.tuple(fc.constantFrom('0', '1', '21', '22', '23', '31', '32', '4 ', '8', '9', '7'), fc.array(character, { minLength: 130, maxLength: 130 }))
      .map(([type, rest]) => (type + rest.join('')).slice(0, 128));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(record, fc.constantFrom(...records)), { maxLength: 40 }), largeChunk, async (lines, chunkBytes) => {
        await outcome(Buffer.from(lines.join('\r\n'), 'latin1'), chunkBytes);
      }),
      { numRuns: 500 },
    );
  });

  test('the fixture with fields changed in place, records dropped, repeated or swapped', async () => {
    const edit = fc.record({
      line: fc.nat(),
      at: fc.integer({ min: 1, max: 128 }),
      text: fc.constantFrom('0', '1', '2', '9', ' ', 'X', '00', '0000', '99', '000000000000000', '999999999999990', '010170', '311299', '101'),
      kind: fc.constantFrom('put', 'drop', 'repeat', 'swap'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 5 }), largeChunk, async (edits, chunkBytes) => {
        const lines = [...records];
        for (const { line, at, text, kind } of edits) {
          const index = line % lines.length;
          const current = lines[index] ?? '';
          if (kind === 'put') lines[index] = (current.slice(0, at - 1) + text + current.slice(at - 1 + text.length)).slice(0, 128);
          else if (kind === 'drop') lines.splice(index, 1);
          else if (kind === 'repeat') lines.splice(index, 0, current);
          else if (index + 1 < lines.length) [lines[index], lines[index + 1]] = [lines[index + 1] ?? '', current];
        }
        await outcome(Buffer.from(lines.join('\n'), 'latin1'), chunkBytes);
      }),
      { numRuns: 500 },
    );
  });

  test('the untouched fixture is read', async () => {
    expect(await outcome(statement, 128)).toBe('read');
  });
});
