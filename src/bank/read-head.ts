import { open } from 'node:fs/promises';
import { notFound } from '../errors.js';

/**
 * The first `length` bytes of a file (fewer when it is shorter), to recognise its format. A file
 * that cannot be opened is not found; when reading it fails, `readFailed` says what to throw
 * (by default the error itself).
 */
export async function readHead(path: string, length: number, readFailed: (error: unknown) => unknown = (error) => error): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw notFound(`Cannot read ${path}.`, 'Check the file name.');
  }
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw readFailed(error);
  } finally {
    await handle.close();
  }
}
