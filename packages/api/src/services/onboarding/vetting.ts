import { randomUUID } from 'node:crypto';
import { DomainError } from '@handled/core/errors';
import { isListed, listingReadiness, listingStatuses, type ListingStatus } from '@handled/core/onboarding';
import type { SessionUser } from '../../context.ts';
import { findProvider } from '../../repositories/providers.ts';
import {
  countListingsIn,
  insertProviderReview,
  listingsIn,
  providerAccountOf,
  reviewById,
  reviewHistoryOf,
  updateListing,
} from '../../repositories/listings.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueue } from '../jobs.ts';
import { recordAudit } from '../audit.ts';
import { renderAccountEmail } from '../accounts/emails.ts';
import { translator, type MessageKey } from '../notifications/i18n/index.ts';
import { languagesOf } from '../../repositories/notification-delivery.ts';
import { listingFactsOf, listingView } from './listing.ts';

/** The operators' queue: listings in one state (the ones waiting by default), longest waiting first, with a count per state. */
export async function vettingQueue(deps: ServiceDeps, status: ListingStatus) {
  const [items, ...counts] = await Promise.all([
    listingsIn(deps.db, [status], 100),
    ...listingStatuses.map((s) => countListingsIn(deps.db, s)),
  ]);
  return {
    status,
    counts: Object.fromEntries(listingStatuses.map((s, i) => [s, counts[i] ?? 0])) as Record<ListingStatus, number>,
    items: items.map((i) => ({
      ...i,
      submittedAt: i.submittedAt?.toISOString() ?? null,
      reviewedAt: i.reviewedAt?.toISOString() ?? null,
      createdAt: i.createdAt.toISOString(),
      services: i.services ?? '',
    })),
  };
}

/** One listing as an operator reviews it: what the provider wrote and uploaded, the checklist, the account, the history. */
export async function listingForReview(deps: ServiceDeps, providerId: string) {
  const p = await findProvider(deps.db, providerId);
  if (!p) throw new DomainError('NOT_FOUND', 'We could not find that listing.');
  const [view, account, history] = await Promise.all([
    listingView(deps, providerId),
    providerAccountOf(deps.db, providerId),
    reviewHistoryOf(deps.db, providerId),
  ]);
  return {
    ...view,
    account: account ? { ...account, createdAt: account.createdAt.toISOString() } : null,
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}

type Decision = 'approved' | 'changes_requested' | 'suspended' | 'reinstated';

const allowedFrom: Record<Decision, readonly ListingStatus[]> = {
  approved: ['submitted', 'changes_requested'],
  changes_requested: ['submitted', 'approved'],
  suspended: ['approved', 'submitted', 'changes_requested'],
  reinstated: ['suspended'],
};

const refusedWords: Record<Decision, string> = {
  approved: 'Only a listing sent for review can be approved.',
  changes_requested: 'Only a listing under review or live can be sent back.',
  suspended: 'This listing is already suspended.',
  reinstated: 'Only a suspended listing can be reinstated.',
};

/**
 * An operator's decision on a listing, recorded with who made it and why, in one transaction with
 * the listing's state and whether search shows it; the provider is told by email (a job, retried).
 * Approving (or reinstating) checks every required step again: nothing half-ready goes live.
 */
export async function decideListing(deps: ServiceDeps, admin: SessionUser, providerId: string, decision: Decision, note: string | null) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const p = await findProvider(tx, providerId);
    if (!p) throw new DomainError('NOT_FOUND', 'We could not find that listing.');
    if (!allowedFrom[decision].includes(p.listingStatus))
      throw new DomainError('ILLEGAL_TRANSITION', refusedWords[decision], { status: p.listingStatus });
    const facts = await listingFactsOf(tx, p);
    if (decision === 'approved' || decision === 'reinstated') {
      const readiness = listingReadiness(facts);
      if (!readiness.complete)
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          `This listing is not complete: ${readiness.requiredLeft.flatMap((s) => s.left).join('; ')}.`,
        );
    }
    const status: ListingStatus = decision === 'reinstated' ? 'approved' : decision;
    await updateListing(tx, providerId, {
      listingStatus: status,
      active: isListed(status, facts),
      reviewNote: decision === 'changes_requested' || decision === 'suspended' ? note : null,
      reviewedAt: now,
      reviewedBy: admin.id,
      updatedAt: now,
    });
    const reviewId = randomUUID();
    await insertProviderReview(tx, { id: reviewId, providerId, action: decision, note, actorId: admin.id, at: now });
    // The operator console's audit log (issue 18) shows vetting beside every other operator action.
    await recordAudit(
      tx,
      {
        actor: admin,
        action: `listing.${decision}`,
        subjectType: 'user',
        subjectId: providerId,
        reason: note,
        before: { listingStatus: p.listingStatus },
        after: { listingStatus: status },
      },
      now,
    );
    await enqueue(tx, { type: 'listing.decision', payload: { providerId, reviewId }, key: `listing.decision:${reviewId}` }, now);
  });
  return listingForReview(deps, providerId);
}

const subjects: Record<Decision, MessageKey> = {
  approved: 'listing.approved.subject',
  changes_requested: 'listing.changes.subject',
  suspended: 'listing.suspended.subject',
  reinstated: 'listing.reinstated.subject',
};

/** Job `listing.decision`: tells the provider what an operator decided, with their reason. */
export async function sendListingDecision(deps: ServiceDeps, payload: { providerId: string; reviewId: string }) {
  const [review, p, account] = await Promise.all([
    reviewById(deps.db, payload.reviewId),
    findProvider(deps.db, payload.providerId),
    providerAccountOf(deps.db, payload.providerId),
  ]);
  if (!review || !p || !account || review.action === 'applied' || review.action === 'submitted') return;
  const decision = review.action;
  const desk = `${deps.config.deskUrl}/#/profile`;
  // In the provider's language (the operator's note as written).
  const language = (await languagesOf(deps.db, [payload.providerId])).get(payload.providerId);
  const { t } = translator(language);
  const paragraphs: Record<Decision, string[]> = {
    approved: [t('listing.approved.body', { name: p.displayName, city: p.city }), t('listing.approved.requests')],
    changes_requested: [t('listing.changes.intro'), review.note ?? '', t('listing.changes.outro')],
    suspended: [t('listing.suspended.body'), review.note ?? '', t('listing.suspended.outro')],
    reinstated: [t('listing.reinstated.body', { name: p.displayName })],
  };
  await deps.email.send(
    renderAccountEmail(
      {
        to: account.email,
        subject: t(subjects[decision]),
        greeting: t('email.greeting', { name: account.name.split(' ')[0] ?? account.name }),
        paragraphs: paragraphs[decision].filter((x) => x.trim() !== ''),
        action: { label: t('listing.openDesk'), url: desk },
        idempotencyKey: `listing.decision:${review.id}`,
      },
      language,
    ),
  );
}
