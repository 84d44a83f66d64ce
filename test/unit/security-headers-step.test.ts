// The CSP step of the build (site/integrations/security-headers.ts) runs beside
// the search index step, which reads and deletes the search records: it must
// hash the pages people are served and leave the records alone.
import type { AstroIntegrationLogger } from 'astro';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filesUnder } from '../../site/integrations/dist-files.ts';
import { RECORDS_DIR } from '../../site/integrations/search-index.ts';
import { writeSecurityHeaders } from '../../site/integrations/security-headers.ts';
import { CSP_HASHES_PATH } from '../../site/security/policy.ts';

const logger = { info: () => {} } as unknown as AstroIntegrationLogger;
const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
const roots: string[] = [];

async function site(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'camnangso-csp-step-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

describe('writeSecurityHeaders', () => {
  it('hashes the inline code of served pages, not of the search records', async () => {
    const root = await site({
      'huong-dan/a/index.html': '<html><head><style>p{color:red}</style></head><body><script>served()</script></body></html>',
      [`${RECORDS_DIR}/huong-dan/a/index.html`]: '<html><body><script>record()</script></body></html>',
    });
    await writeSecurityHeaders(root, await filesUnder(root), logger);
    const hashes = JSON.parse(await readFile(join(root, CSP_HASHES_PATH), 'utf8')) as { scripts: string[]; styles: string[] };
    expect(hashes.scripts).toEqual([sha256('served()')]);
    expect(hashes.styles).toContain(sha256('p{color:red}'));
    const headers = await readFile(join(root, '_headers'), 'utf8');
    expect(headers).toContain(`'${sha256('served()')}'`);
    expect(headers).not.toContain(sha256('record()'));
  });

  it('fails the build on an inline event handler in a served page', async () => {
    const root = await site({ 'index.html': '<html><body><button onclick="x()">x</button></body></html>' });
    await expect(writeSecurityHeaders(root, await filesUnder(root), logger)).rejects.toThrow(/inline event handler/);
  });
});
