import { env, SELF } from 'cloudflare:test';
import { utcDay } from '../../functions/usage/visitor.ts';
import { fixtureCommunes, fixtureProvinces, fixtureTeams } from './fixtures/directory.ts';

function place<T extends { code: string; name: string }>(places: T[], code: string): { code: string; name: string } {
  const found = places.find((p) => p.code === code);
  if (!found) throw new Error(`no place ${code} in the directory fixture`);
  return { code: found.code, name: found.name };
}

/** A team of the directory fixture with the share code of its first member. */
function sharingTeam(id: number): { id: number; name: string; member: string } {
  const team = fixtureTeams.find((t) => t.id === id);
  const member = team?.members[0];
  if (!team || !member) throw new Error(`no team ${id} with members in the directory fixture`);
  return { id, name: team.name, member: member.code };
}

/**
 * The places and teams of the directory fixture (fixtures/directory.ts) that
 * the usage tests count share clicks for, by the role they play in a report.
 */
export const usagePlaces = {
  province: place(fixtureProvinces, '66'),
  commune: place(fixtureCommunes, '24169'),
  /** In the other province. */
  farCommune: place(fixtureCommunes, '28789'),
  teams: {
    /** Commune-level team of `commune`. */
    commune: sharingTeam(4),
    /** Village-level team in `commune`. */
    village: sharingTeam(1),
    /** Village-level team of another commune of `province`. */
    otherCommune: sharingTeam(7),
    /** Team of `farCommune`, in the other province. */
    otherProvince: sharingTeam(9),
  },
};

let visitorNumber = 0;

/**
 * A browser user agent no other test uses, so each test is a new visitor
 * (one visitor counts once per guide and kind a day, and tests share the day).
 */
export function newBrowserUserAgent(): string {
  visitorNumber++;
  const build = 6000 + Math.floor(Math.random() * 3000);
  return `Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${build}.${visitorNumber} Mobile Safari/537.36`;
}

/** What a phone's browser sends when a person opens a link. */
export function browserHeaders(userAgent: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'user-agent': userAgent,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
    'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8',
    'sec-fetch-dest': 'document',
    'sec-fetch-mode': 'navigate',
    'sec-fetch-site': 'none',
    'cf-connecting-ip': '203.0.113.7',
    ...extra,
  };
}

/** The first published guide (from the built catalog), so tests don't hard-code content. */
export async function someGuide(): Promise<{ slug: string; title: string }> {
  const res = await env.ASSETS.fetch('http://localhost/du-lieu/huong-dan.json');
  const guides = (await res.json()) as { slug: string; title: string }[];
  const guide = guides[0];
  if (!guide) throw new Error('no published guide in dist/');
  return guide;
}

/** Today's count for a guide and kind, optionally for one team. */
export async function countOf(guide: string, kind: string, teamId?: number): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT coalesce(sum(count), 0) AS n FROM usage_daily WHERE day = ? AND guide = ? AND kind = ? ${teamId === undefined ? '' : 'AND team_id = ?'}`,
  )
    .bind(utcDay(), guide, kind, ...(teamId === undefined ? [] : [teamId]))
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Waits (polling D1) until the queue consumer has brought a count to `expected`. */
export async function waitForCount(guide: string, kind: string, expected: number, teamId?: number, timeoutMs = 8000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let n = await countOf(guide, kind, teamId);
  while (n < expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    n = await countOf(guide, kind, teamId);
  }
  return n;
}

/**
 * Proof that nothing more arrives for (guide, kind): a marker event of another
 * kind, sent afterwards by a fresh visitor, has been written — the queue has
 * flushed everything sent before it.
 */
export async function flushWithMarker(guide: string): Promise<void> {
  const before = await countOf(guide, 'share_click', 0);
  const res = await SELF.fetch(`http://localhost/g/${guide}/`, { headers: browserHeaders(newBrowserUserAgent()), redirect: 'manual' });
  if (res.status !== 302) throw new Error(`marker share link answered ${res.status}`);
  const after = await waitForCount(guide, 'share_click', before + 1, 0);
  if (after < before + 1) throw new Error('the queue did not flush the marker event');
}
