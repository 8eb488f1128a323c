import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { instant } from './columns.ts';

/**
 * The Telegram bot's per-chat state (grammY session data: a flow in progress such as a
 * reschedule, or the text a prompt is waiting for), kept here so a bot restart mid-flow loses
 * nothing. Written only through the bot's procedures (`bot.session*`), keyed by the chat id the
 * request names; the value is small JSON.
 */
export const botSessions = sqliteTable('bot_session', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  updatedAt: instant('updated_at').notNull(),
});
