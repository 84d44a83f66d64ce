// The site's origin comes from SITE_URL alone (astro.config.mjs): a production
// build without it fails, and a build with it leaves no placeholder or local
// origin anywhere in what would be uploaded.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ORIGIN = 'https://camnangso-kiem-thu.gov.vn';
const outDir = mkdtempSync(join(tmpdir(), 'camnangso-site-url-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function astroBuild(env: Record<string, string | undefined>) {
  const clean = { ...process.env };
  delete clean.SITE_URL;
  delete clean.DEPLOY;
  return spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
    encoding: 'utf8',
    env: { ...clean, ...env, FORCE_COLOR: '0' } as NodeJS.ProcessEnv,
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('SITE_URL', () => {
  it('is required by a production build (DEPLOY=1), with a clear message', () => {
    const result = astroBuild({ DEPLOY: '1' });
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('SITE_URL is not set');
  }, 60_000);

  it('must be https in a production build', () => {
    const result = astroBuild({ DEPLOY: '1', SITE_URL: 'http://camnangso.gov.vn' });
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('SITE_URL must be an https:// origin');
  }, 60_000);

  it('is the only origin in a build made with it: no example.vn, no localhost anywhere in dist/', () => {
    const result = astroBuild({ DEPLOY: '1', SITE_URL: ORIGIN });
    expect(result.status, result.stderr).toBe(0);
    const files = filesUnder(outDir);
    expect(files.length).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file).toString('latin1');
      if (/example\.vn|localhost|127\.0\.0\.1/.test(text)) offenders.push(file.slice(outDir.length));
    }
    expect(offenders).toEqual([]);

    const home = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(home).toContain(`<link rel="canonical" href="${ORIGIN}/">`);
    expect(home).toContain(`<meta property="og:url" content="${ORIGIN}/">`);
    expect(readFileSync(join(outDir, 'robots.txt'), 'utf8')).toContain(`${ORIGIN}/sitemap.xml`);
    expect(readFileSync(join(outDir, 'sitemap.xml'), 'utf8')).toContain(`<loc>${ORIGIN}/huong-dan/`);
    const guide = files.find((f) => /huong-dan\/[^/]+\/index\.html$/.test(f))!;
    const guideHtml = readFileSync(guide, 'utf8');
    expect(guideHtml).toMatch(new RegExp(`<meta property="og:image" content="${ORIGIN}/og/[a-z0-9-]+\\.png"`));
    expect(guideHtml).toContain(`value="${ORIGIN}/huong-dan/`);
  }, 300_000);
});
