/** Serves the PWA's built files from one folder: content types, cache headers, SPA fallback, no traversal. */

import { appFailure } from '../app/app-errors.ts';
import { errorResponse } from '../app/error-response.ts';
import { contentTypeOf } from './content-types.ts';
import type { EdgeHandler, EdgeRuntime } from './edge-runtime.ts';

export interface StaticSiteOptions {
  /** Folder holding `index.html`, as the runtime's `readFile` understands it. */
  root: string;
  readFile: EdgeRuntime['readFile'];
}

/**
 * The file path under the root for a URL path, or undefined when a segment is unsafe: `.`, `..`,
 * hidden (leading dot), badly encoded, or holding a separator, NUL or drive colon once decoded.
 */
export function safeRelativePath(pathname: string): string | undefined {
  const segments: string[] = [];
  for (const raw of pathname.split('/').filter((s) => s !== '')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment.startsWith('.') || /[\\/\0:]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return pathname.endsWith('/') || segments.length === 0 ? [...segments, 'index.html'].join('/') : segments.join('/');
}

/** An app route (no extension) or a browser asking for a page gets index.html when the file is missing. */
function wantsAppShell(relative: string, request: Request): boolean {
  const last = relative.slice(relative.lastIndexOf('/') + 1);
  return !last.includes('.') || (request.headers.get('accept') ?? '').includes('text/html');
}

function fileResponse(relative: string, bytes: Uint8Array, request: Request): Response {
  // Vite names what it emits under assets/ by content hash: those never change.
  const immutable = relative.startsWith('assets/');
  const headers = new Headers({
    'content-type': contentTypeOf(relative),
    'content-length': String(bytes.byteLength),
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  return new Response(request.method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>), { status: 200, headers });
}

/**
 * A handler for GET and HEAD of the files under `root`; `/` and folders serve their index.html,
 * and a missing page route falls back to the root index.html so the PWA can route it. Anything
 * unsafe or missing is a problem+json 404.
 *
 * @example
 * ```ts
 * const site = createStaticSite({ root: 'dist', readFile });
 * const response = await site(new Request('http://localhost/'));
 * ```
 */
export function createStaticSite(options: StaticSiteOptions): EdgeHandler {
  const read = (relative: string) => options.readFile(`${options.root}/${relative}`);
  const notFound = () => errorResponse(appFailure('ROUTE_NOT_FOUND', { message: 'No such file on this node' }), 'problem');
  return async (request) => {
    const relative = safeRelativePath(new URL(request.url).pathname);
    if (relative === undefined) return notFound();
    const bytes = await read(relative);
    if (bytes !== undefined) return fileResponse(relative, bytes, request);
    if (!wantsAppShell(relative, request)) return notFound();
    const shell = await read('index.html');
    return shell === undefined ? notFound() : fileResponse('index.html', shell, request);
  };
}
