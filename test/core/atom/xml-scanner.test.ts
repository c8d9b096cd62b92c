import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { readXml } from '../../../src/core/atom/_read-xml.ts';
import { strictEntityDecoder } from '../../../src/core/atom/_xml-entity-decoder.ts';
import { scanXml, XmlSyntaxError } from '../../../src/core/atom/_xml-scanner.ts';
import { catchSyncError } from './_catch-sync-error.ts';

// fast-xml-parser as _read-xml.ts configured it before scanXml replaced it: the reference object form.
const listPaths = new Set(['feed.entry', 'feed.link', 'feed.entry.category']);
const reference = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
  isArray: (_name, jPath) => typeof jPath === 'string' && listPaths.has(jPath),
  processEntities: { enabled: true, maxEntityCount: 1, maxEntitySize: 1, maxTotalExpansions: 1, maxExpandedLength: 1 },
  entityDecoder: strictEntityDecoder,
});

/**
 * fast-xml-parser keeps whitespace-only text of an element that has child elements (the indentation
 * between them) as `#text`; scanXml leaves it out on purpose (nothing reads it, and every element of
 * an indented page would carry it). The comparison drops it from the reference side.
 */
function withoutIndentation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIndentation);
  if (typeof value !== 'object' || value === null) return value;
  const hasChildren = Object.keys(value).some((key) => key !== '#text' && !key.startsWith('@_'));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '#text' && hasChildren && typeof item === 'string' && /^[ \t\n\r]*$/.test(item)) continue;
    out[key] = withoutIndentation(item);
  }
  return out;
}

// --- A generator of well-formed documents in the Atom shape -------------------------------------

const space = fc.constantFrom('', ' ', '\n  ', '\t');
const someSpace = fc.constantFrom(' ', '\n    ', '\t', '  ');
const elementNames = ['feed', 'entry', 'link', 'category', 'title', 'id', 'content', 'author', 'name'];
// Element names are never Object.prototype members: fast-xml-parser refuses `constructor` and renames
// `toString` to `__toString`, while scanXml keeps them as plain keys (tested on its own below).
const qualified = fc.record({ prefix: fc.constantFrom('', '', 'atom:'), local: fc.constantFrom(...elementNames) });

// Raw `\r` is left out: fast-xml-parser normalises line ends (\r\n, \r → \n) as XML 1.0 §2.11 asks,
// scanXml keeps them (a scanXml divergence, reported). Non-XML whitespace such as U+00A0 is left out
// too: scanXml's `trim()` takes it for indentation between child elements and drops it (reported).
const plainUnits = ['a', 'Z', '0', ' ', ' ', '\t', '\n', '>', '"', "'", '=', '/', ']', '-', '?', '!', 'é', '日', '😀'];
const entityRef = fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '&apos;');
const xmlCodePoint = fc.oneof(
  fc.constantFrom(0x9, 0xa, 0xd, 0x20, 0x26, 0x3c),
  fc.integer({ min: 0x20, max: 0xd7ff }),
  fc.integer({ min: 0xe000, max: 0xfffd }),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
);
// References to non-XML whitespace (&#160;, &#x3000;…) are left out for the same `trim()` reason.
const isJsOnlySpace = (code: number): boolean => String.fromCodePoint(code).trim() === '' && ![0x9, 0xa, 0xd, 0x20].includes(code);
const charRef = fc.tuple(xmlCodePoint.filter((code) => !isJsOnlySpace(code)), fc.constantFrom('dec', 'hex', 'HEX')).map(([code, form]) =>
  form === 'dec' ? `&#${code};` : `&#x${form === 'hex' ? code.toString(16) : code.toString(16).toUpperCase()};`);

/** Character data: plain characters and references; `exclude` drops characters (a quote in an attribute). */
function charData(exclude = ''): fc.Arbitrary<string> {
  const units = plainUnits.filter((u) => !exclude.includes(u));
  return fc.array(fc.oneof({ weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...units), maxLength: 6 }) }, entityRef, charRef), { maxLength: 4 })
    .map((parts) => parts.join(''));
}

