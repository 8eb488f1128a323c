import { z } from 'zod';

/** The emulators' configuration, read once from the environment. */
const schema = z
  .object({
    EMULATORS_PORT: z.coerce.number().int().min(0).max(65_535).default(8790),
    EMULATORS_HOST: z.string().default('127.0.0.1'),
    /** Base URL put in links (hosted invoice URLs) when the emulators sit behind another address. */
    EMULATORS_PUBLIC_URL: z.url().optional(),
    STRIPE_WEBHOOK_URL: z.url().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
    /** Where Resend's delivery webhooks go (the API's /webhooks/resend), signed with RESEND_WEBHOOK_SECRET. */
    RESEND_WEBHOOK_URL: z.url().optional(),
    RESEND_WEBHOOK_SECRET: z.string().startsWith('whsec_').default('whsec_c2FuZGJveC1yZXNlbmQtd2ViaG9vaw=='),
    /** Where state is kept between restarts (`<DATA_DIR>/emulators.json`); in memory when unset. */
    DATA_DIR: z.string().optional(),
  })
  .refine((e) => !e.STRIPE_WEBHOOK_URL || e.STRIPE_WEBHOOK_SECRET, {
    message: 'STRIPE_WEBHOOK_SECRET is required when STRIPE_WEBHOOK_URL is set',
    path: ['STRIPE_WEBHOOK_SECRET'],
  });

export type EmulatorsEnv = z.output<typeof schema>;

export function readEnv(source: Record<string, string | undefined> = process.env): EmulatorsEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid emulator environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
