import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';

/** Last in the chain: whatever no feature took. Buttons are always answered so their spinner stops. */
const composer = new Composer<BotContext>();

composer.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: 'This button no longer works. Try /bookings.' }));

composer.chatType('private').on('message', (ctx) => ctx.reply("Sorry, I didn't get that. /help lists what I can do."));

export { composer as unhandledFeature };
