/** Turns untrusted XML text into a plain object: DTDs refused, well-formedness checked, entities strict. */

import { SyncError } from '../errors/sync-error.ts';
import { scanXml, XmlSyntaxError } from './_xml-scanner.ts';

function isCutShort(xml: string, at: number): boolean {
  const rest = xml.slice(at);
  return rest.length < 9 && ('<![CDATA['.startsWith(rest) || '<!--'.startsWith(rest));
}

/**
 * Offset of the first DTD construct (`<!DOCTYPE`, `<!ENTITY`, `<!ELEMENT`…) outside CDATA sections
 * and comments, or -1. Any `<!` that is neither starts markup only a DTD may hold.
 */
export function findDtdMarkup(xml: string): number {
  let at = xml.indexOf('<!');
  while (at >= 0) {
    let end: number;
    if (xml.startsWith('<![CDATA[', at)) end = xml.indexOf(']]>', at + 9);
    else if (xml.startsWith('<!--', at)) end = xml.indexOf('-->', at + 4);
    else if (isCutShort(xml, at)) return -1; // the text ends inside `<![CDATA[` or `<!--`: malformed, not a DTD
    else return at;
    if (end < 0) return -1; // unterminated: the validator reports it as malformed
    at = xml.indexOf('<!', end + 3);
  }
  return -1;
}

/** Refuses any DTD markup before a parser sees the text, so nothing is ever declared or expanded. */
export function assertNoDtd(xml: string, details: Record<string, unknown> = {}): void {
  const at = findDtdMarkup(xml);
  if (at >= 0) {
    throw new SyncError('FEED_DOCTYPE_REFUSED', {
      details: { ...details, offset: at, markup: xml.slice(at, at + 12) },
    });
  }
}

/** 1-based line and column of `offset` in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: offset - lineStart + 1 };
}

/**
 * Parses XML text into fast-xml-parser's object form (see scanXml). Throws SyncError
 * FEED_DOCTYPE_REFUSED for DTD markup and FEED_MALFORMED for anything not well-formed.
 */
export function readXml(xml: string, details: Record<string, unknown> = {}): Record<string, unknown> {
  assertNoDtd(xml, details);
  try {
    return scanXml(xml);
  } catch (cause) {
    if (!(cause instanceof XmlSyntaxError)) throw cause;
    throw new SyncError('FEED_MALFORMED', {
      message: `The feed page is not well-formed XML: ${cause.message}`,
      details: { ...details, reason: cause.message, ...lineAndColumn(xml, cause.offset) },
      cause,
    });
  }
}
