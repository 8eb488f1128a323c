import { createHash, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Clock } from '../shared/emulator.ts';

export interface StoredEmail {
  id: string;
  object: 'email';
  created_at: string;
  from: string;
  to: string[];
  cc: string[] | null;
  bcc: string[] | null;
  reply_to: string[] | null;
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string> | null;
  tags: Array<{ name: string; value: string }>;
  attachments: Array<{ filename: string; size: number; content_type: string | null; content_id: string | null }>;
  scheduled_at: string | null;
  last_event: 'sent' | 'delivered' | 'scheduled';
  message_id: string;
}

export interface ResendData {
  emails: StoredEmail[];
  idempotency: Record<string, { hash: string; status: number; body: string }>;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const address = z
  .string()
  .refine(
    (s) => EMAIL.test(s.trim()) || /^[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>$/.test(s.trim()),
    'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
  );
const recipients = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .refine((list) => list.length >= 1 && list.length <= 50, 'must have between 1 and 50 recipients')
  .refine((list) => list.every((a) => EMAIL.test(a.trim()) || /<[^>]+@[^>]+>$/.test(a)), 'Invalid email address');
const tagPart = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'Tags should only contain ASCII letters, numbers, underscores, or dashes');

export const emailSchema = z
  .object({
    from: address,
    to: recipients,
    subject: z.string().min(1, 'Missing `subject` field.'),
    html: z.string().optional(),
    text: z.string().optional(),
    cc: recipients.optional(),
    bcc: recipients.optional(),
    reply_to: recipients.optional(),
    headers: z.record(z.string(), z.string()).optional(),
    tags: z.array(z.object({ name: tagPart, value: tagPart })).optional(),
    attachments: z
      .array(
        z.object({
          filename: z.string().optional(),
          content: z.string().optional(),
          path: z.string().optional(),
          content_type: z.string().optional(),
          content_id: z.string().optional(),
        }),
      )
      .optional(),
    scheduled_at: z.string().optional(),
    topic_id: z.string().optional(),
    template: z.unknown().optional(),
  })
  .refine((e) => e.html !== undefined || e.text !== undefined || e.template !== undefined, {
    message: 'Missing `html` or `text` field.',
    path: ['html'],
  });

type ResendErrorName = 'missing_api_key' | 'invalid_api_key' | 'validation_error' | 'not_found' | 'invalid_idempotent_request';
const fail = (c: Context, status: number, name: ResendErrorName, message: string) =>
  c.json({ statusCode: status, message, name }, status as 400);

/** `POST /emails`, `/emails/batch`, `GET /emails[/:id]` as the resend SDK calls them. */
/** Resend's test addresses (https://resend.com/docs/dashboard/emails/send-test-emails): what each one makes happen. */
export function outcomeFor(to: string): 'delivered' | 'bounced' | 'complained' {
  const address = /<([^>]+)>$/.exec(to.trim())?.[1] ?? to.trim();
  const local = address.split('@')[0] ?? '';
  if (address.toLowerCase().endsWith('@resend.dev')) {
    if (local.startsWith('bounced')) return 'bounced';
    if (local.startsWith('complained')) return 'complained';
  }
  return 'delivered';
}

export function resendApiRoutes(
  data: () => ResendData,
  clock: Clock,
  onChange: () => void,
  /** Called for each stored email: the module sends its webhooks (email.sent, then delivered / bounced / complained). */
  onSent: (email: StoredEmail) => void = () => undefined,
): Hono {
  const app = new Hono();

  const store = (input: z.output<typeof emailSchema>): StoredEmail => {
    const email: StoredEmail = {
      id: randomUUID(),
      object: 'email',
      created_at: new Date(clock()).toISOString(),
      from: input.from,
      to: input.to,
      cc: input.cc ?? null,
      bcc: input.bcc ?? null,
      reply_to: input.reply_to ?? null,
      subject: input.subject,
      html: input.html ?? null,
      text: input.text ?? null,
      headers: input.headers ?? null,
      tags: input.tags ?? [],
      attachments: (input.attachments ?? []).map((a) => ({
        filename: a.filename ?? 'attachment',
        size: a.content ? Buffer.from(a.content, 'base64').length : 0,
        content_type: a.content_type ?? null,
        content_id: a.content_id ?? null,
      })),
      scheduled_at: input.scheduled_at ?? null,
      last_event: input.scheduled_at ? 'scheduled' : 'delivered',
      message_id: `<${randomUUID()}@emulator.resend.local>`,
    };
    data().emails.push(email);
    onChange();
    onSent(email);
    return email;
  };

  const auth = (c: Context) => {
    const header = c.req.header('authorization');
    if (!header)
      return fail(
        c,
        401,
        'missing_api_key',
        'Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY',
      );
    if (!/^Bearer re_[A-Za-z0-9_]+$/.test(header)) return fail(c, 403, 'invalid_api_key', 'API key is invalid');
    return null;
  };

  /** Same key + same body replays; same key + other body is refused (Resend keeps keys 24 h). */
  const idempotent = async (c: Context, run: (body: unknown) => Response | Promise<Response>) => {
    const denied = auth(c);
    if (denied) return denied;
    const raw = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return fail(c, 422, 'validation_error', 'Invalid JSON body');
    }
    const key = c.req.header('idempotency-key');
    if (!key) return run(body);
    const hash = createHash('sha256').update(`${c.req.path}\n${raw}`).digest('hex');
    const seen = data().idempotency[key];
    if (seen && seen.hash !== hash)
      return fail(
        c,
        409,
        'invalid_idempotent_request',
        'Same idempotency key used with a different request payload. Change your idempotency key or payload.',
      );
    if (seen) return c.body(seen.body, seen.status as 200, { 'content-type': 'application/json' });
    const res = await run(body);
    data().idempotency[key] = { hash, status: res.status, body: await res.clone().text() };
    onChange();
    return res;
  };

  const validationError = (c: Context, err: z.ZodError) => {
    const issue = err.issues[0];
    const field = issue?.path.join('.') ?? '';
    return fail(
      c,
      422,
      'validation_error',
      issue?.message.startsWith('Invalid `') || issue?.message.startsWith('Missing')
        ? issue.message
        : `Invalid \`${field}\` field: ${issue?.message ?? ''}`,
    );
  };

  app.post('/emails', (c) =>
    idempotent(c, (body) => {
      const parsed = emailSchema.safeParse(body);
      if (!parsed.success) return validationError(c, parsed.error);
      return c.json({ id: store(parsed.data).id });
    }),
  );

  app.post('/emails/batch', (c) =>
    idempotent(c, (body) => {
      const parsed = z.array(emailSchema).max(100, 'Batch can contain at most 100 emails').min(1).safeParse(body);
      if (!parsed.success) return validationError(c, parsed.error);
      return c.json({ data: parsed.data.map((e) => ({ id: store(e).id })) });
    }),
  );

  app.get('/emails/:id', (c) => {
    const denied = auth(c);
    if (denied) return denied;
    const email = data().emails.find((e) => e.id === c.req.param('id'));
    if (!email) return fail(c, 404, 'not_found', 'Email not found');
    const { attachments: _a, headers: _h, ...rest } = email;
    return c.json(rest);
  });

  app.get('/emails', (c) => {
    const denied = auth(c);
    if (denied) return denied;
    const limit = Math.min(Number(c.req.query('limit') ?? 20), 100);
    const all = [...data().emails].reverse();
    return c.json({ object: 'list', has_more: all.length > limit, data: all.slice(0, limit) });
  });

  return app;
}