const attributeLocals = ['rel', 'href', 'term', 'type', 'scheme', 'lang', 'k'];
// Local names are unique per element: scanXml refuses `x:k` beside `y:k` (one `@_k` key cannot
// hold both) where fast-xml-parser keeps the last; the generator never writes such a pair.
const attributes = fc.uniqueArray(
  fc.record({
    prefix: fc.constantFrom('', '', 'atom:', 'xml:'), local: fc.constantFrom(...attributeLocals), quote: fc.constantFrom('"', "'"),
    before: someSpace, around: fc.tuple(space, space), value: fc.constantFrom('"', "'").chain((q) => charData(q).map((v) => ({ q, v }))),
  }),
  { selector: (a) => a.local, maxLength: 3 },
).map((list) => list.map((a) => `${a.before}${a.prefix}${a.local}${a.around[0]}=${a.around[1]}${a.value.q}${a.value.v}${a.value.q}`).join(''));
const namespaceDeclaration = fc.constantFrom('', ' xmlns="http://www.w3.org/2005/Atom"', ' xmlns:atom="http://www.w3.org/2005/Atom"');

const cdata = fc.string({ unit: fc.constantFrom('a', '<', '&', ']', '>', ' ', '\n', 'é', '&amp;'), maxLength: 8 })
  .filter((s) => !s.includes(']]>')).map((s) => `<![CDATA[${s}]]>`);
const comment = fc.string({ unit: fc.constantFrom('a', ' ', '<', '>', '&', '!'), maxLength: 6 }).map((s) => `<!--${s}-->`);
// No quote in a PI: fast-xml-parser reads PI content as attributes and fails on a lone `"` ("Pi Tag is
// not closed"), though XML allows any text there; scanXml skips it as it should.
const pi = fc.string({ unit: fc.constantFrom('a', ' ', '=', '<', '>'), maxLength: 6 }).map((s) => `<?pi ${s}?>`);

/** Elements named by `name`, with attributes and content where `child` gives the nested elements. */
function elementOf(name: fc.Arbitrary<{ prefix: string; local: string }>, child: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.record({
    name, attributes, ns: namespaceDeclaration, close: space, selfClosing: fc.boolean(),
    content: fc.array(fc.oneof({ depthSize: 'small' }, charData(), cdata, comment, pi, child), { maxLength: 5 }),
  }).map(({ name, attributes, ns, close, selfClosing, content }) => {
    const q = `${name.prefix}${name.local}`;
    const open = `<${q}${ns}${attributes}${close}`;
    return content.length === 0 && selfClosing ? `${open}/>` : `${open}>${content.join('')}</${q}${close}>`;
  });
}

const { element } = fc.letrec<{ element: string }>((tie) => ({ element: elementOf(qualified, tie('element')) }));
// Mostly a feed root, so the list paths (feed.entry, feed.link, feed.entry.category) come up often.
const root = elementOf(fc.record({ prefix: fc.constantFrom('', 'atom:'), local: fc.constantFrom('feed', 'feed', 'feed', 'entry') }), element);

const misc = fc.array(fc.oneof(fc.constantFrom(' ', '\n', '\t\n'), comment, pi), { maxLength: 3 }).map((parts) => parts.join(''));
const declaration = fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?>\n');
const documents = fc.tuple(declaration, misc, root, misc).map((parts) => parts.join(''));

// --- Tests -------------------------------------------------------------------------------------

