import { describe, expect, it } from 'vitest';
import { parseFeedPage } from '../../../src/core/atom/parse-feed-page.ts';
import { catchSyncError } from './_catch-sync-error.ts';
import { readFixture } from './_read-fixture.ts';

const via = '<link rel="via" href="http://h/openmrs/ws/atomfeed/patient/1"/>';

function page(body: string, links = via): string {
  return `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>${links}<id>f+1</id>${body}</feed>`;
}

function entry(terms: readonly string[], content = '<![CDATA[{"rest":"/ws/rest/v1/patient/p"}]]>', id = 'e1'): string {
  return `<entry><title>Patient</title>${terms.map((t) => `<category term="${t}"/>`).join('')}` +
    `<id>tag:atomfeed.ict4h.org:${id}</id><updated>u</updated><published>p</published>` +
    `<content type="application/vnd.atomfeed+xml">${content}</content></entry>`;
}

const lolBomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&lol9;</title>${via}</feed>`;

describe('parseFeedPage() refuses DTDs and entities', () => {
  it('parseFeedPage() refuses a billion-laughs entity bomb without expanding it', () => {
    const err = catchSyncError(() => parseFeedPage(lolBomb));
    expect(err.code).toBe('FEED_DOCTYPE_REFUSED');
    expect(err.details['markup']).toBe('<!DOCTYPE lo');
  });

  it('parseFeedPage() refuses an external entity', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${page('<title>&xxe;</title>')}`;
    expect(catchSyncError(() => parseFeedPage(xxe)).code).toBe('FEED_DOCTYPE_REFUSED');
  });

  for (const [name, xml] of [
    ['a bare DOCTYPE', `<!DOCTYPE feed>${page('')}`],
    ['a DOCTYPE after a comment', `<!-- hello -->\n<!DOCTYPE feed SYSTEM "http://evil/x.dtd">${page('')}`],
    ['a lower-case doctype', `<!doctype feed>${page('')}`],
    ['a DOCTYPE inside the root', page('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')],
    ['an ENTITY declaration alone', page('<!ENTITY a "b">')],
    ['a DTD hidden after a CDATA section', page(entry(['patient', 'CREATED']) + '<!ELEMENT feed ANY>')],
  ] as const) {
    it(`parseFeedPage() refuses ${name}`, () => {
      expect(catchSyncError(() => parseFeedPage(xml)).code).toBe('FEED_DOCTYPE_REFUSED');
    });
  }

  it('parseFeedPage() refuses a DOCTYPE smuggled inside an escaped feedFilter term', () => {
    const term = '&lt;!DOCTYPE x [&lt;!ENTITY a &quot;b&quot;&gt;]&gt;&lt;feedFilter&gt;&lt;beanName&gt;&amp;a;&lt;/beanName&gt;&lt;filter&gt;v&lt;/filter&gt;&lt;/feedFilter&gt;';
    const err = catchSyncError(() => parseFeedPage(page(entry(['patient', 'CREATED', term]))));
    expect(err.code).toBe('FEED_DOCTYPE_REFUSED');
    expect(err.details['entryId']).toBe('e1');
  });

  it('parseFeedPage() accepts DOCTYPE-like text inside CDATA content', () => {
    const result = parseFeedPage(page(entry(['patient', 'CREATED'], '<![CDATA[{"rest":"/ws/<!DOCTYPE x>"}]]>')));
    expect(result.entries[0]?.links).toEqual({ rest: '/ws/<!DOCTYPE x>' });
  });

  it('parseFeedPage() treats an undeclared entity reference as malformed', () => {
    expect(catchSyncError(() => parseFeedPage(page('<title>&xxe;</title>'))).code).toBe('FEED_MALFORMED');
  });
});

