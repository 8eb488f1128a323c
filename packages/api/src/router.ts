import { router } from './trpc.ts';
import { accountRouter } from './routers/account.ts';
import { attachmentsRouter } from './routers/attachments.ts';
import { bookingsRouter } from './routers/bookings.ts';
import { calendarRouter } from './routers/calendar.ts';
import { catalogRouter } from './routers/catalog.ts';
import { changesRouter } from './routers/changes.ts';
import { lifecycleRouter } from './routers/lifecycle.ts';

export const appRouter = router({
  account: accountRouter,
  catalog: catalogRouter,
  bookings: bookingsRouter,
  calendar: calendarRouter,
  lifecycle: lifecycleRouter,
  changes: changesRouter,
  attachments: attachmentsRouter,
});

export type AppRouter = typeof appRouter;
