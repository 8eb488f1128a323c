import { DomainError } from '@handled/core/errors';
import { formatMoney, type Currency } from '@handled/core/money';
import type { DbOrTx } from '@handled/db';
import type { SessionUser } from '../../context.ts';
import { limitSettings } from '../settings.ts';

/**
 * Support may refund, cancel with a refund of, or credit at most the `limits` setting's
 * `supportRefundLimit` (read on each action, so an admin's change holds at once); admins any amount.
 */
export async function refuseAboveLimit(
  db: DbOrTx,
  user: SessionUser,
  amount: number,
  currency: Currency,
  what: 'refund' | 'credit' = 'refund',
) {
  if (user.role === 'admin') return;
  const limit = (await limitSettings(db)).supportRefundLimit;
  if (amount > limit)
    throw new DomainError(
      'FORBIDDEN',
      `Support can ${what} up to ${formatMoney({ amount: limit, currency })}; ask an admin for ${formatMoney({ amount, currency })}.`,
      { limit },
    );
}
