// The skills page's data: each skill area of the framework file with the
// published guides and journeys that name its code, in reading order.
import { publishedGuides, type Guide } from './guides.ts';
import { publishedJourneys, type Journey } from './journeys.ts';
import { groupBySkillArea, loadSkillFramework, type SkillAreaEntries } from './skill-framework.ts';

export type SkillAreaWithGuides = SkillAreaEntries<Guide, Journey>;

export async function skillAreasWithGuides(): Promise<SkillAreaWithGuides[]> {
  const guides = await publishedGuides();
  const journeys = (await publishedJourneys()).map(({ journey }) => journey);
  return groupBySkillArea(loadSkillFramework(), guides, journeys);
}
