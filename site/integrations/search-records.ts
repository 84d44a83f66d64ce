// The guide records of the search index (issue 20): a record page
// (site/pages/tim-kiem/chi-muc/) carries a guide's title, topic, description,
// keywords and "prepare" list, and GUIDE_BODY_SLOT where the guide's body goes;
// the body is taken from the built guide page (dist/huong-dan/<slug>/), so
// each guide is rendered once per build, not once for readers and once more
// for the index. Pure string work: test/unit/search-records.test.ts.

/** Stands in the record page where the guide's body goes (an HTML comment: nothing if it were ever shown). */
export const GUIDE_BODY_SLOT = '<!--guide-body-->';

const CONTENT_OPEN = '<div class="guide-content">';

/**
 * The inner HTML of the guide page's `<div class="guide-content">`: what the
 * guide's MDX rendered to, with the same authoring components. Astro writes
 * well-formed HTML, so counting <div> and </div> finds its end; a page without
 * it (a layout change) fails the build rather than index guides without bodies.
 */
export function guideBodyOf(pageHtml: string, page: string): string {
  const start = pageHtml.indexOf(CONTENT_OPEN);
  if (start === -1) throw new Error(`search index: ${page} has no ${CONTENT_OPEN}`);
  const from = start + CONTENT_OPEN.length;
  const tags = /<div\b[^>]*>|<\/div>/g;
  tags.lastIndex = from;
  let depth = 1;
  for (let tag = tags.exec(pageHtml); tag; tag = tags.exec(pageHtml)) {
    depth += tag[0] === '</div>' ? -1 : 1;
    if (depth === 0) return pageHtml.slice(from, tag.index);
  }
  throw new Error(`search index: ${page}: ${CONTENT_OPEN} is never closed`);
}

/** The record page with the guide's body in its slot. */
export function withGuideBody(recordHtml: string, body: string, page: string): string {
  const at = recordHtml.indexOf(GUIDE_BODY_SLOT);
  if (at === -1) throw new Error(`search index: the record of ${page} has no body slot`);
  return recordHtml.slice(0, at) + body + recordHtml.slice(at + GUIDE_BODY_SLOT.length);
}
