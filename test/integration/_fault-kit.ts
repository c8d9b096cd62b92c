/** Pieces of the fault-injecting fetches of the network tests: a stable draw, and the failures a link produces. */

/** A number in [0, 1) from a string (FNV-1a, then a final avalanche): the same draw whatever the port or timing. */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 0x1_0000_0000;
}

/** An HTTP 500 as a proxy or a crashed server gives it. */
export function serverError(): Response {
  return new Response('<html>Internal Server Error</html>', { status: 500 });
}

/** What fetch throws when the connection is reset. */
export function connectionReset(): TypeError {
  return new TypeError('fetch failed', { cause: new Error('read ECONNRESET') });
}

/** The response with the same status and headers, whose body stream errors after half its bytes. */
export async function truncated(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(bytes.slice(0, Math.floor(bytes.length / 2)));
      controller.error(new TypeError('terminated', { cause: new Error('other side closed') }));
    },
  });
  return new Response(body, { status: response.status, headers });
}
