import { z } from 'zod';

/** Postal code formats by country (ISO 3166-1 alpha-2). */
export const postalCodePatterns: Record<string, { pattern: RegExp; example: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '10001' },
  GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, example: 'SW1A 1AA' },
  AU: { pattern: /^\d{4}$/, example: '2000' },
  CA: { pattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, example: 'M5V 2T6' },
  IE: { pattern: /^[A-Z\d]{3} ?[A-Z\d]{4}$/i, example: 'D02 X285' },
};

export const addressSchema = z
  .object({
    line1: z.string().trim().min(3, 'Enter the street address').max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(2, 'Enter the city').max(100),
    region: z.string().trim().max(100).optional(),
    postalCode: z.string().trim().min(2, 'Enter the postal code').max(12),
    country: z.string().trim().length(2, 'Use a two-letter country code').toUpperCase(),
  })
  .superRefine((a, ctx) => {
    const rule = postalCodePatterns[a.country];
    if (!rule) {
      ctx.addIssue({ code: 'custom', path: ['country'], message: 'We do not serve this country yet.' });
    } else if (!rule.pattern.test(a.postalCode)) {
      ctx.addIssue({ code: 'custom', path: ['postalCode'], message: `That doesn't look like a postal code here (e.g. ${rule.example}).` });
    }
  });

export type Address = z.infer<typeof addressSchema>;
