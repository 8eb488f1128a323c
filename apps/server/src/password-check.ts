import { and, eq } from 'drizzle-orm';
import { verifyPassword } from 'better-auth/crypto';
import type { PasswordCheck } from '@handled/api';
import type { Db } from '@handled/db';
import { accounts } from '@handled/db/schema';

/** better-auth's own check against the credential account's hash (scrypt), for the services that ask again. */
export function createPasswordCheck(db: Db): PasswordCheck {
  return {
    async verify(userId, password) {
      const [account] = await db
        .select({ hash: accounts.password })
        .from(accounts)
        .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
      if (!account?.hash) return false;
      return verifyPassword({ hash: account.hash, password });
    },
  };
}
