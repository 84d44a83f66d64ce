import { describe, expect, it } from 'vitest';
import { checkPublishedUrls, withNewGuides } from '../../scripts/lib/published-urls.ts';

describe('checkPublishedUrls', () => {
  it('passes when every published URL is built', () => {
    expect(checkPublishedUrls(['/huong-dan/a/'], ['a'], {})).toEqual({ broken: [], unlisted: [] });
  });

  it('reports a published guide that disappeared without a redirect', () => {
    expect(checkPublishedUrls(['/huong-dan/a/', '/huong-dan/b/'], ['b'], {}).broken).toEqual(['/huong-dan/a/']);
  });

  it('accepts a published guide that was renamed with a redirect to a built guide', () => {
    expect(checkPublishedUrls(['/huong-dan/a/'], ['b'], { a: 'b' }).broken).toEqual([]);
    expect(checkPublishedUrls(['/huong-dan/a/'], ['c'], { a: 'b' }).broken).toEqual(['/huong-dan/a/']);
  });

  it('reports malformed manifest entries as broken', () => {
    expect(checkPublishedUrls(['/huong-dan/a', 'huong-dan/a/'], ['a'], {}).broken).toEqual(['/huong-dan/a', 'huong-dan/a/']);
  });

  it('reports built guides missing from the manifest', () => {
    expect(checkPublishedUrls(['/huong-dan/a/'], ['a', 'b'], {}).unlisted).toEqual(['/huong-dan/b/']);
  });
});

describe('"Tra lỗi" pages in the manifest', () => {
  it('reports a published entry page that is no longer built, and a built one not listed', () => {
    const pages = ['/tra-loi/', '/tra-loi/b/'];
    expect(checkPublishedUrls(['/tra-loi/', '/tra-loi/a/', '/tra-loi/b/'], [], {}, pages)).toEqual({ broken: ['/tra-loi/a/'], unlisted: [] });
    expect(checkPublishedUrls(['/tra-loi/'], [], {}, pages).unlisted).toEqual(['/tra-loi/b/']);
  });

  it('adds new entry pages with the guides, keeping old ones', () => {
    const { urls, added } = withNewGuides(['/tra-loi/'], ['g'], ['/tra-loi/', '/tra-loi/moi/']);
    expect(added).toEqual(['/huong-dan/g/', '/tra-loi/moi/']);
    expect(urls).toEqual(['/huong-dan/g/', '/tra-loi/', '/tra-loi/moi/']);
  });
});

describe('withNewGuides', () => {
  it('adds new guide URLs and never removes old ones', () => {
    const { urls, added } = withNewGuides(['/huong-dan/z-cu/'], ['a-moi']);
    expect(added).toEqual(['/huong-dan/a-moi/']);
    expect(urls).toEqual(['/huong-dan/a-moi/', '/huong-dan/z-cu/']);
  });
});
