import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type SkillArea, type SkillFramework, skillFrameworkSchema } from '../schemas/skills.ts';

export const skillFrameworkFile = 'khung-ky-nang-so.yaml';

/**
 * Reads and validates content/khung-ky-nang-so.yaml. Build-time only (Node):
 * the schemas of guides and journeys take their known codes from it.
 */
export function loadSkillFramework(contentDir = 'content'): SkillFramework {
  const data: unknown = parseYaml(readFileSync(join(contentDir, skillFrameworkFile), 'utf8'));
  return skillFrameworkSchema.parse(data);
}

export const skillCodesOf = (framework: SkillFramework): ReadonlySet<string> => new Set(framework.areas.map((area) => area.code));

/** Anything that names skill areas: a guide or a journey entry. */
interface NamesSkills {
  data: { skills: readonly string[] };
}

export interface SkillAreaEntries<G, J> {
  area: SkillArea;
  guides: G[];
  journeys: J[];
}

/**
 * Each area of the framework, in its order, with exactly the guides and journeys
 * that name its code, in the order given (an entry naming two areas is under both).
 */
export function groupBySkillArea<G extends NamesSkills, J extends NamesSkills>(
  framework: Pick<SkillFramework, 'areas'>,
  guides: readonly G[],
  journeys: readonly J[],
): SkillAreaEntries<G, J>[] {
  return framework.areas.map((area) => ({
    area,
    guides: guides.filter((guide) => guide.data.skills.includes(area.code)),
    journeys: journeys.filter((journey) => journey.data.skills.includes(area.code)),
  }));
}
