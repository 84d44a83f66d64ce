// The guide collection as pages use it: published guides only, in the order
// readers should meet them. Draft guides never reach a page, a list or a link.
import { getCollection, type CollectionEntry } from 'astro:content';

export type Guide = CollectionEntry<'guides'>;
export type Topic = CollectionEntry<'topics'>;

const collator = new Intl.Collator('vi');

/** Most needed first (lower priority number), then alphabetical so the order is stable. */
export function byPriority(a: Guide, b: Guide): number {
  return a.data.priority - b.data.priority || collator.compare(a.data.title, b.data.title);
}

/**
 * A build reads each list once, not once per page: every guide page asks for
 * its topic's guides, its journeys and its related guides, and 1,000 guide
 * pages each copying and sorting 1,000 guides three times was the largest
 * share of page rendering in a CPU profile of a 1,000-guide build (issue 20).
 * The lists are shared: callers copy before they sort. `astro dev` reads them
 * afresh on every call, so edits show.
 */
export function oncePerBuild<T>(read: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => {
    if (import.meta.env.DEV) return read();
    kept ??= read();
    return kept;
  };
}

export const publishedGuides: () => Promise<Guide[]> = oncePerBuild(async () => {
  const guides = await getCollection('guides', ({ data }) => !data.draft);
  return guides.sort(byPriority);
});

export const topicsInOrder: () => Promise<Topic[]> = oncePerBuild(async () => {
  const topics = await getCollection('topics');
  return topics.sort((a, b) => a.data.order - b.data.order);
});

/** Published guides by topic, each in reading order. */
const guidesByTopic = oncePerBuild(async (): Promise<Map<string, Guide[]>> => Map.groupBy(await publishedGuides(), (guide) => guide.data.topic));

/** Every guide, drafts included, by slug (a related guide that is a draft must still be told from a typo). */
const allGuidesById = oncePerBuild(async () => new Map((await getCollection('guides')).map((guide) => [guide.id, guide])));

export async function guidesOfTopic(topicId: string): Promise<Guide[]> {
  return (await guidesByTopic()).get(topicId) ?? [];
}

export async function topicOf(guide: Guide): Promise<Topic> {
  const topic = (await topicsInOrder()).find((t) => t.id === guide.data.topic);
  if (!topic) throw new Error(`content/topics.yaml: thiếu chủ đề "${guide.data.topic}" (hướng dẫn ${guide.id})`);
  return topic;
}

/** The neighbours of a guide in its topic's reading order (the topic page's order). */
export async function previousAndNext(guide: Guide): Promise<{ previous?: Guide; next?: Guide }> {
  const siblings = await guidesOfTopic(guide.data.topic);
  const index = siblings.findIndex((g) => g.id === guide.id);
  return { previous: siblings[index - 1], next: siblings[index + 1] };
}

/**
 * The guides listed in `related`, in the editor's order. A slug that names no
 * guide fails the build (Astro's own reference() only logs it); a related guide
 * that is still a draft is left out until it is published.
 */
export async function relatedGuides(guide: Guide): Promise<Guide[]> {
  const all = await allGuidesById();
  return guide.data.related.flatMap((slug) => {
    const found = all.get(slug);
    if (!found) {
      throw new Error(`content/guides/${guide.id}.mdx: related: không có hướng dẫn nào tên "${slug}" (ghi tên tệp trong content/guides, không có .mdx)`);
    }
    return found.data.draft || found.id === guide.id ? [] : [found];
  });
}
