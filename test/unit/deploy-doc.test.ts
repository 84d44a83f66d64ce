import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../functions/auth/password.ts';
import { WORKER_BUNDLE_BUDGET, WORKER_STARTUP_BUDGET_MS } from '../../scripts/lib/worker-bundle.ts';

// DEPLOY.md is what an engineer reads before choosing a Cloudflare plan: the
// figures it quotes must be the ones the code enforces (issue 20).
const deploy = readFileSync('DEPLOY.md', 'utf8');
const wrangler = readFileSync('wrangler.toml', 'utf8');

describe('DEPLOY.md tells the truth about the code', () => {
  it('quotes the Worker bundle and startup budgets npm test enforces', () => {
    expect(deploy).toContain(`at most **${WORKER_BUNDLE_BUDGET / 1024} KB gzip**`);
    expect(deploy).toContain(`at most **${WORKER_STARTUP_BUDGET_MS} ms** of CPU`);
    // The old claim (a quarter of a megabyte, Free plan fits everything) is gone.
    expect(deploy).not.toMatch(/0\.25 MB/);
  });

  it('says officials need the Paid plan because one password hash is over the Free plan’s 10 ms of CPU', async () => {
    expect(deploy).toMatch(/Officials' sign-in[^\n]*\| \*\*Paid\*\* \|[^\n]*Free plan's \*\*10 ms\*\*/);
    const started = performance.now();
    await hashPassword('mot-mat-khau-dai-de-do');
    const ms = performance.now() - started;
    // Node runs the same native scrypt as workerd's node:crypto; it is far over 10 ms.
    expect(ms).toBeGreaterThan(10);
  });

  it('lists every rate-limiting binding of wrangler.toml with its namespace and limit', () => {
    const blocks = wrangler.split('[[ratelimits]]').slice(1);
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) {
      const name = /name = "(\w+)"/.exec(block)![1]!;
      const namespace = /namespace_id = "(\d+)"/.exec(block)![1]!;
      const limit = /limit = (\d+)/.exec(block)![1]!;
      const row = deploy.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `DEPLOY.md lists ${name}`).toBeDefined();
      expect(row).toContain(`| ${namespace} |`);
      expect(row).toContain(`| ${limit} `);
    }
  });
});
