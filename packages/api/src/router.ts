import { router } from './trpc.ts';
import { accountRouter } from './routers/account.ts';
import { adminPaymentsRouter } from './routers/admin-payments.ts';
import { attachmentsRouter } from './routers/attachments.ts';
import { bookingsRouter } from './routers/bookings.ts';
import { botRouter } from './routers/bot.ts';
import { calendarRouter } from './routers/calendar.ts';
import { catalogRouter } from './routers/catalog.ts';
import { changesRouter } from './routers/changes.ts';
import { deskRouter } from './routers/desk.ts';
import { discoveryRouter } from './routers/discovery.ts';
import { favouritesRouter } from './routers/favourites.ts';
import { pushRouter } from './routers/push.ts';
import { notificationsRouter } from './routers/notifications.ts';
import { reviewsRouter } from './routers/reviews.ts';
import { reputationRouter } from './routers/reputation.ts';
import { lifecycleRouter } from './routers/lifecycle.ts';
import { messagesRouter } from './routers/messages.ts';
import { emergencyRouter } from './routers/emergency.ts';
import { liveRouter } from './routers/live.ts';
import { paymentsRouter } from './routers/payments.ts';
import { payoutsRouter } from './routers/payouts.ts';
import { onboardingRouter } from './routers/onboarding.ts';
import { operatorRouter } from './routers/operator.ts';
import { vettingRouter } from './routers/vetting.ts';

export const appRouter = router({
  account: accountRouter,
  catalog: catalogRouter,
  bookings: bookingsRouter,
  calendar: calendarRouter,
  lifecycle: lifecycleRouter,
  changes: changesRouter,
  attachments: attachmentsRouter,
  discovery: discoveryRouter,
  favourites: favouritesRouter,
  reviews: reviewsRouter,
  reputation: reputationRouter,
  push: pushRouter,
  notifications: notificationsRouter,
  payments: paymentsRouter,
  payouts: payoutsRouter,
  adminPayments: adminPaymentsRouter,
  messages: messagesRouter,
  emergency: emergencyRouter,
  live: liveRouter,
  desk: deskRouter,
  onboarding: onboardingRouter,
  vetting: vettingRouter,
  operator: operatorRouter,
  bot: botRouter,
});

export type AppRouter = typeof appRouter;
