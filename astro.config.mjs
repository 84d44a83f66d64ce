// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { searchIndex } from './site/integrations/search-index.ts';
import { buildDone } from './site/integrations/build-done.ts';

// The site's one public origin: canonical links, og:url, og:image, the
// sitemap, robots.txt, preview images and share links all come from it. A
// production build (DEPLOY=1, set by `npm run deploy` and the deploy workflow)
// must be given SITE_URL; local builds (npm start, npm test) default to the
// local Worker, so nothing placeholder-like can reach production.
const LOCAL_SITE_URL = 'http://localhost:8787';
function siteUrl() {
  const value = process.env.SITE_URL?.trim();
  if (!value) {
    if (process.env.DEPLOY === '1') {
      throw new Error(
        'SITE_URL is not set: a production build needs the public origin of the site, e.g. SITE_URL=https://camnangso.gov.vn npm run deploy (see DEPLOY.md).',
      );
    }
    return LOCAL_SITE_URL;
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SITE_URL is not a URL: "${value}" (expected e.g. https://camnangso.gov.vn)`);
  }
  if (process.env.DEPLOY === '1' && url.protocol !== 'https:') {
    throw new Error(`SITE_URL must be an https:// origin for a production build, not "${value}".`);
  }
  return url.origin;
}

// The site is static: the Worker in functions/ serves dist/ as assets and
// renders the dynamic pages (directory, reports) itself.
export default defineConfig({
  srcDir: './site',
  outDir: './dist',
  site: siteUrl(),
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // Guide pages must paint after one round trip: CSS goes inline, never as a
    // render-blocking request (budget checked in test/build).
    inlineStylesheets: 'always',
  },
  // buildDone: the search index, the security headers, then the service worker (its build id hashes everything the others wrote).
  integrations: [mdx(), searchIndex(), buildDone()],
  devToolbar: { enabled: false },
  // Per checkout, not in node_modules: parallel builds of several checkouts
  // sharing one node_modules must not share Astro's content data store.
  cacheDir: './.astro/cache',
});
