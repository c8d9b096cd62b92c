/** Reading an XML start tag for the scanner: its name, attributes (decoded, prefixes dropped) and end. */

import { decode, XmlSyntaxError } from './_xml-syntax-error.ts';

/** An element whose end tag is still to come. */
export interface OpenElement {
  name: string;
  path: string;
  attributes: Record<string, string> | undefined;
  children: Record<string, unknown> | undefined;
  text: string;
}

const validName = /^[A-Za-z_:\u00C0-\uFFFF][\w.:\-\u00B7\u00C0-\uFFFF]*$/;

/** An element or attribute name without its namespace prefix. */
export const localName = (name: string): string => name.slice(name.lastIndexOf(':') + 1);


const isSpaceCode = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;

/** Skips XML white space from `at`. */
function skipSpace(xml: string, at: number): number {
  let i = at;
  while (i < xml.length && isSpaceCode(xml.charCodeAt(i))) i += 1;
  return i;
}

/** Reads a name at `at` (up to white space or one of `/>=<"'`); throws when it is not an XML name. */
function readName(xml: string, at: number, what: string): string {
  let i = at;
  for (; i < xml.length; i += 1) {
    const code = xml.charCodeAt(i);
    if (isSpaceCode(code) || code === 0x2f || code === 0x3e || code === 0x3d || code === 0x3c || code === 0x22 || code === 0x27) break;
  }
  const name = xml.slice(at, i);
  if (!validName.test(name)) throw new XmlSyntaxError(`A ${what} has no valid name`, at);
  return name;
}

/** Reads one attribute value in quotes at `at`; returns it decoded and the offset after the closing quote. */
function readValue(xml: string, at: number): { value: string; end: number } {
  const quote = xml[at];
  if (quote !== '"' && quote !== "'") throw new XmlSyntaxError('An attribute value is not in quotes', at);
  const close = xml.indexOf(quote, at + 1);
  if (close < 0) throw new XmlSyntaxError('An attribute value is not closed', at);
  const raw = xml.slice(at + 1, close);
  if (raw.includes('<')) throw new XmlSyntaxError('An attribute value holds "<"', at);
  return { value: decode(raw, at), end: close + 1 };
}

/** Reads a start tag at `at` (just after `<`); returns the element and where the tag ends. */
export function readStartTag(xml: string, at: number, parentPath: string): { element: OpenElement; end: number; empty: boolean } {
  const name = readName(xml, at, 'tag');
  const local = localName(name);
  if (local === '__proto__' || local === '') throw new XmlSyntaxError(`The element name "${name}" is not allowed`, at);
  let attributes: Record<string, string> | undefined;
  let cursor = at + name.length;
  for (;;) {
    const next = skipSpace(xml, cursor);
    const code = xml.charCodeAt(next);
    if (code === 0x3e || (code === 0x2f && xml.charCodeAt(next + 1) === 0x3e)) {
      const path = parentPath === '' ? local : `${parentPath}.${local}`;
      const empty = code === 0x2f;
      return { element: { name, path, attributes, children: undefined, text: '' }, end: next + (empty ? 2 : 1), empty };
    }
    if (next === cursor) throw new XmlSyntaxError(`The start tag <${name}> is not closed properly`, next);
    const attribute = readName(xml, next, 'attribute');
    const equals = skipSpace(xml, next + attribute.length);
    if (xml[equals] !== '=') throw new XmlSyntaxError(`The attribute "${attribute}" has no value`, equals);
    const { value, end } = readValue(xml, skipSpace(xml, equals + 1));
    cursor = end;
    if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
    const key = `@_${localName(attribute)}`;
    attributes ??= {};
    if (key in attributes) throw new XmlSyntaxError(`The attribute "${attribute}" is repeated`, cursor);
    attributes[key] = value;
  }
}

