import { z } from 'zod';

export const SANDBOX_BOT_TOKEN = '123456:sandbox-handled-bot-token';

/**
 * The bot's configuration, validated once. Without a real TELEGRAM_BOT_TOKEN the bot talks to
 * the local Bot API emulator (the offline sandbox); with one, to api.telegram.org.
 */
const schema = z
  .object({
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]+$/, 'Expected a Bot API token like 123456:ABC-def')
      .optional(),
    TELEGRAM_API_ROOT: z.url().optional(),
    API_URL: z.url().default('http://127.0.0.1:8787'),
    BOT_SERVICE_SECRET: z.string().min(16).default('sandbox-bot-service-secret'),
    WEB_URL: z.url().default('http://127.0.0.1:3000'),
    BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
    /** Webhook mode only: where this process listens and the secret Telegram echoes back. */
    BOT_WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).default(8791),
    BOT_WEBHOOK_SECRET: z
      .string()
      .regex(/^[\w-]{1,256}$/, 'Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and -')
      .optional(),
    BOT_WEBHOOK_URL: z.url().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.BOT_MODE === 'webhook' && !e.BOT_WEBHOOK_SECRET)
      ctx.addIssue({ code: 'custom', path: ['BOT_WEBHOOK_SECRET'], message: 'Webhook mode needs a secret token' });
  });

export type BotEnv = z.infer<typeof schema> & {
  token: string;
  /** Undefined means the real Telegram Bot API. */
  apiRoot: string | undefined;
  sandbox: boolean;
};

export function loadBotEnv(source: Record<string, string | undefined> = process.env): BotEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid bot environment:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const sandbox = !e.TELEGRAM_BOT_TOKEN;
  return {
    ...e,
    token: e.TELEGRAM_BOT_TOKEN ?? SANDBOX_BOT_TOKEN,
    // A real token goes to Telegram unless an apiRoot is set on purpose (a local Bot API server).
    apiRoot: e.TELEGRAM_API_ROOT ?? (sandbox ? 'http://127.0.0.1:8790' : undefined),
    sandbox,
  };
}
