import { InlineKeyboard } from 'grammy';
import { declineReasons } from '@handled/core/decline-reasons';
import { bookingButtons, declineChoices } from './callback-data.ts';
import { money, type BookingView, type Me } from './format.ts';

/** The actions the API says this person may take now, as buttons; undefined when there are none. */
export function bookingCardKeyboard(me: Me, b: BookingView): InlineKeyboard | undefined {
  const kb = new InlineKeyboard();
  let any = false;
  const can = new Set<string>(b.allowedCommands);
  if (can.has('accept')) {
    kb.text('✅ Accept', bookingButtons.accept(b.id));
    any = true;
  }
  if (can.has('decline')) {
    kb.text('✖️ Decline', bookingButtons.decline(b.id));
    any = true;
  }
  const isClient = b.client?.id === me.id;
  const inv = b.invoice;
  if (isClient && inv?.hostedUrl && inv.status === 'open' && inv.amountRemaining > 0) {
    if (any) kb.row();
    kb.url(`💳 Pay ${money(inv.amountRemaining, inv.currency)}`, inv.hostedUrl);
    any = true;
  }
  // After the start and its grace period, a client whose provider did not come can say so (the consequence comes first).
  if (isClient && can.has('mark_no_show')) {
    if (any) kb.row();
    kb.text(`🚫 ${b.provider?.displayName.split(' ')[0] ?? 'The provider'} didn't come`, bookingButtons.noShow(b.id));
    any = true;
  }
  return any ? kb : undefined;
}

/** The consequence is on the message: report, or keep waiting. */
export function noShowKeyboard(bookingId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text('Yes, report it', bookingButtons.noShowConfirm(bookingId))
    .text('« Keep waiting', bookingButtons.view(bookingId));
}

/** The quick reasons a provider picks from when declining, and a way back. */
export function declineReasonsKeyboard(bookingId: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  declineChoices.forEach((code, i) => {
    kb.text(code === 'other' ? 'Other…' : declineReasons[code].label, bookingButtons.declineWith(bookingId, code));
    if (i % 2 === 1) kb.row();
  });
  return kb.text('« Back', bookingButtons.back(bookingId));
}

/** What the server's request notification carries: Accept and Decline. */
export function answerKeyboard(bookingId: string): InlineKeyboard {
  return new InlineKeyboard().text('✅ Accept', bookingButtons.accept(bookingId)).text('✖️ Decline', bookingButtons.decline(bookingId));
}

export function viewKeyboard(bookingId: string): InlineKeyboard {
  return new InlineKeyboard().text('View booking', bookingButtons.view(bookingId));
}
