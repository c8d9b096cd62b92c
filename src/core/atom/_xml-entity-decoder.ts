/** A strict XML entity decoder for fast-xml-parser: the five predefined entities and character references, nothing else. */

const predefined: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** True for code points XML 1.0 allows in a document (§2.2 Char). */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 || code === 0xa || code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function decodeReference(name: string): string {
  const fixed = predefined[name];
  if (fixed !== undefined) return fixed;
  let code = Number.NaN;
  if (/^#x[0-9a-fA-F]{1,6}$/.test(name)) code = Number.parseInt(name.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(name)) code = Number.parseInt(name.slice(1), 10);
  if (!isXmlChar(code)) throw new Error(`Undeclared or invalid entity reference "&${name};"`);
  return String.fromCodePoint(code);
}

/**
 * Replaces entity references in `text`. Unknown names throw: a well-formed page declares no
 * entities (DOCTYPE is refused beforehand), so an unknown reference means a malformed page.
 */
export function decodeXmlEntities(text: string): string {
  let at = text.indexOf('&');
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    const end = text.indexOf(';', at + 1);
    if (end < 0 || end - at > 10) throw new Error('Unterminated entity reference');
    out += text.slice(from, at) + decodeReference(text.slice(at + 1, end));
    from = end + 1;
    at = text.indexOf('&', from);
  }
  return out + text.slice(from);
}

/**
 * The decoder handed to fast-xml-parser. It ignores every entity the document or caller tries to
 * register, so no custom entity can ever expand (the billion-laughs defence does not rely on limits).
 */
export const strictEntityDecoder = {
  setExternalEntities(): void {},
  addInputEntities(): void {},
  reset(): void {},
  setXmlVersion(): void {},
  decode: decodeXmlEntities,
};
