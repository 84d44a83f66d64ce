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
}

export type AppEnv = { Bindings: Env };
