import { router } from './trpc.ts';
import { accountRouter } from './routers/account.ts';
import { bookingsRouter } from './routers/bookings.ts';
import { catalogRouter } from './routers/catalog.ts';

export const appRouter = router({
  account: accountRouter,
  catalog: catalogRouter,
  bookings: bookingsRouter,
});

export type AppRouter = typeof appRouter;
