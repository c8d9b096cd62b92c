/** A strict one-pass XML reader for feed pages: checks well-formedness while it builds a plain object tree. */

import { localName, type OpenElement, readStartTag } from './_xml-start-tag.ts';
import { decode, XmlSyntaxError } from './_xml-syntax-error.ts';

export { XmlSyntaxError } from './_xml-syntax-error.ts';

/** Element paths that are lists even when they occur once (a lone entry is still a list). */
const listPaths: ReadonlySet<string> = new Set(['feed.entry', 'feed.link', 'feed.entry.category']);

// Characters XML 1.0 forbids anywhere (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/FFFF).
const forbiddenChar = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` holds more than XML white space (space, tab, CR, LF; not U+00A0 and the like). */
const hasNonSpace = (text: string): boolean => /[^ \t\r\n]/.test(text);

/** The value fast-xml-parser's object form gives a closed element: its text, or an object of attributes, children and text. */
function valueOf(element: OpenElement): unknown {
  const { attributes, children, text } = element;
  if (attributes === undefined && children === undefined) return text;
  const value = attributes === undefined ? (children as Record<string, unknown>) : children === undefined ? attributes : Object.assign(attributes, children);
  if (text !== '' && (children === undefined || hasNonSpace(text))) value['#text'] = text;
  return value;
}

function addChild(parent: Record<string, unknown>, name: string, value: unknown, isList: boolean): void {
  const existing = Object.hasOwn(parent, name) ? parent[name] : undefined;
  if (existing === undefined) parent[name] = isList ? [value] : value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent[name] = [existing, value];
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
    const top = stack[stack.length - 1];
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
  const next = xml.charCodeAt(lt + 1);
  if (next === 0x2f) return readEndTag(xml, lt, state); // </
  if (next === 0x21) return readDeclaration(xml, lt, state); // <!
  if (next === 0x3f) return until(xml, '?>', lt + 2, 'processing instruction') + 2; // <?
  const { stack } = state;
  const top = stack[stack.length - 1];
  if (top === undefined) state.roots += 1;
  const { element, end, empty } = readStartTag(xml, lt + 1, top?.path ?? '');
  if (empty) close(element, state);
  else stack.push(element);
  return end;
}

/** `<!--…-->` or `<![CDATA[…]]>`; any other `<!` markup is refused. */
function readDeclaration(xml: string, lt: number, state: ScanState): number {
  if (xml.startsWith('<!--', lt)) return until(xml, '-->', lt + 4, 'comment') + 3;
  if (!xml.startsWith('<![CDATA[', lt)) throw new XmlSyntaxError('Markup declarations are not allowed', lt);
  const end = until(xml, ']]>', lt + 9, 'CDATA section');
  const top = state.stack[state.stack.length - 1];
  if (top === undefined) throw new XmlSyntaxError('CDATA outside the root element', lt);
  top.text += xml.slice(lt + 9, end);
  return end + 3;
}

function readEndTag(xml: string, lt: number, state: ScanState): number {
  const end = until(xml, '>', lt + 2, 'end tag');
  const element = state.stack.pop();
  // Compared in place: the usual end tag is exactly the start tag's name, with no space before `>`.
  const exact = element !== undefined && end - lt - 2 === element.name.length && xml.startsWith(element.name, lt + 2);
  if (!exact) {
    const name = xml.slice(lt + 2, end).trimEnd();
    if (element === undefined || element.name !== name) {
      throw new XmlSyntaxError(`The end tag </${name}> does not match <${element?.name ?? ''}>`, lt);
    }
  }
  close(element as OpenElement, state);
  return end + 1;
}

function close(element: OpenElement, state: ScanState): void {
  const parent = state.stack[state.stack.length - 1];
  const target = parent === undefined ? state.root : (parent.children ??= {});
  addChild(target, localName(element.name), valueOf(element), listPaths.has(element.path));
}
