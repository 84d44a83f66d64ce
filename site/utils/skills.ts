// The skills page's data: each skill area of the framework file with the
// published guides and journeys that name its code, in reading order.
import type { SkillArea } from '../schemas/skills.ts';
import { publishedGuides, type Guide } from './guides.ts';
import { publishedJourneys, type Journey } from './journeys.ts';
import { loadSkillFramework } from './skill-framework.ts';

export interface SkillAreaWithGuides {
  area: SkillArea;
  guides: Guide[];
  journeys: Journey[];
}

export async function skillAreasWithGuides(): Promise<SkillAreaWithGuides[]> {
  const guides = await publishedGuides();
  const journeys = (await publishedJourneys()).map(({ journey }) => journey);
  return loadSkillFramework().areas.map((area) => ({
    area,
    guides: guides.filter((guide) => guide.data.skills.includes(area.code)),
    journeys: journeys.filter((journey) => journey.data.skills.includes(area.code)),
  }));
}
