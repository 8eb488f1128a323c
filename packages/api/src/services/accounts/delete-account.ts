import { DomainError } from '@handled/core/errors';
import { formatMinor } from '@handled/core/money';
import { formatWhen } from '@handled/core/time-in-zone';
import { accountOf } from '../../repositories/accounts.ts';
import {
  erasePerson,
  openDisputesOf,
  personalUploadsOf,
  providerPhotoUrlsOf,
  unfinishedBookingsOf,
  unpaidInvoicesOf,
  unsettledPayoutsOf,
} from '../../repositories/account-erasure.ts';
import type { ServiceDeps } from '../deps.ts';
import { storageKeyOfPublicPhoto } from '../onboarding/photo-files.ts';
import { erasedEmailOf } from './erased.ts';

/**
 * Why the account cannot go yet, in words the person can act on, or null when it can. A booking
 * that is not over needs both people; money owed either way must be settled first.
 */
export async function deletionBlockers(deps: ServiceDeps, userId: string): Promise<string[]> {
  const [bookings, invoices, payouts, disputes] = await Promise.all([
    unfinishedBookingsOf(deps.db, userId),
    unpaidInvoicesOf(deps.db, userId),
    unsettledPayoutsOf(deps.db, userId),
    openDisputesOf(deps.db, userId),
  ]);
  const reasons: string[] = [];
  for (const b of bookings) {
    const when = formatWhen(b.startsAt, b.timeZone);
    reasons.push(
      b.status === 'completed'
        ? `Booking ${b.reference} (${when}) is done but not confirmed yet — confirm it or wait until it confirms itself.`
        : b.status === 'in_progress'
          ? `Booking ${b.reference} is in progress right now.`
          : `Booking ${b.reference} (${when}) is ${b.status === 'requested' ? 'waiting for an answer' : b.status === 'disputed' ? 'disputed' : 'coming up'} — ${b.side === 'client' ? 'cancel it' : 'finish or cancel it'} first.`,
    );
  }
  for (const i of invoices) reasons.push(`${formatMinor(i.amountRemaining, i.currency)} is still to pay for booking ${i.reference}.`);
  for (const p of payouts)
    reasons.push(
      p.amountOwed > 0
        ? `You owe ${formatMinor(p.amountOwed, p.currency)} back for booking ${p.reference}.`
        : `Your payout of ${formatMinor(p.amount, p.currency)} for booking ${p.reference} has not been paid out yet.`,
    );
  for (const d of disputes) reasons.push(`A card dispute on booking ${d.reference} is still open.`);
  return reasons;
}

/** Whether the account could be deleted now, and if not why: the account page shows it before asking. */
export async function deletionCheck(deps: ServiceDeps, userId: string) {
  const reasons = await deletionBlockers(deps, userId);
  return { allowed: reasons.length === 0, reasons };
}

/**
 * Deletes the person's account after checking their password: refused with the reasons while
 * a booking is not over or money is owed; otherwise erased in one transaction (see erasePerson)
 * — bookings, invoices, payouts and the ledger stay, shown as a "Former client" or "Former
 * provider". Their photos are removed from storage once the erasure is committed.
 */
export async function deleteAccount(deps: ServiceDeps, userId: string, password: string) {
  const account = await accountOf(deps.db, userId);
  if (!account || account.deletedAt) throw new DomainError('NOT_FOUND', 'We could not find your account.');
  if (account.role === 'admin')
    throw new DomainError('FORBIDDEN', 'Administrator accounts are closed by another administrator, not from here.');
  if (!deps.passwords) throw new DomainError('INTEGRATION_UNAVAILABLE', 'Accounts cannot be deleted right now. Please try again later.');
  if (!(await deps.passwords.verify(userId, password)))
    throw new DomainError('INVALID_INPUT', 'That password is not right.', { field: 'password' });
  const reasons = await deletionBlockers(deps, userId);
  if (reasons.length) throw new DomainError('ILLEGAL_TRANSITION', `Your account cannot be deleted yet. ${reasons.join(' ')}`, { reasons });

  const [uploads, listingPhotos] = await Promise.all([personalUploadsOf(deps.db, userId), providerPhotoUrlsOf(deps.db, userId)]);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    // Checked again under the write lock: a booking made meanwhile keeps the account.
    if ((await unfinishedBookingsOf(tx, userId)).length)
      throw new DomainError('ILLEGAL_TRANSITION', 'A new booking just arrived. Look at it first.');
    await erasePerson(tx, {
      userId,
      formerName: account.name,
      label: account.role === 'provider' ? 'Former provider' : 'Former client',
      email: erasedEmailOf(userId),
      removedMessage: 'Removed: this person deleted their account.',
      now,
      uploadIds: uploads.map((u) => u.id),
    });
  });
  const keys = [
    ...uploads.flatMap((u) => [u.storageKey, ...(u.thumbKey ? [u.thumbKey] : [])]),
    ...listingPhotos.map(storageKeyOfPublicPhoto).filter((k): k is string => k !== null),
  ];
  const removed = await Promise.allSettled(keys.map((k) => deps.storage.delete(k)));
  const failed = removed.filter((r) => r.status === 'rejected').length;
  if (failed) deps.log.warn({ userId, failed }, 'some files of a deleted account could not be removed');
  return { deleted: true as const };
}
