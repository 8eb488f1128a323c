import { z } from 'zod';
import { idSchema } from '@handled/core/schemas';
import { clientProcedure, router } from '../trpc.ts';
import { listFavourites, setFavourite } from '../services/discovery/favourites.ts';

/** A client's saved providers: the heart on cards and profiles, the list with "book again". */
export const favouritesRouter = router({
  list: clientProcedure.query(({ ctx }) => listFavourites(ctx.deps, ctx.user)),
  set: clientProcedure
    .input(z.object({ providerId: idSchema, favourite: z.boolean() }))
    .mutation(({ ctx, input }) => setFavourite(ctx.deps, ctx.user, input.providerId, input.favourite)),
});
