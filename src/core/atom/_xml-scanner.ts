/** A strict one-pass XML reader for feed pages: checks well-formedness while it builds a plain object tree. */

import { decodeXmlEntities } from './_xml-entity-decoder.ts';

/** Element paths that are lists even when they occur once (a lone entry is still a list). */
const listPaths: ReadonlySet<string> = new Set(['feed.entry', 'feed.link', 'feed.entry.category']);

/** Thrown for text that is not well-formed XML; `offset` is where the reader stopped. */
export class XmlSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

interface OpenElement {
  name: string;
  path: string;
  attributes: Record<string, string> | undefined;
  children: Record<string, unknown> | undefined;
  text: string;
}

// Characters XML 1.0 forbids anywhere (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/FFFF).
const forbiddenChar = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const namePattern = /[A-Za-z_:\u00C0-\uFFFF][\w.:\-\u00B7\u00C0-\uFFFF]*/y;
const attributePattern = /\s+([A-Za-z_:\u00C0-\uFFFF][\w.:\-\u00B7\u00C0-\uFFFF]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const tagEndPattern = /\s*(\/?)>/y;

/** True when `text` holds more than XML white space (space, tab, CR, LF; not U+00A0 and the like). */
const hasNonSpace = (text: string): boolean => /[^ \t\r\n]/.test(text);

const localName = (name: string): string => name.slice(name.lastIndexOf(':') + 1);

function decode(text: string, at: number): string {
  try {
    return decodeXmlEntities(text);
  } catch (cause) {
    throw new XmlSyntaxError(cause instanceof Error ? cause.message : String(cause), at);
  }
}

/** The value fast-xml-parser's object form gives a closed element: its text, or an object of attributes, children and text. */
function valueOf(element: OpenElement): unknown {
  if (element.attributes === undefined && element.children === undefined) return element.text;
  const value: Record<string, unknown> = { ...element.attributes, ...element.children };
  if (element.text !== '' && (element.children === undefined || hasNonSpace(element.text))) value['#text'] = element.text;
  return value;
}

function addChild(parent: Record<string, unknown>, name: string, value: unknown, isList: boolean): void {
  const existing = Object.hasOwn(parent, name) ? parent[name] : undefined;
  if (existing === undefined) parent[name] = isList ? [value] : value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent[name] = [existing, value];
}

/** Reads a start tag at `at` (just after `<`); returns the element and where the tag ends. */
function readStartTag(xml: string, at: number, parentPath: string): { element: OpenElement; end: number; empty: boolean } {
  namePattern.lastIndex = at;
  const name = namePattern.exec(xml)?.[0];
  if (name === undefined) throw new XmlSyntaxError('A tag has no valid name', at);
  const local = localName(name);
  if (local === '__proto__' || local === '') throw new XmlSyntaxError(`The element name "${name}" is not allowed`, at);
  let attributes: Record<string, string> | undefined;
  let cursor = at + name.length;
  for (;;) {
    attributePattern.lastIndex = cursor;
    const match = attributePattern.exec(xml);
    if (match === null) break;
    cursor = attributePattern.lastIndex;
    const attribute = match[1] as string;
    if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
    const key = `@_${localName(attribute)}`;
    attributes ??= {};
    if (key in attributes) throw new XmlSyntaxError(`The attribute "${attribute}" is repeated`, cursor);
    attributes[key] = decode(match[2] ?? match[3] ?? '', cursor);
  }
  tagEndPattern.lastIndex = cursor;
  const end = tagEndPattern.exec(xml);
  if (end === null) throw new XmlSyntaxError(`The start tag <${name}> is not closed properly`, cursor);
  const path = parentPath === '' ? local : `${parentPath}.${local}`;
  return { element: { name, path, attributes, children: undefined, text: '' }, end: tagEndPattern.lastIndex, empty: end[1] === '/' };
}

/** Finds `terminator` from `from` or throws that the construct at `at` is unterminated. */
function until(xml: string, terminator: string, from: number, what: string): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) throw new XmlSyntaxError(`Unterminated ${what}`, from);
  return end;
}

/**
 * Parses XML text into fast-xml-parser's object form (namespace prefixes removed, `@_` attributes,
 * `#text`, repeated elements as arrays). Comments, the declaration and processing instructions are
 * skipped. Throws {@linkcode XmlSyntaxError} for anything not well-formed, including any `<!` markup
 * other than comments and CDATA (callers refuse DTDs before this with a clearer error).
 */
export function scanXml(text: string): Record<string, unknown> {
  // XML 1.0 §2.11: a processor reads CRLF and a lone CR as LF, before anything else.
  const xml = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const bad = forbiddenChar.exec(xml);
  if (bad !== null) throw new XmlSyntaxError('The text holds a character XML forbids', bad.index);
  const state: ScanState = { stack: [], root: {}, roots: 0 };
  const { stack } = state;
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const between = xml.slice(at, lt < 0 ? xml.length : lt);
    const top = stack.at(-1);
    if (top !== undefined) top.text += decode(between, at);
    else if (hasNonSpace(between)) throw new XmlSyntaxError('Text outside the root element', at);
    if (lt < 0) break;
    at = readMarkup(xml, lt, state);
  }
  if (stack.length > 0) throw new XmlSyntaxError(`The element <${stack.at(-1)?.name}> is not closed`, xml.length);
  if (state.roots !== 1) throw new XmlSyntaxError(state.roots === 0 ? 'No root element' : 'More than one root element', xml.length);
  return state.root;
}

interface ScanState { stack: OpenElement[]; root: Record<string, unknown>; roots: number }

/** Reads the markup starting with `<` at `lt`; returns the offset after it. */
function readMarkup(xml: string, lt: number, state: ScanState): number {
  const { stack } = state;
  const top = stack.at(-1);
  if (xml.startsWith('<!--', lt)) return until(xml, '-->', lt + 4, 'comment') + 3;
  if (xml.startsWith('<![CDATA[', lt)) {
    const end = until(xml, ']]>', lt + 9, 'CDATA section');
    if (top === undefined) throw new XmlSyntaxError('CDATA outside the root element', lt);
    top.text += xml.slice(lt + 9, end);
    return end + 3;
  }
  if (xml.startsWith('<?', lt)) return until(xml, '?>', lt + 2, 'processing instruction') + 2;
  if (xml.startsWith('<!', lt)) throw new XmlSyntaxError('Markup declarations are not allowed', lt);
  if (xml.startsWith('</', lt)) {
    const end = until(xml, '>', lt + 2, 'end tag');
    const name = xml.slice(lt + 2, end).trimEnd();
    const element = stack.pop();
    if (element === undefined || element.name !== name) {
      throw new XmlSyntaxError(`The end tag </${name}> does not match <${element?.name ?? ''}>`, lt);
    }
    close(element, state);
    return end + 1;
  }
  if (top === undefined) state.roots += 1;
  const { element, end, empty } = readStartTag(xml, lt + 1, top?.path ?? '');
  if (empty) close(element, state);
  else stack.push(element);
  return end;
}

function close(element: OpenElement, state: ScanState): void {
  const parent = state.stack.at(-1);
  const target = parent === undefined ? state.root : (parent.children ??= {});
  addChild(target, localName(element.name), valueOf(element), listPaths.has(element.path));
}
