// The Pagefind index written by site/integrations/search-index.ts, read back
// from dist/ the way the browser reads it (gzip-compressed records).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { textFromIndex } from '../../site/scripts/search/index-text.ts';
import { PAGEFIND_WASM_URL } from '../../site/scripts/search/search.ts';
import { foldForSearch } from '../../site/utils/fold.ts';

const dist = new URL('../../dist/', import.meta.url);
const pagefindDir = new URL('pagefind/', dist);

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

function readFragments(): Fragment[] {
  const dir = new URL('fragment/', pagefindDir);
  return readdirSync(dir).map((name) => {
    const raw = gunzipSync(readFileSync(new URL(name, dir))).toString('utf8');
    return JSON.parse(raw.replace(/^pagefind_dcd/, '')) as Fragment;
  });
}

function frontmatter(file: URL): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'));
  return (match ? parse(match[1] ?? '') : {}) as Record<string, unknown>;
}

const guidesDir = new URL('../../content/guides/', import.meta.url);
const guides = readdirSync(guidesDir)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => ({ slug: name.replace(/\.mdx$/, ''), data: frontmatter(new URL(name, guidesDir)) }));
const published = guides.filter((g) => g.data.draft !== true);
const topics = parse(readFileSync(new URL('../../content/topics.yaml', import.meta.url), 'utf8')) as Record<string, { name: string }>;
const errorsDir = new URL('../../content/errors/', import.meta.url);
const errorEntries = readdirSync(errorsDir)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => ({
    slug: name.replace(/\.yaml$/, ''),
    data: parse(readFileSync(new URL(name, errorsDir), 'utf8')) as { message: string; meaning: string; draft?: boolean },
  }))
  .filter((entry) => entry.data.draft !== true);

describe('search index in dist/pagefind', () => {
  const fragments = readFragments();
  const byUrl = new Map(fragments.map((f) => [f.url, f]));

  it('holds exactly the published guides, the four topics and the published "Tra lỗi" entries', () => {
    const expected = [
      ...published.map((g) => `/huong-dan/${g.slug}/`),
      ...Object.keys(topics).map((id) => `/chu-de/${id}/`),
      ...errorEntries.map((e) => `/tra-loi/${e.slug}/`),
    ].sort();
    expect(fragments.map((f) => f.url).sort()).toEqual(expected);
    expect(Object.keys(topics)).toHaveLength(4);
  });

  it('leaves draft guides out', () => {
    for (const draft of guides.filter((g) => g.data.draft === true)) {
      expect(byUrl.has(`/huong-dan/${draft.slug}/`)).toBe(false);
    }
  });

  it('gives each guide its Vietnamese title, description, topic name, folded keywords and the guide filter', () => {
    for (const guide of published) {
      const record = byUrl.get(`/huong-dan/${guide.slug}/`);
      expect(record, guide.slug).toBeDefined();
      if (!record) continue;
      expect(textFromIndex(record.meta.title ?? '')).toBe(String(guide.data.title).normalize('NFC'));
      expect(textFromIndex(record.meta.description ?? '')).toBe(String(guide.data.description).normalize('NFC'));
      expect(textFromIndex(record.meta.topic ?? '')).toBe(topics[String(guide.data.topic)]?.name);
      expect(record.filters.kind).toEqual(['guide']);
      const keywords = (guide.data.keywords as string[] | undefined) ?? [];
      for (const keyword of keywords) expect(record.meta.keywords).toContain(foldForSearch(keyword));
      // The body is indexed (the description comes first), not just the metadata.
      expect(record.content.length).toBeGreaterThan(String(guide.data.description).length);
    }
  });

  it('gives each "Tra lỗi" entry its quoted wording as title, its meaning, the error filter, and indexes its page text', () => {
    expect(errorEntries.length).toBeGreaterThan(0);
    for (const entry of errorEntries) {
      const record = byUrl.get(`/tra-loi/${entry.slug}/`);
      expect(record, entry.slug).toBeDefined();
      expect(textFromIndex(record?.meta.title ?? '')).toBe(`“${entry.data.message.normalize('NFC')}”`);
      expect(textFromIndex(record?.meta.description ?? '')).toBe(entry.data.meaning.normalize('NFC'));
      expect(record?.filters.kind).toEqual(['error']);
      const content = textFromIndex(record?.content ?? '');
      expect(content.startsWith(entry.data.message.normalize('NFC'))).toBe(true);
      expect(content).toContain(entry.data.meaning.normalize('NFC'));
    }
  });

  it('gives each topic its name and the topic filter', () => {
    for (const [id, topic] of Object.entries(topics)) {
      const record = byUrl.get(`/chu-de/${id}/`);
      expect(textFromIndex(record?.meta.title ?? '')).toBe(topic.name);
      expect(record?.filters.kind).toEqual(['topic']);
    }
  });

  it('spells no đ in what Pagefind indexes (Pagefind cannot fold it), yet reads back as Vietnamese', () => {
    for (const record of fragments) {
      expect(`${record.content} ${Object.values(record.meta).join(' ')}`, record.url).not.toMatch(/[đĐ]/);
    }
    const all = fragments.map((f) => textFromIndex(f.content)).join(' ');
    expect(all).toMatch(/điện/);
  });

  it('splits the word index into small chunks, so a search downloads only a few KB of it', () => {
    const dir = new URL('index/', pagefindDir);
    const sizes = readdirSync(dir).map((name) => readFileSync(new URL(name, dir)).length);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8 * 1024);
  });

  it('removes the build-time record pages and the Pagefind UIs we do not use', () => {
    expect(existsSync(new URL('tim-kiem/chi-muc/', dist))).toBe(false);
    expect(existsSync(new URL('tim-kiem/index.html', dist))).toBe(true);
    const files = readdirSync(pagefindDir);
    expect(files).toContain('pagefind.js');
    // The search script preloads the WASM by name: it must be the one Pagefind wrote.
    expect(files.filter((f) => f.startsWith('wasm.')).map((f) => `/pagefind/${f}`)).toEqual([PAGEFIND_WASM_URL]);
    expect(files.filter((f) => /ui|worker|highlight/.test(f))).toEqual([]);
  });
});
