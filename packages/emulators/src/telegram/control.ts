import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { personPresses, personSends } from './people.ts';
import { TelegramError, type TelegramStore } from './store.ts';
import { chatIndexPage, chatPage } from './pages.ts';

const sendBody = z.object({
  text: z.string().min(1),
  replyTo: z.coerce.number().int().optional(),
  from: z
    .object({
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      username: z.string().optional(),
      language_code: z.string().optional(),
    })
    .optional(),
});
const pressBody = z.object({ messageId: z.coerce.number().int(), data: z.string(), forged: z.boolean().optional() });

const isForm = (c: Context) => (c.req.header('content-type') ?? '').includes('form');

async function body(c: Context): Promise<unknown> {
  if (isForm(c)) {
    const form = await c.req.parseBody();
    return { ...form, ...(form.first_name ? { from: { first_name: form.first_name } } : {}) };
  }
  return c.req.json().catch(() => ({}));
}

/** `/_/telegram/...`: people's side of the chat, as JSON for tests and as HTML pages. */
export function controlRoutes(store: TelegramStore): Hono {
  const app = new Hono();
  const chatId = (c: Context) => {
    const id = Number(c.req.param('chatId'));
    if (!Number.isSafeInteger(id)) throw new TelegramError(400, 'Bad Request: chat id must be an integer');
    return id;
  };
  const back = (c: Context, id: number) =>
    c.redirect(`/_/telegram/chats/${id}${c.req.query('bot') ? `?bot=${c.req.query('bot')}` : ''}`, 303);

  app.onError((err, c) => {
    if (err instanceof TelegramError) return c.json({ ok: false, error_code: err.code, description: err.description }, err.code as 400);
    if (err instanceof z.ZodError)
      return c.json(
        { ok: false, error_code: 400, description: `Bad Request: ${err.issues[0]?.path.join('.')} ${err.issues[0]?.message}` },
        400,
      );
    throw err;
  });

  app.get('/_/telegram', (c) => c.html(chatIndexPage(store)));

  app.get('/_/telegram/chats/:chatId', (c) => {
    const bot = store.defaultBot(c.req.query('bot'));
    return c.html(chatPage(store, bot, chatId(c)));
  });

  app.get('/_/telegram/chats/:chatId/messages', (c) => {
    const bot = store.defaultBot(c.req.query('bot'));
    const chat = store.chat(bot.user.id, chatId(c));
    return c.json({
      ok: true,
      bot: bot.user,
      chat: chat?.chat ?? null,
      messages: (chat?.log ?? []).filter((e) => !e.deleted).map((e) => ({ by: e.by, ...e.message })),
      callbackAnswers: chat?.callbackAnswers ?? [],
      chatAction: chat?.lastAction ?? null,
    });
  });

  app.post('/_/telegram/chats/:chatId/send', async (c) => {
    const bot = store.defaultBot(c.req.query('bot'));
    const id = chatId(c);
    const p = sendBody.parse(await body(c));
    const message = personSends(store, bot, id, p.text, p.from, p.replyTo);
    return isForm(c) ? back(c, id) : c.json({ ok: true, message });
  });

  app.post('/_/telegram/chats/:chatId/press', async (c) => {
    const bot = store.defaultBot(c.req.query('bot'));
    const id = chatId(c);
    const p = pressBody.parse(await body(c));
    const query = personPresses(store, bot, id, p.messageId, p.data, p.forged ?? false);
    return isForm(c) ? back(c, id) : c.json({ ok: true, callback_query_id: query.id });
  });

  return app;
}
