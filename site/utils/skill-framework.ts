import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type SkillFramework, skillFrameworkSchema } from '../schemas/skills.ts';

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
