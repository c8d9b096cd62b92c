/** The HTTP Basic `Authorization` value OpenMRS expects, UTF-8 encoded, without any global but `btoa`. */

/**
 * `Basic base64(username:password)`, the pair encoded as UTF-8. Throws TypeError when the
 * username holds a colon (Basic cannot carry it).
 *
 * @example
 * ```ts
 * basicAuthorization({ username: 'admin', password: 'Admin123' }); // 'Basic YWRtaW46QWRtaW4xMjM='
 * ```
 */
export function basicAuthorization(credentials: { username: string; password: string }): string {
  if (credentials.username.includes(':')) throw new TypeError('A Basic username cannot contain ":"');
  const bytes = new TextEncoder().encode(`${credentials.username}:${credentials.password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
