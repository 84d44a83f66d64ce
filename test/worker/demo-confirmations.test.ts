import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAssists } from '../../db/seeds/demo-assists.ts';
import { seedDemoConfirmations } from '../../db/seeds/demo-confirmations.ts';
import { insertDirectoryFixture } from './fixtures/directory.ts';

// The demo seed's confirmations (issue 23), run on the directory fixture's members.
beforeAll(async () => {
  await insertDirectoryFixture(env.DB);
  expect(await seedDemoAssists(env.DB)).not.toBeNull();
});

describe('demo confirmations', () => {
  it('confirm some entries fully, some partly, leave others unconfirmed, and feed the rollup; once only', async () => {
    const seeded = await seedDemoConfirmations(env.DB);
    expect(seeded).not.toBeNull();
    const { results } = await env.DB.prepare(
      'SELECT a.people, a.confirmed, (SELECT count(*) FROM assist_confirmations c WHERE c.assist_id = a.id) AS n FROM assists a WHERE a.voided_at IS NULL',
    ).all<{ people: number; confirmed: number; n: number }>();
    for (const r of results) {
      expect(r.confirmed).toBe(r.n);
      expect(r.confirmed).toBeLessThanOrEqual(r.people);
    }
    expect(results.filter((r) => r.confirmed === 0).length).toBeGreaterThan(0);
    expect(results.filter((r) => r.confirmed === r.people).length).toBeGreaterThan(0);
    expect(results.filter((r) => r.confirmed > 0 && r.confirmed < r.people).length).toBeGreaterThan(0);
    expect(results.reduce((s, r) => s + r.confirmed, 0)).toBe(seeded!.confirmations);
    const rollup = await env.DB.prepare('SELECT sum(confirmed) AS n FROM assist_province_days').first<{ n: number }>();
    expect(rollup!.n).toBe(seeded!.confirmations);
    expect(await seedDemoConfirmations(env.DB)).toBeNull();
  });
});
