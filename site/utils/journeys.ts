// Journeys as pages use them: published only, each step with its published
// guides, and for one guide where it sits in every journey that holds it.
import { getCollection, type CollectionEntry } from 'astro:content';
import { oncePerBuild, publishedGuides, type Guide } from './guides.ts';

export type Journey = CollectionEntry<'journeys'>;

export interface JourneyStep {
  title: string;
  text?: string;
  guides: Guide[];
}

export interface JourneyWithGuides {
  journey: Journey;
  steps: JourneyStep[];
}

/** Lower `order` first, then by title, like guides. */
const collator = new Intl.Collator('vi');

/**
 * Published journeys with their guides resolved. The schema already rejects a
 * slug with no guide file; a guide that is still a draft fails here, so a
 * journey never shows a step readers cannot open.
 */
export const publishedJourneys: () => Promise<JourneyWithGuides[]> = oncePerBuild(async () => {
  const guides = new Map((await publishedGuides()).map((g) => [g.id, g]));
  const journeys = (await getCollection('journeys', ({ data }) => !data.draft)).sort(
    (a, b) => a.data.order - b.data.order || collator.compare(a.data.title, b.data.title),
  );
  return journeys.map((journey) => ({
    journey,
    steps: journey.data.steps.map((step) => ({
      title: step.title,
      ...(step.text ? { text: step.text } : {}),
      guides: step.guides.map((slug) => {
        const guide = guides.get(slug);
        if (!guide) throw new Error(`content/journeys/${journey.id}.yaml: hướng dẫn "${slug}" còn là bản nháp (draft: true), chưa đưa vào lộ trình được`);
        return guide;
      }),
    })),
  }));
});

export interface JourneyPosition {
  journey: Journey;
  /** 1-based step number of the guide, and the number of steps. */
  step: number;
  total: number;
  /** The following step and the guide to open for it, unless this is the last step. */
  next?: { title: string; guide: Guide };
}

/** Every journey that holds `guideId`, with its step and what comes next. */
export function positionsOf(guideId: string, journeys: JourneyWithGuides[]): JourneyPosition[] {
  return journeys.flatMap(({ journey, steps }) => {
    const index = steps.findIndex((s) => s.guides.some((g) => g.id === guideId));
    if (index === -1) return [];
    const following = steps[index + 1];
    const nextGuide = following?.guides[0];
    return [
      {
        journey,
        step: index + 1,
        total: steps.length,
        ...(following && nextGuide ? { next: { title: following.title, guide: nextGuide } } : {}),
      },
    ];
  });
}
