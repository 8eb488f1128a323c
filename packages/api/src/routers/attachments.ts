import { z } from 'zod';
import { idSchema } from '@handled/core/schemas';
import { router, userProcedure } from '../trpc.ts';
import { listBookingPhotos } from '../services/attachments/attachments.ts';

/** Job photos. Uploading is a multipart POST to /uploads/bookings/:id?kind=before|after (see apps/server routes). */
export const attachmentsRouter = router({
  /** Before/after photos of a booking (`id` is the booking's id), oldest first, with authorized URLs. */
  list: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => listBookingPhotos(ctx.deps, ctx.user, input.id)),
});
