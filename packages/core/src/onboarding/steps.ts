/**
 * A provider's listing, step by step: what is done, what is left before clients can book them,
 * and whether it may go to the operators for review. Pure: the API reads the facts, this decides.
 */

export const listingStepIds = [
  'profile',
  'gallery',
  'services',
  'area',
  'policies',
  'availability',
  'payouts',
  'telegram',
  'notifications',
] as const;
export type ListingStepId = (typeof listingStepIds)[number];

export const listingStatuses = ['onboarding', 'submitted', 'changes_requested', 'approved', 'suspended'] as const;
export type ListingStatus = (typeof listingStatuses)[number];

/** What the profile must hold before it is shown to clients (the forms say the same). */
export const profileLimits = {
  displayName: { min: 2, max: 60 },
  headline: { min: 10, max: 80 },
  bio: { min: 50, max: 1500 },
  languages: { min: 1, max: 8 },
  gallery: { max: 12, suggested: 3 },
  categories: { min: 1, max: 6 },
  radiusKm: { min: 1, max: 80 },
} as const;

export interface ListingFacts {
  displayName: string;
  headline: string;
  bio: string;
  photoUrl: string | null;
  languages: readonly string[];
  galleryCount: number;
  /** The provider's own hourly rate, minor units (0: not set yet). */
  hourlyRate: number;
  categoryCount: number;
  /** Set once a place and radius are saved (the application sets it). */
  serviceArea: { place: string; radiusKm: number } | null;
  /** '' until the provider chose one (the policies step saves it with the policy and payment rule). */
  taxRegion: string;
  /** Weekly hours with at least one range, or a connected Cal.com calendar. */
  hasAvailability: boolean;
  /** Stripe says the connected account can take charges and pay out. */
  payoutsReady: boolean;
  telegramLinked: boolean;
  notificationsChosen: boolean;
}

export interface ListingStep {
  id: ListingStepId;
  title: string;
  /** Needed before the listing can go to review (and so before clients can book). */
  required: boolean;
  done: boolean;
  /** What is still missing, in the provider's words ("Add a profile photo"); empty when done. */
  left: string[];
}

const trimmed = (s: string) => s.trim().length;

function profileLeft(f: ListingFacts): string[] {
  const left: string[] = [];
  if (trimmed(f.displayName) < profileLimits.displayName.min) left.push('Add the name clients will see');
  if (!f.photoUrl) left.push('Add a profile photo');
  if (trimmed(f.headline) < profileLimits.headline.min) left.push('Write a headline');
  if (trimmed(f.bio) < profileLimits.bio.min) left.push(`Write a bio of at least ${profileLimits.bio.min} characters`);
  if (f.languages.length < profileLimits.languages.min) left.push('Say which languages you work in');
  return left;
}

/** Every step with what is left, in the order the checklist shows them. */
export function listingSteps(f: ListingFacts): ListingStep[] {
  const step = (id: ListingStepId, title: string, required: boolean, left: string[], done = left.length === 0): ListingStep => ({
    id,
    title,
    required,
    done,
    left: done ? [] : left,
  });
  return [
    step('profile', 'Profile', true, profileLeft(f)),
    step(
      'gallery',
      'Photos of your work',
      false,
      [`Add photos of past jobs (${profileLimits.gallery.suggested} or more help clients choose you)`],
      f.galleryCount > 0,
    ),
    step('services', 'Services and rates', true, [
      ...(f.categoryCount < 1 ? ['Choose at least one service'] : []),
      ...(f.hourlyRate <= 0 ? ['Set your hourly rate'] : []),
    ]),
    step('area', 'Service area', true, f.serviceArea ? [] : ['Say where you work and how far you travel']),
    step(
      'policies',
      'Cancellation, payment and tax',
      true,
      f.taxRegion ? [] : ['Choose your cancellation policy, payment rule and tax region'],
    ),
    step('availability', 'Availability', true, f.hasAvailability ? [] : ['Set your working hours or connect Cal.com']),
    step('payouts', 'Payouts', true, f.payoutsReady ? [] : ['Set up payouts with Stripe']),
    step('telegram', 'Telegram', false, f.telegramLinked ? [] : ['Link Telegram to answer requests on the road']),
    step('notifications', 'Notifications', false, f.notificationsChosen ? [] : ['Choose how Handled reaches you']),
  ];
}

export interface ListingReadiness {
  steps: ListingStep[];
  done: number;
  total: number;
  /** Rounded share of steps done, 0–100. */
  percent: number;
  /** Required steps still open: what is left before clients can book. */
  requiredLeft: ListingStep[];
  /** Every required step is done: the listing may be sent for review (or approved). */
  complete: boolean;
}

export function listingReadiness(f: ListingFacts): ListingReadiness {
  const steps = listingSteps(f);
  const done = steps.filter((s) => s.done).length;
  const requiredLeft = steps.filter((s) => s.required && !s.done);
  return {
    steps,
    done,
    total: steps.length,
    percent: Math.round((done / steps.length) * 100),
    requiredLeft,
    complete: requiredLeft.length === 0,
  };
}

/**
 * Whether an approved listing is shown in search. Approval checked every required step; after it,
 * the listing stays up while a booking is still possible (a service with a rate, an area and free
 * time). A missing photo or a payout account Stripe paused does not hide it: payouts then wait.
 */
export function isListed(status: ListingStatus, f: ListingFacts): boolean {
  return status === 'approved' && f.categoryCount > 0 && f.hourlyRate > 0 && f.serviceArea !== null && f.hasAvailability;
}

/** Where the listing stands, in one line for the checklist's header. */
export function listingHeadline(status: ListingStatus, readiness: ListingReadiness, listed: boolean): string {
  const left = readiness.requiredLeft.length;
  switch (status) {
    case 'onboarding':
      return left === 0
        ? 'Everything clients need is there. Send your listing for review.'
        : `${left} ${left === 1 ? 'step' : 'steps'} left before clients can book you.`;
    case 'submitted':
      return 'Your listing is with our team for review. We usually answer within a working day.';
    case 'changes_requested':
      return 'Our team asked for changes. Make them, then send your listing again.';
    case 'approved':
      return listed
        ? 'Your listing is live: clients can find and book you.'
        : 'Your listing is approved but hidden until the steps below are done.';
    case 'suspended':
      return 'Your listing is suspended. Clients cannot find or book you.';
  }
}
