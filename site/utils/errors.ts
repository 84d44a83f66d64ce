// "Tra lỗi" entries as pages use them: published only, each with the guide (and
// the guide's section) it sends the reader to, grouped by the app that shows them.
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { errorApps, type ErrorApp } from '../schemas/error.ts';
import { publishedGuides, type Guide } from './guides.ts';

export type ErrorEntry = CollectionEntry<'errors'>;

export interface ErrorWithGuide {
  entry: ErrorEntry;
  guide?: Guide;
  /** Anchor of entry.data.section in the guide page (the id Astro gave that heading). */
  sectionId?: string;
}

const collator = new Intl.Collator('vi');

/**
 * Published entries, app by app in the order of `errorApps`, then by wording.
 * A guide that is a draft, or a section heading the guide does not have, fails
 * the build here, so a page never sends a reader to something missing.
 */
export async function publishedErrors(): Promise<ErrorWithGuide[]> {
  const guides = new Map((await publishedGuides()).map((g) => [g.id, g]));
  const appOrder = Object.keys(errorApps);
  const entries = (await getCollection('errors', ({ data }) => !data.draft)).sort(
    (a, b) => appOrder.indexOf(a.data.app) - appOrder.indexOf(b.data.app) || collator.compare(a.data.message, b.data.message),
  );
  return Promise.all(
    entries.map(async (entry) => {
      const { guide: slug, section } = entry.data;
      if (!slug) return { entry };
      const guide = guides.get(slug);
      if (!guide) throw new Error(`content/errors/${entry.id}.yaml: hướng dẫn "${slug}" còn là bản nháp (draft: true)`);
      if (!section) return { entry, guide };
      const heading = (await render(guide)).headings.find((h) => h.text.trim() === section.trim());
      if (!heading) throw new Error(`content/errors/${entry.id}.yaml: hướng dẫn "${slug}" không có mục "${section}"`);
      return { entry, guide, sectionId: heading.slug };
    }),
  );
}

/** Entries grouped by app, in the order of `errorApps`, leaving out apps with none. */
export function byApp(items: ErrorWithGuide[]): { app: ErrorApp; name: string; items: ErrorWithGuide[] }[] {
  return (Object.keys(errorApps) as ErrorApp[])
    .map((app) => ({ app, name: errorApps[app], items: items.filter((i) => i.entry.data.app === app) }))
    .filter((group) => group.items.length > 0);
}
