// Copies what the compiled code reads at run time (the numbered SQL migrations) into dist/.
import { cpSync, mkdirSync } from 'node:fs';

mkdirSync(new URL('../dist/book/migrations/', import.meta.url), { recursive: true });
cpSync(new URL('../src/book/migrations/', import.meta.url), new URL('../dist/book/migrations/', import.meta.url), { recursive: true });
