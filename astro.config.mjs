// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { searchIndex } from './site/integrations/search-index.ts';
import { offlineWorker } from './site/integrations/offline.ts';

// The site is static: the Worker in functions/ serves dist/ as assets and
// renders the dynamic pages (directory, reports) itself.
export default defineConfig({
  srcDir: './site',
  outDir: './dist',
  site: process.env.SITE_URL ?? 'https://camnangso.example.vn',
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // Guide pages must paint after one round trip: CSS goes inline, never as a
    // render-blocking request (budget checked in test/build).
    inlineStylesheets: 'always',
  },
  // offlineWorker last: its build id hashes everything the others wrote.
  integrations: [mdx(), searchIndex(), offlineWorker()],
  devToolbar: { enabled: false },
  // Per checkout, not in node_modules: parallel builds of several checkouts
  // sharing one node_modules must not share Astro's content data store.
  cacheDir: './.astro/cache',
});