describe('parseFeedPage() refuses malformed pages', () => {
  it('parseFeedPage() refuses a fixture truncated anywhere', async () => {
    const xml = await readFixture('patient-page-2.xml');
    for (let cut = 0; cut < xml.length - 8; cut += 13) {
      const err = catchSyncError(() => parseFeedPage(xml.slice(0, cut)));
      expect([cut, err.code]).toEqual([cut, 'FEED_MALFORMED']);
    }
  });

  for (const [name, xml] of [
    ['an RSS root', '<rss><channel/></rss>'],
    ['text that is not XML', 'Internal Server Error'],
    ['an empty body', ''],
    ['an element named __proto__', page('<__proto__>x</__proto__>')],
    ['two links with the same relation', page('', via + via)],
    ['a repeated feed title', page('<title>again</title>')],
    ['a repeated entry id', page(entry(['patient', 'CREATED']).replace('<updated>', '<id>again</id><updated>'))],
  ] as const) {
    it(`parseFeedPage() refuses ${name} as FEED_MALFORMED`, () => {
      expect(catchSyncError(() => parseFeedPage(xml)).code).toBe('FEED_MALFORMED');
    });
  }

  it('parseFeedPage() refuses a page without a via link', () => {
    const noVia = page('', '<link rel="self" href="http://h/s"/>');
    expect(catchSyncError(() => parseFeedPage(noVia)).code).toBe('FEED_MISSING_VIA');
    expect(catchSyncError(() => parseFeedPage(page('', '<link rel="via" href=" "/>'))).code).toBe('FEED_MISSING_VIA');
  });

  it('parseFeedPage() refuses an unknown action term, naming the entry', () => {
    const err = catchSyncError(() => parseFeedPage(page(entry(['patient', 'PURGED'], undefined, 'ev-7'))));
    expect(err.code).toBe('FEED_MALFORMED');
    expect(err.details['entryId']).toBe('ev-7');
    expect(err.message).toContain('PURGED');
  });

  for (const [name, terms] of [
    ['no action', ['patient']],
    ['two actions', ['patient', 'CREATED', 'UPDATED']],
    ['no category', ['CREATED']],
    ['two categories', ['patient', 'person', 'CREATED']],
    ['a feedFilter without a filter value', ['patient', 'CREATED', '&lt;feedFilter&gt;&lt;beanName&gt;b&lt;/beanName&gt;&lt;/feedFilter&gt;']],
    ['a term that is broken XML', ['patient', 'CREATED', '&lt;feedFilter&gt;']],
  ] as const) {
    it(`parseFeedPage() refuses an entry with ${name}, naming it`, () => {
      const err = catchSyncError(() => parseFeedPage(page(entry(terms))));
      expect([err.code, err.details['entryId']]).toEqual(['FEED_MALFORMED', 'e1']);
    });
  }

  it('parseFeedPage() refuses an entry without an id', () => {
    const err = catchSyncError(() => parseFeedPage(page(entry(['patient', 'CREATED']).replace('tag:atomfeed.ict4h.org:e1', ''))));
    expect([err.code, err.details['entryIndex']]).toEqual(['FEED_MALFORMED', 0]);
  });
});

describe('parseFeedPage() refuses bad content and oversized pages', () => {
  for (const [name, content] of [
    ['text', 'not json'],
    ['a JSON array', '<![CDATA[["/ws/rest/v1/patient/p"]]]>'],
    ['JSON null', 'null'],
    ['a number value', '<![CDATA[{"rest":1}]]>'],
    ['a nested object', '<![CDATA[{"rest":{"path":"/x"}}]]>'],
    ['nothing', ''],
  ] as const) {
    it(`parseFeedPage() refuses content that is ${name} with FEED_CONTENT_NOT_JSON`, () => {
      const err = catchSyncError(() => parseFeedPage(page(entry(['patient', 'CREATED'], content, 'ev-3'))));
      expect([err.code, err.details['entryId']]).toEqual(['FEED_CONTENT_NOT_JSON', 'ev-3']);
    });
  }

  it('parseFeedPage() refuses an entry without content with FEED_CONTENT_NOT_JSON', () => {
    const xml = page(entry(['patient', 'CREATED']).replace(/<content.*<\/content>/, ''));
    expect(catchSyncError(() => parseFeedPage(xml)).code).toBe('FEED_CONTENT_NOT_JSON');
  });

  it('parseFeedPage() keeps a "__proto__" client name as a plain key', () => {
    const result = parseFeedPage(page(entry(['patient', 'CREATED'], '<![CDATA[{"__proto__":"/ws/x"}]]>')));
    const links = result.entries[0]?.links ?? {};
    expect(Object.getPrototypeOf(links)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(links, '__proto__')?.value).toBe('/ws/x');
  });

  it('parseFeedPage() refuses a page over the byte limit, counting UTF-8 bytes', () => {
    const xml = page('').replace('<title>T</title>', `<title>${'é'.repeat(600)}</title>`);
    const bytes = xml.length + 600;
    expect(parseFeedPage(xml, { maxBytes: bytes }).title).toBe('é'.repeat(600));
    const err = catchSyncError(() => parseFeedPage(xml, { maxBytes: bytes - 1 }));
    expect(err.code).toBe('FEED_TOO_LARGE');
    expect(err.details).toEqual({ limit: bytes - 1, bytes });
  });

  it('parseFeedPage() refuses a page over the default 8 MiB limit', () => {
    const xml = page('').replace('<title>T</title>', `<title>${'x'.repeat(8 * 1024 * 1024)}</title>`);
    const err = catchSyncError(() => parseFeedPage(xml));
    expect([err.code, err.details['limit'], err.details['atLeastBytes']]).toEqual(['FEED_TOO_LARGE', 8 * 1024 * 1024, xml.length]);
  });
});
