import type { Context } from 'hono';
import { z } from 'zod';
import { usageKinds } from '../../db/schema/usage.ts';
import { normalizeMemberCode } from '../../site/utils/member-code.ts';
import { slugPattern } from '../../site/utils/urls.ts';
import type { AppEnv } from '../env.ts';
import { type SkipReason, uncountableReason } from './honest-count.ts';
import { addressHash, dailySalt, utcDay, visitorHash } from './visitor.ts';

export const guideSlugSchema = z.string().max(120).regex(slugPattern);
/** A member's public share code in its stored form (see site/utils/member-code.ts). */
export const memberCodeSchema = z.string().refine((code) => normalizeMemberCode(code) === code);

/**
 * One countable event as it travels through the queue. Nothing in it can
 * identify a citizen: the visitor is a salted hash whose salt is deleted after
 * the day; the member code is a team member's public share code.
 */
export const usageEventSchema = z.object({
  day: z.iso.date(),
  guide: guideSlugSchema,
  kind: z.enum(usageKinds),
  /** '' when the event is not attributed to a member. */
  member: z.union([memberCodeSchema, z.literal('')]),
  visitor: z.string().regex(/^[0-9a-f]{64}$/),
});
export type UsageEvent = z.infer<typeof usageEventSchema>;
export type UsageKind = UsageEvent['kind'];

export type RecordOutcome = 'queued' | 'rate_limited' | 'address_limited' | 'failed' | SkipReason;

/**
 * Counts one event if it comes from a person: the honest-count gate, then the
 * visitor hash, then the per-visitor rate limit, then the coarser per-address
 * limit, then the queue. The visitor is IP + user agent, so a client rotating
 * user agents is a new "visitor" each time; the address limit (keyed on the
 * salted address alone, set high for carrier NAT) caps what one address can
 * add however it disguises itself. Never throws:
 * a counting failure must not break the page a citizen asked for.
 */
export async function recordUsage(c: Context<AppEnv>, event: { guide: string; kind: UsageKind; member?: string }): Promise<RecordOutcome> {
  const request = c.req.raw;
  const reason = uncountableReason(request, event.kind.startsWith('helpful') ? 'POST' : 'GET');
  if (reason) return reason;
  try {
    const day = utcDay();
    const salt = await dailySalt(c.env.DB, day);
    const visitor = await visitorHash(salt, request);
    const { success } = await c.env.USAGE_RATE_LIMITER.limit({ key: visitor });
    if (!success) return 'rate_limited';
    const address = await addressHash(salt, request);
    if (!(await c.env.USAGE_ADDRESS_RATE_LIMITER.limit({ key: address })).success) return 'address_limited';
    const message: UsageEvent = { day, guide: event.guide, kind: event.kind, member: event.member ?? '', visitor };
    await c.env.USAGE_QUEUE.send(message, { contentType: 'json' });
    return 'queued';
  } catch (err) {
    console.error('usage: could not record event', err);
    return 'failed';
  }
}

/** Counts in the background: the response does not wait for the queue. */
export function recordUsageLater(c: Context<AppEnv>, event: Parameters<typeof recordUsage>[1]): void {
  c.executionCtx.waitUntil(recordUsage(c, event));
}
