import { describe, expect, it } from 'vitest';
import { decodeXmlEntities, strictEntityDecoder } from '../../../src/core/atom/_xml-entity-decoder.ts';
import { findDtdMarkup } from '../../../src/core/atom/_read-xml.ts';

describe('the strict entity decoder', () => {
  it('decodeXmlEntities() decodes the five XML entities and character references', () => {
    expect(decodeXmlEntities('&lt;a&gt; &amp;amp; &quot;&apos; &#233;&#x1F600;')).toBe('<a> &amp; "\' é😀');
  });

  it('decodeXmlEntities() throws on an undeclared entity instead of keeping or expanding it', () => {
    expect(() => decodeXmlEntities('&lol9;')).toThrow();
    expect(() => decodeXmlEntities('a & b')).toThrow();
  });

  it('decodeXmlEntities() throws on character references XML forbids', () => {
    for (const ref of ['&#0;', '&#x1;', '&#xD800;', '&#xFFFE;', '&#x110000;']) expect(() => decodeXmlEntities(ref)).toThrow();
  });

  it('strictEntityDecoder ignores every entity a document or caller registers', () => {
    strictEntityDecoder.addInputEntities();
    strictEntityDecoder.setExternalEntities();
    expect(() => strictEntityDecoder.decode('&a;')).toThrow();
  });
});

describe('findDtdMarkup()', () => {
  it('findDtdMarkup() finds DTD markup but skips CDATA sections and comments', () => {
    expect(findDtdMarkup('<a><![CDATA[<!DOCTYPE x>]]><!-- <!ENTITY y> --></a>')).toBe(-1);
    expect(findDtdMarkup('<a><![CDATA[x]]><!ENTITY y "z"></a>')).toBe(16);
    expect(findDtdMarkup('<!DOCTYPE a><a/>')).toBe(0);
  });

  it('findDtdMarkup() leaves a text cut inside a CDATA or comment opener to the well-formedness check', () => {
    expect(findDtdMarkup('<a><![CD')).toBe(-1);
    expect(findDtdMarkup('<a><!-')).toBe(-1);
    expect(findDtdMarkup('<a><!D')).toBe(3);
  });
});
