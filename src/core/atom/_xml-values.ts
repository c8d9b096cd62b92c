/** Reads text and attributes out of the scanner's object form (fast-xml-parser's shape) without trusting it. */

import { SyncError } from '../errors/sync-error.ts';

/** A parsed element as fast-xml-parser gives it: an object, or '' for an empty element. */
export type XmlNode = Record<string, unknown>;

/** The element as an object (empty elements come back as ''); undefined when absent, text-only or repeated. */
export function nodeOf(value: unknown): XmlNode | undefined {
  if (value === '') return {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as XmlNode;
  return undefined;
}

/**
 * Text content of an element that occurs at most once; '' when it is empty; undefined when absent.
 * Throws SyncError FEED_MALFORMED when it is repeated (which copy would be right is unknowable).
 */
export function textOf(value: unknown, details: Record<string, unknown> = {}): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    throw new SyncError('FEED_MALFORMED', { message: 'An element that occurs once is repeated', details });
  }
  const node = nodeOf(value);
  if (node === undefined) return undefined;
  const text = node['#text'];
  return typeof text === 'string' ? text : '';
}

/** An attribute value of an element, or undefined. */
export function attrOf(node: XmlNode, name: string): string | undefined {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** The elements of a list path (fast-xml-parser makes them arrays), or []. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
