/** Turns untrusted XML text into a plain object: DTDs refused, well-formedness checked, entities strict. */

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SyncError } from '../errors/sync-error.ts';
import { strictEntityDecoder } from './_xml-entity-decoder.ts';

/** Element paths that are lists even when they occur once (a lone entry is still a list). */
const listPaths = new Set(['feed.entry', 'feed.link', 'feed.entry.category']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Titles keep their spaces; structural values are trimmed by the readers.
  trimValues: false,
  isArray: (_name, jPath) => typeof jPath === 'string' && listPaths.has(jPath),
  // Defence in depth: DTDs are refused before parsing and the decoder never registers an entity.
  processEntities: { enabled: true, maxEntityCount: 1, maxEntitySize: 1, maxTotalExpansions: 1, maxExpandedLength: 1 },
  entityDecoder: strictEntityDecoder,
});

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

/**
 * Parses XML text into fast-xml-parser's object form. Throws SyncError FEED_DOCTYPE_REFUSED for
 * DTD markup and FEED_MALFORMED for anything not well-formed.
 */
export function readXml(xml: string, details: Record<string, unknown> = {}): Record<string, unknown> {
  assertNoDtd(xml, details);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { code, msg, line, col } = valid.err;
    throw new SyncError('FEED_MALFORMED', {
      message: `The feed page is not well-formed XML: ${msg}`,
      details: { ...details, reason: code, line, col },
    });
  }
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SyncError('FEED_MALFORMED', {
      message: `The feed page is not well-formed XML: ${reason}`,
      details: { ...details, reason },
      cause,
    });
  }
}
