import { z } from 'zod';
import { isValidTimeZone } from '../availability/clock.ts';
import { cancellationPolicyNames } from '../booking/cancellation-policy.schema.ts';
import { isLanguageCode } from '../onboarding/languages.ts';
import { paymentRuleIds, servedCountries } from '../onboarding/regions.ts';
import { profileLimits } from '../onboarding/steps.ts';

const id = z.string().trim().min(1).max(100);
/** An hourly rate in minor units of the provider's currency: at least 5.00, at most 1,000.00. */
export const hourlyRateSchema = z
  .int('Enter the rate in whole cents')
  .min(500, 'An hourly rate is at least 5.00')
  .max(100_000, 'An hourly rate is at most 1,000.00');

/** What /become-a-provider asks: where the provider works and what they do (the account comes first). */
export const providerApplicationSchema = z.object({
  country: z.enum(servedCountries, { error: 'Choose the country you work in' }),
  place: z.string().trim().min(2, 'Enter your city or postal code').max(100),
  categoryIds: z
    .array(id)
    .min(profileLimits.categories.min, 'Choose at least one service')
    .max(profileLimits.categories.max, `Choose at most ${profileLimits.categories.max} services`),
});
export type ProviderApplication = z.infer<typeof providerApplicationSchema>;

const { displayName, headline, bio } = profileLimits;
export const listingProfileSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(displayName.min, 'Enter the name clients will see')
    .max(displayName.max, `Use at most ${displayName.max} characters`),
  headline: z
    .string()
    .trim()
    .min(headline.min, `Write at least ${headline.min} characters`)
    .max(headline.max, `Use at most ${headline.max} characters`),
  bio: z.string().trim().min(bio.min, `Write at least ${bio.min} characters`).max(bio.max, `Use at most ${bio.max} characters`),
  languages: z
    .array(z.string().refine(isLanguageCode, 'Choose languages from the list'))
    .min(profileLimits.languages.min, 'Choose at least one language')
    .max(profileLimits.languages.max, `Choose at most ${profileLimits.languages.max} languages`),
});

export const listingServicesSchema = z.object({
  hourlyRate: hourlyRateSchema,
  services: z
    .array(z.object({ categoryId: id, hourlyRate: hourlyRateSchema.nullable() }))
    .min(profileLimits.categories.min, 'Choose at least one service')
    .max(profileLimits.categories.max, `Choose at most ${profileLimits.categories.max} services`)
    .refine((s) => new Set(s.map((x) => x.categoryId)).size === s.length, 'Each service once'),
});

export const serviceAreaSchema = z.object({
  place: z.string().trim().min(2, 'Enter your city or postal code').max(100),
  radiusKm: z
    .number({ error: 'Enter how far you travel' })
    .int('Use whole kilometres')
    .min(profileLimits.radiusKm.min, `At least ${profileLimits.radiusKm.min} km`)
    .max(profileLimits.radiusKm.max, `At most ${profileLimits.radiusKm.max} km`),
  timeZone: z.string().trim().max(64).refine(isValidTimeZone, 'Choose a time zone from the list'),
});

export const listingPoliciesSchema = z.object({
  cancellationPolicy: z.enum(cancellationPolicyNames, { error: 'Choose a cancellation policy' }),
  paymentRule: z.enum(paymentRuleIds, { error: 'Choose how clients pay' }),
  taxRegion: z.string().trim().min(1, 'Choose your tax region').max(20),
});

/** An operator's reason for sending a listing back or suspending it: the provider reads it. */
export const reviewNoteSchema = z.string().trim().min(10, 'Say what the provider should change (at least 10 characters)').max(1000);