describe('scanXml() against fast-xml-parser', () => {
  it('scanXml() gives the object form fast-xml-parser gave for well-formed Atom-shaped documents', () => {
    fc.assert(fc.property(documents, (xml) => {
      expect(XMLValidator.validate(xml)).toBe(true); // the generator writes well-formed XML
      expect(scanXml(xml)).toEqual(withoutIndentation(reference.parse(xml)));
    }), { numRuns: 200 });
  });

  it('scanXml() makes feed.entry, feed.link and feed.entry.category lists even when they occur once, and nothing else', () => {
    const xml = '<atom:feed xmlns:atom="a"><atom:link rel="self"/><entry><category term="t"/><link href="h"/></entry><x><entry/></x></atom:feed>';
    const expected = { feed: { link: [{ '@_rel': 'self' }], entry: [{ category: [{ '@_term': 't' }], link: { '@_href': 'h' } }], x: { entry: '' } } };
    expect(scanXml(xml)).toEqual(expected);
    expect(scanXml(xml)).toEqual(reference.parse(xml));
  });

  it('scanXml() keeps text as strings, spaces included, and joins text around CDATA and comments', () => {
    expect(scanXml('<feed><id> 0012 </id><title>a <![CDATA[<b> & ]]><!-- x -->c</title><n>true</n></feed>'))
      .toEqual({ feed: { id: ' 0012 ', title: 'a <b> & c', n: 'true' } });
  });

  it('scanXml() drops whitespace-only text between child elements but keeps mixed text whole', () => {
    expect(scanXml('<feed>\n  <a/>\n  <b k="1"> </b>\n</feed>')).toEqual({ feed: { a: '', b: { '@_k': '1', '#text': ' ' } } });
    expect(scanXml('<feed> x <a/> </feed>')).toEqual({ feed: { a: '', '#text': ' x  ' } });
  });

  it('scanXml() reads CRLF and a lone CR as LF, in text, CDATA and attributes, but keeps a CR written as a reference', () => {
    const doc = scanXml('<feed a="x\r\ny"><title>one\r\ntwo\rthree&#13;</title><id><![CDATA[p\r\nq]]></id></feed>');
    expect(doc).toEqual({ feed: { '@_a': 'x\ny', title: 'one\ntwo\nthree\r', id: 'p\nq' } });
  });

  it('scanXml() treats only space, tab, CR and LF as white space: U+00A0 between elements is text, and outside the root an error', () => {
    expect(scanXml('<feed>\u00A0<id>1</id></feed>')).toEqual({ feed: { id: '1', '#text': '\u00A0' } });
    expect(() => scanXml('\u00A0<feed/>')).toThrow(XmlSyntaxError);
  });

  it('scanXml() keeps element names that are Object.prototype members as plain own keys', () => {
    const feed = scanXml('<feed><constructor>x</constructor><toString/><toString>y</toString><valueOf>v</valueOf></feed>')['feed'] as Record<string, unknown>;
    expect(Object.hasOwn(feed, 'constructor') && feed['constructor']).toBe('x');
    expect(feed['toString']).toEqual(['', 'y']);
    expect(feed['valueOf']).toBe('v');
    expect(scanXml('<hasOwnProperty/>')).toEqual({ hasOwnProperty: '' });
  });
});

/** The XmlSyntaxError `scanXml(xml)` throws. */
function syntaxErrorOf(xml: string): XmlSyntaxError {
  try {
    scanXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return error;
    throw new Error(`Expected an XmlSyntaxError for ${JSON.stringify(xml)}, got ${String(error)}`, { cause: error });
  }
  throw new Error(`Expected an XmlSyntaxError for ${JSON.stringify(xml)}, but it parsed`);
}

