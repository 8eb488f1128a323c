import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@handled/db';
import { signInThrottle } from '@handled/db/schema';
import { addressBucket } from './client-address.ts';

export interface SignInLimits {
  /** Failed sign-ins one account may take in the window (whoever tries). */
  perAccount: number;
  /** Failed sign-ins one client address may make in the window (whatever the accounts). */
  perAddress: number;
  windowMinutes: number;
}

export type SignInAttempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Sign-in attempts counted in the database (so every API process on one file sees the same
 * counts): an attempt takes a point from the account's budget and from the address's before the
 * password is checked, so parallel guesses cannot slip past; a success gives them back.
 */
export function createSignInThrottle(db: Db, limits: SignInLimits) {
  const limiter = (keyPrefix: string, points: number) =>
    new RateLimiterDrizzle({ storeClient: db, schema: signInThrottle, keyPrefix, points, duration: limits.windowMinutes * 60 });
  const byAccount = limiter('sign-in:account', limits.perAccount);
  const byAddress = limiter('sign-in:address', limits.perAddress);
  const accountKey = (email: string) => email.trim().toLowerCase();
  const addressKey = (address: string | null) => (address ? addressBucket(address) : 'unknown');

  async function take(rl: RateLimiterDrizzle, key: string): Promise<number> {
    try {
      await rl.consume(key);
      return 0;
    } catch (e) {
      if (e instanceof RateLimiterRes) return e.msBeforeNext;
      throw e;
    }
  }

  return {
    async attempt(email: string | null, address: string | null): Promise<SignInAttempt> {
      const waits = await Promise.all([take(byAddress, addressKey(address)), email ? take(byAccount, accountKey(email)) : 0]);
      const wait = Math.max(...waits);
      return wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { allowed: true };
    },
    /** The right password: the account starts afresh and the address gets its point back. */
    async succeeded(email: string, address: string | null): Promise<void> {
      await Promise.all([byAccount.delete(accountKey(email)), byAddress.reward(addressKey(address))]);
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;

/** "Try again in 15 minutes." — whole minutes, at least one. */
export function throttledMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}
