/** The runtime's zlib gzip (node:zlib, on Node and Deno) for the edge app's answers: same bytes as CompressionStream, less overhead. */

import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Gzip } from '../src/edge/app/gzip-responses.ts';

const gzipAsync = promisify(gzip);

/** Gzips on libuv's thread pool, at zlib's default level (as CompressionStream does), off the event loop. */
export const nativeGzip: Gzip = async (bytes) => await gzipAsync(bytes);
