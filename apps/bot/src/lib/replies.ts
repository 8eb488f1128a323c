import { TRPCClientError } from '@trpc/client';
import { describeApiError } from '@handled/client';
import type { BotContext } from '../context.ts';
import type { Me } from './format.ts';

export function notLinkedText(webUrl: string): string {
  return [
    '<b>Link your Handled account first.</b>',
    '',
    `1. Open your account on Handled (${webUrl}/account) — providers: Settings in Handled Desk.`,
    '2. Choose <b>Link Telegram</b>: you get a one-time code and a link that opens this chat.',
    '3. Open the link and press Start — or send the code here: <code>/link YOUR-CODE</code>.',
  ].join('\n');
}

const GENERIC = 'Sorry, something went wrong on our side. Please try again in a minute.';
const OFFLINE = 'We could not reach Handled. Please try again in a minute.';

/** The API says nobody is linked to this chat (or the link was removed). */
export function isNotLinked(e: unknown): boolean {
  return e instanceof TRPCClientError && (e.data as { code?: string } | undefined)?.code === 'UNAUTHORIZED';
}

/** The message a person should read for a failure: the API's own words, or a plain apology. */
export function failureMessage(e: unknown): string {
  if (!(e instanceof TRPCClientError)) return GENERIC;
  // No `data` means the request never got an answer from the API (down, timeout, bad URL).
  if (e.data == null) return OFFLINE;
  if ((e.data as { code?: string }).code === 'INTERNAL_SERVER_ERROR') return GENERIC;
  return describeApiError(e).message;
}

/**
 * The linked person, or null after telling an unlinked chat how to link. Other failures
 * (the API down) propagate to the error boundary.
 */
export async function requireAccount(ctx: BotContext): Promise<Me | null> {
  try {
    return await ctx.handled.account.me.query();
  } catch (e) {
    if (!isNotLinked(e)) throw e;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: 'Link your Handled account first.', show_alert: true });
    await ctx.reply(notLinkedText(ctx.config.webUrl), { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    return null;
  }
}

/** Tells the person why their action did not go through, where they acted. */
export async function explainFailure(ctx: BotContext, e: unknown): Promise<void> {
  if (isNotLinked(e)) {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: 'Link your Handled account first.', show_alert: true });
    await ctx.reply(notLinkedText(ctx.config.webUrl), { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    return;
  }
  const text = failureMessage(e);
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: text.slice(0, 200), show_alert: true });
  else await ctx.reply(text);
}

export function apiErrorCode(e: unknown): string | undefined {
  return e instanceof TRPCClientError ? (e.data as { code?: string } | undefined)?.code : undefined;
}

/**
 * A refused button: not this person's booking (forged, or meant for another account) is said in
 * an alert naming whom this chat speaks for; anything else in the API's words.
 */
export async function refuseAction(ctx: BotContext, e: unknown): Promise<void> {
  const code = apiErrorCode(e);
  if (ctx.callbackQuery && (code === 'NOT_FOUND' || code === 'FORBIDDEN')) {
    const me = await ctx.handled.account.me.query().catch(() => null);
    const who = me ? ` This chat is linked to ${me.name} (${me.email}).` : '';
    await ctx.answerCallbackQuery({ text: `${failureMessage(e)}${who}`.slice(0, 200), show_alert: true });
    return;
  }
  await explainFailure(ctx, e);
}

/** The booking moved on since the button was drawn (a CONFLICT from the state machine). */
export function isStale(e: unknown): boolean {
  return apiErrorCode(e) === 'CONFLICT';
}
