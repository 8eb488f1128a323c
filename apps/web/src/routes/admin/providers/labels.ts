import type { ListingStatus } from '@handled/core/onboarding';

/** How the admin pages name a listing's state. */
export const listingStatusLabels: Record<ListingStatus, string> = {
  submitted: 'Waiting for review',
  onboarding: 'Setting up',
  changes_requested: 'Sent back',
  approved: 'Approved',
  suspended: 'Suspended',
};

/** The queue's tabs, in the order an operator works them. */
export const queueOrder: ListingStatus[] = ['submitted', 'changes_requested', 'onboarding', 'approved', 'suspended'];
