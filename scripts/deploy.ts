// `npm run deploy`: build the site for its public origin, apply D1 migrations
// to the remote database, then upload the Worker and its assets. Every step
// stops the pipeline on failure; DEPLOY.md says what must exist first.
//
//   SITE_URL=https://camnangso.gov.vn npm run deploy
import { readFileSync } from 'node:fs';
import { run } from './run.ts';

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

const siteUrl = process.env.SITE_URL?.trim();
if (!siteUrl) fail('SITE_URL is not set. Run: SITE_URL=https://<your domain> npm run deploy (DEPLOY.md, step 6).');
let origin: string;
try {
  origin = new URL(siteUrl).origin;
} catch {
  fail(`SITE_URL is not a URL: "${siteUrl}".`);
}
if (!origin.startsWith('https://')) fail(`SITE_URL must start with https:// (got "${siteUrl}").`);

const config = readFileSync('wrangler.toml', 'utf8');
if (/database_id\s*=\s*"0{8}-0{4}-0{4}-0{4}-0{12}"/.test(config)) {
  fail('wrangler.toml still has the placeholder database_id: create the D1 database and paste its id (DEPLOY.md, step 2).');
}

// DEPLOY=1: the build refuses to run without SITE_URL (astro.config.mjs).
run('npm', ['run', 'build'], { DEPLOY: '1', SITE_URL: origin });
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--remote']);
// The preview image Worker first: the citizens' Worker's OG_IMAGES binding names it (issue 20).
run('npx', ['wrangler', 'deploy', '-c', 'wrangler.og.toml']);
// The Worker gets the same origin the site was built with (functions/site-origin.ts).
run('npx', ['wrangler', 'deploy', '--var', `SITE_URL:${origin}`]);
console.log(`\n✔ Deployed ${origin}`);
