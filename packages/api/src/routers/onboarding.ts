import { z } from 'zod';
import {
  idSchema,
  listingPoliciesSchema,
  listingProfileSchema,
  listingServicesSchema,
  providerApplicationSchema,
  serviceAreaSchema,
} from '@handled/core/schemas';
import { profileLimits } from '@handled/core/onboarding';
import { providerProcedure, router, userProcedure } from '../trpc.ts';
import { applyAsProvider } from '../services/onboarding/apply.ts';
import {
  listingView,
  previewServiceArea,
  saveListingPolicies,
  saveListingProfile,
  saveListingServices,
  saveServiceArea,
  submitListing,
} from '../services/onboarding/listing.ts';
import { removeGalleryPhoto, reorderGallery } from '../services/onboarding/photos.ts';

const own = { access: 'provider', ownedBy: 'self' } as const;

/**
 * A provider's listing from the application on: the desk's checklist and editors (profile, services
 * and rates, area, policies, gallery), and sending it for review. Photos are uploaded over plain
 * HTTP (POST /uploads/profile-photo, /uploads/gallery): they go through the same checks as every upload.
 */
export const onboardingRouter = router({
  /** /become-a-provider: the signed-in person (a new account, or a client's) applies. */
  createListing: userProcedure
    .meta({ access: 'user', ownedBy: 'self' })
    .input(providerApplicationSchema)
    .mutation(({ ctx, input }) => applyAsProvider(ctx.deps, ctx.user, input)),
  listing: providerProcedure.meta(own).query(({ ctx }) => listingView(ctx.deps, ctx.user.id)),
  saveProfile: providerProcedure
    .meta(own)
    .input(listingProfileSchema)
    .mutation(({ ctx, input }) => saveListingProfile(ctx.deps, ctx.user.id, input)),
  saveServices: providerProcedure
    .meta(own)
    .input(listingServicesSchema)
    .mutation(({ ctx, input }) => saveListingServices(ctx.deps, ctx.user.id, input)),
  previewArea: providerProcedure
    .meta(own)
    .input(serviceAreaSchema.pick({ place: true, radiusKm: true }))
    .query(({ ctx, input }) => previewServiceArea(ctx.deps, ctx.user.id, input)),
  saveArea: providerProcedure
    .meta(own)
    .input(serviceAreaSchema)
    .mutation(({ ctx, input }) => saveServiceArea(ctx.deps, ctx.user.id, input)),
  savePolicies: providerProcedure
    .meta(own)
    .input(listingPoliciesSchema)
    .mutation(({ ctx, input }) => saveListingPolicies(ctx.deps, ctx.user.id, input)),
  deleteGalleryPhoto: providerProcedure
    .meta(own)
    .input(z.object({ id: idSchema }))
    .mutation(({ ctx, input }) => removeGalleryPhoto(ctx.deps, ctx.user.id, input.id)),
  reorderGallery: providerProcedure
    .meta(own)
    .input(z.object({ ids: z.array(idSchema).min(1).max(profileLimits.gallery.max) }))
    .mutation(({ ctx, input }) => reorderGallery(ctx.deps, ctx.user.id, input.ids)),
  /** Sends a complete listing to the operators (again, after changes they asked for). */
  submit: providerProcedure.meta(own).mutation(({ ctx }) => submitListing(ctx.deps, ctx.user.id)),
});
