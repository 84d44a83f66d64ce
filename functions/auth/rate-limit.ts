import type { Env } from '../env.ts';
import { dailySalt, visitorHash } from '../usage/visitor.ts';
import { foldUsername } from './username.ts';

/**
 * Failed sign-ins are slowed, then blocked, per account and per client, with
 * the rate-limiting binding (wrangler.toml: SIGNIN_ACCOUNT_LIMITER,
 * SIGNIN_CLIENT_LIMITER). Keys are the folded username and the daily salted
 * visitor hash: no IP address is kept anywhere.
 */
export async function signInAllowed(env: Env, request: Request, username: string): Promise<boolean> {
  const client = await visitorHash(await dailySalt(env.DB), request);
  const [account, fromClient] = await Promise.all([
    env.SIGNIN_ACCOUNT_LIMITER.limit({ key: `account:${foldUsername(username)}` }),
    env.SIGNIN_CLIENT_LIMITER.limit({ key: `client:${client}` }),
  ]);
  return account.success && fromClient.success;
}

/** A failed attempt answers only after this pause: guessing gets slow long before it gets blocked. */
export const failedSignInDelayMs = 800;

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
