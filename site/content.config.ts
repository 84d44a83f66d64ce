import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { guideSchema } from './schemas/guide.ts';
import { topicSchema } from './schemas/topic.ts';

// Editors only touch content/: guides are MDX files, topics one YAML file.
const guides = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/guides' }),
  schema: guideSchema,
});

const topics = defineCollection({
  loader: file('./content/topics.yaml'),
  schema: topicSchema,
});

export const collections = { guides, topics };
