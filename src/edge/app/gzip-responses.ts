/** Gzips the app's answers for clients that accept it, through a gzip function the runtime may supply. */

import type { MiddlewareHandler } from 'hono';

/** Compresses a whole body; the runtime's native zlib is several times faster than CompressionStream. */
export type Gzip = (bytes: Uint8Array) => Promise<Uint8Array>;

/** The portable gzip: the web-standard CompressionStream. */
export const streamGzip: Gzip = async (bytes) => {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

/** Below this many bytes gzip saves too little to pay for itself. */
const defaultMinBytes = 1024;
const compressible = /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml)\b|application\/javascript\b|image\/svg\+xml\b)/i;

/** True when Accept-Encoding allows gzip: listed with q > 0, or not listed and `*` with q > 0 (RFC 9110 §12.5.3). */
function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)));
  }
  const weight = weights.get('gzip') ?? weights.get('x-gzip') ?? weights.get('*') ?? 0;
  return weight > 0;
}

/**
 * Middleware that gzips JSON, XML, Atom and text answers of at least `minBytes` when the request
 * accepts gzip; it always adds `Vary: Accept-Encoding` to those types, and leaves alone answers
 * already encoded, marked `no-transform`, or to HEAD requests.
 */
export function gzipResponses(options: { gzip?: Gzip; minBytes?: number } = {}): MiddlewareHandler {
  const gzip = options.gzip ?? streamGzip;
  const minBytes = options.minBytes ?? defaultMinBytes;
  return async (c, next) => {
    await next();
    const { res } = c;
    if (!compressible.test(res.headers.get('content-type') ?? '') || res.body === null) return;
    res.headers.append('Vary', 'Accept-Encoding');
    if (c.req.method === 'HEAD' || res.headers.has('content-encoding') || /no-transform/i.test(res.headers.get('cache-control') ?? '')) return;
    if (!acceptsGzip(c.req.header('accept-encoding'))) return;
    const bytes = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    if (bytes.byteLength < minBytes) {
      c.res = new Response(bytes, { status: res.status, statusText: res.statusText, headers });
      return;
    }
    headers.set('content-encoding', 'gzip');
    headers.delete('content-length');
    // Runtimes hand back bytes on a plain ArrayBuffer (zlib's Buffers too), which Response takes.
    c.res = new Response((await gzip(bytes)) as Uint8Array<ArrayBuffer>, { status: res.status, statusText: res.statusText, headers });
  };
}
