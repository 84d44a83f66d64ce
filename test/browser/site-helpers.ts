// Which built pages the site browser tests visit: read from dist/ so the tests
// follow whatever guides and topics exist, never a hard-coded list.
import { readFileSync } from 'node:fs';
import { builtPages } from '../../scripts/lib/page-weight.ts';

const pages = builtPages();

export const guidePaths = pages.filter((p) => p.type === 'guide').map((p) => p.path);
export const topicPaths = pages.filter((p) => p.type === 'topic').map((p) => p.path);
/** Journey pages (/lo-trinh/<slug>/), read from dist/ like the rest. */
export const journeyPaths = pages.filter((p) => /^\/lo-trinh\/[^/]+\/$/.test(p.path)).map((p) => p.path);

/** A guide whose content uses <Steps>, to check numbered steps are readable. */
export const guideWithSteps = pages.find((p) => p.type === 'guide' && readFileSync(p.file, 'utf8').includes('class="steps"'))?.path ?? guidePaths[0]!;

export const samplePages = {
  home: '/',
  topics: '/chu-de/',
  topic: topicPaths[0]!,
  guide: guideWithSteps,
  about: '/gioi-thieu/',
  journeys: '/lo-trinh/',
  journey: journeyPaths[0]!,
  guideInJourney: pages.find((p) => p.type === 'guide' && readFileSync(p.file, 'utf8').includes('<aside class="journey-position"'))?.path ?? guidePaths[0]!,
  notFound: '/trang-nay-khong-co/',
  guideNotFound: '/huong-dan/khong-co-huong-dan-nay/',
};
