import { readdirSync } from 'node:fs';
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { errorSchemaFor } from './schemas/error.ts';
import { guideSchema } from './schemas/guide.ts';
import { journeySchemaFor } from './schemas/journey.ts';
import { topicSchema } from './schemas/topic.ts';
import { loadSkillFramework, skillCodesOf } from './utils/skill-framework.ts';

// Editors only touch content/: guides are MDX files, topics one YAML file,
// journeys one YAML file each.
const guides = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/guides' }),
  schema: guideSchema,
});

const topics = defineCollection({
  loader: file('./content/topics.yaml'),
  schema: topicSchema,
});

/** Every guide file name, so a journey naming a guide that does not exist fails its schema. */
const guideSlugs = new Set(
  readdirSync('./content/guides')
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => f.slice(0, -4)),
);

const journeys = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/journeys' }),
  schema: journeySchemaFor(guideSlugs, skillCodesOf(loadSkillFramework())),
});

// "Tra lỗi" (issue 19): one YAML file per message an app shows.
const errors = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/errors' }),
  schema: errorSchemaFor(guideSlugs),
});

export const collections = { guides, topics, journeys, errors };
