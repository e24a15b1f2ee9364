import { afterAll, beforeAll, expect } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const POPPLER = spawnSync('pdftotext', ['-v']).error === undefined;

/** The number of pages of a PDF written by pdfkit (each page object is "/Type /Page", the tree "/Type /Pages"). */
export function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page(?!s)/g)?.length ?? 0;
}

export function expectMentions(text: string | undefined, mentions: readonly string[]): void {
  if (text === undefined) return;
  for (const mention of mentions) expect(text).toContain(mention);
}

/**
 * A folder for the PDFs a test suite renders (kept in $SMART_PDF_OUT when set, to look at them),
 * and `readBack`, which writes a PDF, checks its header (and page count when asked), and returns
 * its text with whitespace collapsed, or undefined when pdftotext is not installed.
 */
export function pdfWorkspace(prefix: string, withoutText: string): { readBack(name: string, pdf: Buffer, pages?: number): string | undefined } {
  const keepDir = process.env['SMART_PDF_OUT'];
  let outDir = '';
  beforeAll(() => {
    outDir = keepDir ?? mkdtempSync(join(tmpdir(), prefix));
    mkdirSync(outDir, { recursive: true });
    if (!POPPLER) console.log(`pdftotext is not installed (apt-get install poppler-utils): ${withoutText}`);
  });
  afterAll(() => {
    if (keepDir === undefined) rmSync(outDir, { recursive: true, force: true });
  });
  return {
    readBack(name, pdf, pages) {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const file = join(outDir, name);
      writeFileSync(file, pdf);
      if (pages !== undefined) expect(pageCount(pdf)).toBe(pages);
      if (!POPPLER) return undefined;
      const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      return result.stdout.replace(/\s+/g, ' ');
    },
  };
}
