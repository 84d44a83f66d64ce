import type { UsageEvent } from './usage/events.ts';

/** Bindings of the Worker, as declared in wrangler.toml. */
export interface Env {
  ASSETS: Fetcher;
  /** Public origin of the site (e.g. https://camnangso.gov.vn): see functions/site-origin.ts. */
  SITE_URL: string;
  DB: D1Database;
  /** Usage events (guide views, share clicks, helpful answers) on their way to D1; see functions/usage/. */
  USAGE_QUEUE: Queue<UsageEvent>;
  /** Per-visitor limit on counted events (keyed by the daily visitor hash). */
  USAGE_RATE_LIMITER: RateLimit;
  /** Officials' sign-in attempts per account / per client (functions/auth/rate-limit.ts). */
  SIGNIN_ACCOUNT_LIMITER: RateLimit;
  SIGNIN_CLIENT_LIMITER: RateLimit;
  /** Per-address limit on counted events (salted hash of the address alone): bounds user-agent rotation. */
  USAGE_ADDRESS_RATE_LIMITER: RateLimit;
  /** Per-address limit on expensive reads that miss the cache (search, reports). */
  READ_RATE_LIMITER: RateLimit;
  /** Per-address limit on citizens' confirmation pages and confirmations (issue 23). */
  CONFIRM_RATE_LIMITER: RateLimit;
  /** The preview image Worker (wrangler.og.toml): draws /og/<slug>.png on first request and keeps it (issue 20). */
  OG_IMAGES: Fetcher;
  /** Which deployment is running: part of cache keys, so a deploy never serves pages built for the last one. */
  CF_VERSION_METADATA?: WorkerVersionMetadata;
}

export type AppEnv = {
  Bindings: Env;
  Variables: {
    /** The request's D1 session (read replicas, read-your-writes): see functions/middleware/d1-session.ts. */
    db: D1Database;
    dbSession: D1DatabaseSession;
  };
};
