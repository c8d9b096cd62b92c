/** Escaping for the XML the core writes: text, attribute values and CDATA sections. */

// Characters XML 1.0 cannot carry at all, even as references (lone surrogates included).
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;

function assertXmlChars(value: string): void {
  if (notXml.test(value)) {
    throw new RangeError(`The value holds a character XML cannot carry: ${JSON.stringify(value.slice(0, 40))}`);
  }
}

/**
 * Escapes element text. `>` is escaped too (so `]]>` never appears) and CR as a reference
 * (a parser would turn a raw CR into LF). Throws RangeError for characters XML cannot carry.
 *
 * @example Escape a title
 * ```ts
 * escapeXmlText('a < b & c'); // 'a &lt; b &amp; c'
 * ```
 */
export function escapeXmlText(value: string): string {
  assertXmlChars(value);
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

const attributeEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};

/**
 * Escapes a double-quoted attribute value. Tab, LF and CR become references, because a
 * parser normalises them to spaces in attribute values. Throws RangeError for characters XML cannot carry.
 *
 * @example Escape a link
 * ```ts
 * escapeXmlAttribute('/x?a=1&b="2"'); // '/x?a=1&amp;b=&quot;2&quot;'
 * ```
 */
export function escapeXmlAttribute(value: string): string {
  assertXmlChars(value);
  return value.replace(/[&<>"\t\n\r]/g, (c) => attributeEscapes[c] ?? c);
}

/**
 * Wraps text in a CDATA section, splitting any `]]>` across two sections so the text comes
 * back unchanged. A raw CR would come back as LF (XML line-end handling); JSON never holds one.
 * Throws RangeError for characters XML cannot carry.
 *
 * @example Wrap JSON
 * ```ts
 * cdata('{"a":"]]>"}'); // '<![CDATA[{"a":"]]]]><![CDATA[>"}]]>'
 * ```
 */
export function cdata(value: string): string {
  assertXmlChars(value);
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
