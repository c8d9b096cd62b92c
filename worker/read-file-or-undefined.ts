/** Reads a file with node:fs for the edge node's static site: undefined for a missing file or a directory. */

import { readFile } from 'node:fs/promises';

/** The bytes of `path`, or undefined when it does not exist or is a directory; other errors are thrown. */
export async function readFileOrUndefined(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
