import { createRequire } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';

/**
 * pdfmake 0.3 on Node: one shared instance (the package exports a singleton), loaded lazily.
 * Loading it costs about a quarter of a second, so only the functions that render a PDF call
 * `loadPdfMake()`: `smart --help`, cron runs and every command that prints no PDF never pay it.
 * Nothing here may import pdfmake at the top level (type imports are erased).
 */
export type PdfMake = typeof import('pdfmake');
export type PdfDocumentDefinition = TDocumentDefinitions;

let loading: Promise<PdfMake> | undefined;

/**
 * The pdfmake singleton, configured once: the Roboto fonts shipped inside the package; no URL
 * may be fetched (documents embed nothing remote); and the only local files it may read are
 * those fonts. Later calls get the same instance.
 */
export function loadPdfMake(): Promise<PdfMake> {
  loading ??= configure().catch((error: unknown) => {
    loading = undefined; // let a later call try again instead of caching the failure
    throw error;
  });
  return loading;
}

async function configure(): Promise<PdfMake> {
  // The package is CommonJS (`module.exports = new pdfmake()`): imported from an ES module, the
  // singleton is the default export, which its type declarations (written as ES exports) omit.
  const pdfmake = ((await import('pdfmake')) as unknown as { readonly default: PdfMake }).default;
  const require = createRequire(import.meta.url);
  const fontsModule = require.resolve('pdfmake/fonts/Roboto.js');
  const fonts = require(fontsModule) as TFontDictionary;
  const fontDirectory = dirname(fontsModule) + sep;
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => resolve(path).startsWith(fontDirectory));
  return pdfmake;
}

/**
 * Renders a document definition to the bytes of a PDF file. pdfmake fills in defaults on the
 * definition it is given, so pass a fresh one each time (the `...PdfDefinition` builders do).
 */
export async function renderPdf(definition: PdfDocumentDefinition): Promise<Buffer> {
  const pdfmake = await loadPdfMake();
  return pdfmake.createPdf(definition).getBuffer();
}
