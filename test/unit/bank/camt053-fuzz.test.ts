import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCamt053 } from '../../../src/bank/camt053/read-camt053.js';
import { SmartError } from '../../../src/errors.js';

/**
 * Whatever bytes it is given, the camt.053 reader either yields lines with whole-cent amounts or
 * rejects the file with a SmartError (a message for the user, never a stack trace).
 */
const fixtures = fileURLToPath(new URL('../../../fixtures/bank/camt053/', import.meta.url));
const statement = readFileSync(join(fixtures, 'statement.camt053.001.02.xml'));
const batches = readFileSync(join(fixtures, 'batches.camt053.001.08.xml'));

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'smart-camt053-fuzz-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

let runs = 0;
async function outcome(bytes: Uint8Array, chunkBytes: number): Promise<'read' | 'rejected'> {
  runs += 1;
  const path = join(scratch, `fuzz-${runs}.xml`);
  writeFileSync(path, bytes);
  try {
    for await (const line of readCamt053(path, { chunkBytes })) {
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

const chunk = fc.constantFrom(1, 7, 64, 1024, 65536);
/** Whole fixtures are larger: tiny chunks there only slow the test down (chunking has its own tests). */
const largeChunk = fc.constantFrom(61, 1024, 65536);

/** Pieces of camt.053 that random documents are built from, so the reader's deeper paths are reached. */
const piece = fc.constantFrom(
  '<?xml version="1.0"?>', '<Document>', '</Document>', '<BkToCstmrStmt>', '</BkToCstmrStmt>', '<Stmt>', '</Stmt>', '<Ntry>', '</Ntry>',
  '<Amt Ccy="EUR">', '<Amt>', '</Amt>', '<CdtDbtInd>', '</CdtDbtInd>', 'CRDT', 'DBIT', '<BookgDt><Dt>', '</Dt></BookgDt>', '2026-03-02',
  '<ValDt><DtTm>', '</DtTm></ValDt>', '<Bal><Tp><CdOrPrtry><Cd>', '</Cd></CdOrPrtry></Tp>', 'OPBD', 'CLBD', '</Bal>', '<NtryDtls><TxDtls>',
  '</TxDtls></NtryDtls>', '<TxDtls>', '</TxDtls>', '<RmtInf><Ustrd>', '</Ustrd></RmtInf>', '<Strd><CdtrRefInf><Ref>', '</Ref></CdtrRefInf></Strd>',
  '<Acct><Id><IBAN>', '</IBAN></Id><Ccy>EUR</Ccy></Acct>', '<Sts>PDNG</Sts>', '12.50', '0', '1.005', '99999999999999', '-1', '&amp;', '&#x0;',
  '<![CDATA[', ']]>', '<!--', '-->', '<!DOCTYPE x [', ']>', '<?pi', '?>', '"', "'", '<', '>', '/>', '\n', ' ', 'é', '\uFFFD',
);

describe('random input never makes the camt.053 reader fail with anything but a SmartError', () => {
  test('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), chunk, async (bytes, chunkBytes) => {
        expect(await outcome(bytes, chunkBytes)).toBe('rejected');
      }),
      { numRuns: 300 },
    );
  });

  test('random documents made of camt.053 pieces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 120 }), chunk, async (pieces, chunkBytes) => {
        await outcome(Buffer.from(pieces.join(''), 'utf8'), chunkBytes);
      }),
      { numRuns: 500 },
    );
  });

  test('the fixtures with random bytes changed, cut or inserted', async () => {
    const edit = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), kind: fc.constantFrom('set', 'insert', 'delete', 'cut') });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(statement, batches), fc.array(edit, { minLength: 1, maxLength: 6 }), largeChunk, async (original, edits, chunkBytes) => {
        let bytes = Buffer.from(original);
        for (const { at, byte, kind } of edits) {
          const index = at % (bytes.length + 1);
          if (kind === 'set' && index < bytes.length) bytes[index] = byte;
          else if (kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, index), Buffer.from([byte]), bytes.subarray(index)]);
          else if (kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, index), bytes.subarray(index + 1)]);
          else if (kind === 'cut') bytes = bytes.subarray(0, index);
        }
        await outcome(bytes, chunkBytes);
      }),
      { numRuns: 400 },
    );
  });

  test('the untouched fixtures are read', async () => {
    expect(await outcome(statement, 64)).toBe('read');
    expect(await outcome(batches, 64)).toBe('read');
  });
});