describe('scanXml() on malformed text', () => {
  // [what, text, lowest and highest sensible offset]
  const cases: [string, string, number, number][] = [
    ['a mismatched end tag', '<feed><a></b></feed>', 9, 9],
    ['an end tag with no open element', '<feed/></feed>', 7, 7],
    ['an unclosed element', '<feed><a></a>', 13, 13],
    ['an unclosed nested element', '<feed><a>text', 13, 13],
    ['two root elements', '<feed/><feed/>', 7, 14],
    ['text before the root', 'x<feed/>', 0, 0],
    ['text after the root', '<feed/>x', 7, 7],
    ['CDATA outside the root', '<feed/><![CDATA[x]]>', 7, 7],
    ['no root at all', '<!-- only a comment -->', 0, 23],
    ['a duplicate attribute', '<feed a="1" a="2"/>', 11, 17],
    ['a duplicate attribute under two prefixes', '<feed x:a="1" y:a="2"/>', 13, 21],
    ['an unquoted attribute', '<feed a=1/>', 5, 8],
    ['an attribute without a value', '<feed a/>', 5, 7],
    ['attributes with no space between them', '<feed a="1"b="2"/>', 5, 11],
    ['`<` in an attribute value', '<feed a="<"/>', 5, 9],
    ['an unknown entity in text', '<feed>&nbsp;</feed>', 6, 12],
    ['an unknown entity in an attribute', '<feed a="&x;"/>', 5, 13],
    ['a bare ampersand', '<feed>a & b</feed>', 6, 11],
    ['a reference to a forbidden character', '<feed>&#1;</feed>', 6, 10],
    ['a C0 control character', '<feed>a\u0001</feed>', 7, 7],
    ['a NUL in an attribute', '<feed a="\0"/>', 9, 9],
    ['a lone surrogate', '<feed>\uD800</feed>', 6, 6],
    ['U+FFFE', '<feed><!-- \uFFFE --></feed>', 11, 11],
    ['an unterminated comment', '<feed><!-- x</feed>', 6, 19],
    ['an unterminated CDATA section', '<feed><![CDATA[x</feed>', 6, 23],
    ['an unterminated processing instruction', '<?xml version="1.0"<feed/>', 0, 26],
    ['a DOCTYPE', '<!DOCTYPE feed><feed/>', 0, 0],
    ['an ENTITY declaration inside the root', '<feed><!ENTITY x "y"></feed>', 6, 6],
    ['an element named __proto__', '<feed><__proto__/></feed>', 6, 7],
    ['a prefixed element named __proto__', '<feed><x:__proto__>1</x:__proto__></feed>', 6, 7],
    ['a tag with no name', '<feed>< a/></feed>', 6, 7],
    ['a name that starts with a digit', '<feed><1a/></feed>', 6, 7],
    ['a start tag that is not closed', '<feed><a</feed>', 6, 9],
    ['an unterminated end tag', '<feed></feed', 6, 12],
  ];
  for (const [what, xml, low, high] of cases) {
    it(`scanXml() throws XmlSyntaxError for ${what}, at a sensible offset`, () => {
      const error = syntaxErrorOf(xml);
      expect(error.name).toBe('XmlSyntaxError');
      expect(error.message).not.toBe('');
      expect([what, error.offset >= low && error.offset <= high]).toEqual([what, true]);
    });
  }

  it('scanXml() throws XmlSyntaxError for every truncation of a small page before its root closes', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
      + '  <title type=\'text\'>a &amp; b&#x263A;</title><!-- c -->\n  <link rel="via" href="/p/2"/>\n'
      + '  <entry><id>urn:uuid:1</id><content type="application/vnd.atomfeed+xml"><![CDATA[/ws/x?v=full]]></content></entry>\n</feed>\n';
    expect(() => scanXml(xml)).not.toThrow();
    const rootClosed = xml.lastIndexOf('</feed>') + '</feed>'.length;
    for (let cut = 0; cut < rootClosed; cut += 1) {
      const error = syntaxErrorOf(xml.slice(0, cut));
      expect([cut, error.offset >= 0 && error.offset <= cut]).toEqual([cut, true]);
    }
  });
});

describe('readXml() errors', () => {
  it('readXml() turns an XmlSyntaxError into FEED_MALFORMED with the line and column, keeping the caller details', () => {
    const xml = '<feed>\n  <title>x</title>\n  <a></b>\n</feed>';
    const err = catchSyncError(() => readXml(xml, { url: 'http://p/feed/1' }));
    expect(err.code).toBe('FEED_MALFORMED');
    expect(err.details).toMatchObject({ url: 'http://p/feed/1', line: 3, col: 6 });
    expect(typeof err.details['reason']).toBe('string');
    expect(err.cause).toBeInstanceOf(XmlSyntaxError);
  });

  it('readXml() reports an unclosed element at the end of the text', () => {
    const err = catchSyncError(() => readXml('<feed>\n<entry>\n'));
    expect([err.code, err.details['line'], err.details['col']]).toEqual(['FEED_MALFORMED', 3, 1]);
  });

  it('readXml() still refuses DTD markup as FEED_DOCTYPE_REFUSED before scanning', () => {
    const err = catchSyncError(() => readXml('<!DOCTYPE feed [<!ENTITY x "y">]><feed>&x;</feed>'));
    expect(err.code).toBe('FEED_DOCTYPE_REFUSED');
  });

  it('readXml() returns the scanned object for a well-formed page', () => {
    expect(readXml('<feed><entry><id>1</id></entry></feed>')).toEqual({ feed: { entry: [{ id: '1' }] } });
  });
});
