import type { Env } from '../env.ts';
import { addressHash, dailySalt, visitorHash } from '../usage/visitor.ts';
import { foldUsername } from './username.ts';

/**
 * Failed sign-ins are slowed, then blocked, per account and per client, with
 * the rate-limiting binding (wrangler.toml: SIGNIN_ACCOUNT_LIMITER,
 * SIGNIN_CLIENT_LIMITER). Keys are the folded username, the daily salted
 * visitor hash and the salted address hash: no IP address is kept anywhere.
 */
export async function signInAllowed(env: Env, request: Request, username: string, knownDevice?: () => Promise<boolean>): Promise<boolean> {
  const salt = await dailySalt(env.DB);
  const [client, address] = await Promise.all([visitorHash(salt, request), addressHash(salt, request)]);
  // The client limit counts per browser (address and user agent) and per
  // address alone (IPv6 by /64): a sprayer rotating user agents or usernames
  // from one address is blocked after the same number of attempts.
  const [account, fromClient, fromAddress] = await Promise.all([
    env.SIGNIN_ACCOUNT_LIMITER.limit({ key: `account:${foldUsername(username)}` }),
    env.SIGNIN_CLIENT_LIMITER.limit({ key: `client:${client}` }),
    env.SIGNIN_CLIENT_LIMITER.limit({ key: `address:${address}` }),
  ]);
  if (!fromClient.success || !fromAddress.success) return false;
  // An account under attack must not lock out its owner: the account limit
  // does not stop a browser that signed in to this account before (known-device.ts).
  return account.success || (knownDevice !== undefined && (await knownDevice()));
}

/** A failed attempt answers only after this pause: guessing gets slow long before it gets blocked. */
export const failedSignInDelayMs = 800;

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
