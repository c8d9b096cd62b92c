/** The XML scanner's one error, and entity decoding that reports a bad reference as that error. */

import { decodeXmlEntities } from './_xml-entity-decoder.ts';

/** Thrown for text that is not well-formed XML; `offset` is where the reader stopped. */
export class XmlSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/** `text` with its entity and character references replaced; a bad one is an XmlSyntaxError at `at`. */
export function decode(text: string, at: number): string {
  try {
    return decodeXmlEntities(text);
  } catch (cause) {
    throw new XmlSyntaxError(cause instanceof Error ? cause.message : String(cause), at);
  }
}
