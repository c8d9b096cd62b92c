import { describe, expect, it } from 'vitest';
import { isFeedFilterTerm, parseFeedFilterTerm, writeFeedFilterTerm } from '../../../src/core/atom/feed-filter-term.ts';
import { catchSyncError } from './_catch-sync-error.ts';

// The exact string JAXB writes in openmrs-module-atomfeed (XMLParseServiceImpl).
const openmrsTerm = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><feedFilter>' +
  '<beanName>atomfeed.locationFeedFilterStrategy</beanName><filter>Kenya%Nairobi%null%Kibera%00100</filter></feedFilter>';

describe('feedFilter terms', () => {
  it('parseFeedFilterTerm() reads the bean name and value OpenMRS writes', () => {
    expect(parseFeedFilterTerm(openmrsTerm)).toEqual({
      bean: 'atomfeed.locationFeedFilterStrategy',
      value: 'Kenya%Nairobi%null%Kibera%00100',
    });
  });

  it('writeFeedFilterTerm() writes exactly what OpenMRS writes', () => {
    expect(writeFeedFilterTerm({ bean: 'atomfeed.locationFeedFilterStrategy', value: 'Kenya%Nairobi%null%Kibera%00100' }))
      .toBe(openmrsTerm);
  });

  it('parseFeedFilterTerm() decodes entities inside the filter document', () => {
    const term = writeFeedFilterTerm({ bean: 'a&b', value: '<x>%"y"' });
    expect(term).toContain('<beanName>a&amp;b</beanName>');
    expect(parseFeedFilterTerm(term)).toEqual({ bean: 'a&b', value: '<x>%"y"' });
  });

  it('parseFeedFilterTerm() tolerates a pretty-printed document', () => {
    const term = '<feedFilter>\n  <beanName> b </beanName>\n  <filter>\n    *%Nairobi\n  </filter>\n</feedFilter>';
    expect(parseFeedFilterTerm(term)).toEqual({ bean: 'b', value: '*%Nairobi' });
  });

  it('parseFeedFilterTerm() refuses XML that is not a feedFilter, with the given details', () => {
    const err = catchSyncError(() => parseFeedFilterTerm('<other><beanName>b</beanName></other>', { entryId: 'e' }));
    expect([err.code, err.details['entryId']]).toEqual(['FEED_MALFORMED', 'e']);
    expect(catchSyncError(() => parseFeedFilterTerm('<feedFilter><beanName>b</beanName><filter>1</filter><filter>2</filter></feedFilter>')).code)
      .toBe('FEED_MALFORMED');
  });

  it('isFeedFilterTerm() tells XML terms from names and actions', () => {
    expect([isFeedFilterTerm(openmrsTerm), isFeedFilterTerm(' <feedFilter/>'), isFeedFilterTerm('patient'), isFeedFilterTerm('CREATED')])
      .toEqual([true, true, false, false]);
  });
});
