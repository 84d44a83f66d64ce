import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { z as openapiZ } from '@hono/zod-openapi';
import { z } from 'zod';
import * as fullZod from 'zod/v4';
import * as fullCore from 'zod/v4/core';

// Issue 20: the Worker imports zod without its locale packs (wrangler.toml
// [alias] → functions/zod-without-locales/; vitest.config.ts applies the
// same alias here). Nothing else may change: the same API, zod's English
// defaults, and the API's own Vietnamese messages.

describe('zod without its locale packs', () => {
  it("is what both our code and @hono/zod-openapi get for 'zod', with no locale in it", () => {
    expect(openapiZ).toBe(z);
    expect(Object.keys(z.locales)).toEqual([]);
    expect(Object.keys(z.core.locales)).toEqual([]);
    // The real thing has them: the alias, not zod, is what left them out.
    expect(Object.keys(fullZod.locales).length).toBeGreaterThan(30);
  });

  it('keeps every other export of zod and of zod/v4/core, as the same values', () => {
    const missing = (full: object, lean: object) =>
      Object.entries(full)
        .filter(([name, value]) => !['locales', 'z', 'default', 'core'].includes(name) && (lean as Record<string, unknown>)[name] !== value)
        .map(([name]) => name);
    expect(missing(fullZod, z)).toEqual([]);
    expect(missing(fullCore, z.core)).toEqual([]);
    // One zod: schemas built through either are the same classes (.openapi() included).
    expect(z.string()).toBeInstanceOf(fullZod.ZodString);
    expect(typeof (openapiZ.string() as unknown as { openapi: unknown }).openapi).toBe('function');
  });

  it("still writes zod's English default message where a schema gives none", () => {
    const result = z.object({ n: z.number() }).safeParse({ n: 'x' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('Invalid input: expected number, received string');
  });

  it.each([
    '/api/provinces/ab',
    '/api/communes/2416',
    '/api/teams/abc',
    '/api/coverage?province=6',
    '/api/communes/24x69/schedule',
    '/api/usage?from=2026-02-30',
    '/api/usage?team=abc',
    '/api/assists?province=6',
    '/api/assists?to=01/03/2026',
    '/api/alerts?province=abc',
  ])('%s: the API error message is our Vietnamese one', async (path) => {
    const res = await SELF.fetch(`http://localhost${path}`);
    expect(res.status).toBe(400);
    const { error } = await res.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('invalid_parameter');
    expect(error.message).toMatch(/[ăâđêôơưàáạảãèéẹẻẽìíịỉĩòóọỏõùúụủũỳýỵỷỹ]/i);
    expect(error.message).not.toMatch(/invalid input|expected/i);
  });
});
