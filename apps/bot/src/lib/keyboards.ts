import { InlineKeyboard } from 'grammy';
import { declineReasons } from '@handled/core/decline-reasons';
import { bookingButtons, declineChoices } from './callback-data.ts';
import { money, type BookingView, type Me, type PendingChange } from './format.ts';

/**
 * The actions this person may take on the booking now, as buttons: the core's `allowedCommands`
 * (as the API computed them for this person), the invoice, and a pending change to answer.
 * Undefined when there are none.
 */
export function bookingCardKeyboard(me: Me, b: BookingView, pending: PendingChange | null = null): InlineKeyboard | undefined {
  const kb = new InlineKeyboard();
  let inRow = 0;
  const add = (text: string, data: string) => {
    if (inRow === 2) {
      kb.row();
      inRow = 0;
    }
    kb.text(text, data);
    inRow++;
  };
  const can = new Set<string>(b.allowedCommands);
  const isClient = b.client?.id === me.id;
  const isProvider = b.provider?.id === me.id;
  const id = b.id;

  // A change the other side proposed comes first: it waits for this person's answer.
  const mySide = isClient ? 'client' : 'provider';
  if (pending && pending.proposedBy !== mySide) {
    add('✅ Accept new time', bookingButtons.acceptChange(id));
    add('✖️ Keep the old time', bookingButtons.rejectChange(id));
  }
  if (can.has('accept')) add('✅ Accept', bookingButtons.accept(id));
  if (can.has('decline')) add('✖️ Decline', bookingButtons.decline(id));
  const inv = b.invoice;
  if (isClient && inv?.hostedUrl && inv.status === 'open' && inv.amountRemaining > 0) {
    if (inRow) kb.row();
    kb.url(`💳 Pay ${money(inv.amountRemaining, inv.currency)}`, inv.hostedUrl);
    kb.row();
    inRow = 0;
  }
  if (isProvider && can.has('mark_on_my_way')) add('🚗 On my way', bookingButtons.onMyWay(id));
  if (isProvider && can.has('start')) add('▶️ Start the job', bookingButtons.start(id));
  if (isProvider && can.has('complete')) add('🏁 Complete', bookingButtons.finish(id));
  if (isClient && can.has('confirm_completion')) add('👍 All done', bookingButtons.confirmDone(id));
  if (isClient && can.has('raise_problem')) add('⚠️ Report a problem', bookingButtons.problem(id));
  if (isClient && b.status === 'completed') add('⭐ Rate', bookingButtons.rate(id));
  if (b.canProposeChange && !pending) add(isClient ? '🕑 Reschedule' : '🕑 Propose a new time', bookingButtons.reschedule(id));
  if (can.has('cancel') && b.status !== 'in_progress') add('✖️ Cancel booking', bookingButtons.cancel(id));
  if (b.status !== 'declined' && b.status !== 'expired')
    add(isClient ? '💬 Message provider' : '💬 Message client', bookingButtons.message(id));
  // During a job (on the way or under way) either side can raise an emergency.
  if (b.status === 'in_progress' || (b.status === 'confirmed' && b.timeline.some((e) => e.type === 'booking.on_my_way')))
    add('🆘 Emergency', bookingButtons.emergency(id));
  // After the start and its grace period, a client whose provider did not come can say so (the consequence comes first).
  if (isClient && can.has('mark_no_show'))
    add(`🚫 ${b.provider?.displayName.split(' ')[0] ?? 'The provider'} didn't come`, bookingButtons.noShow(id));
  return kb.inline_keyboard.flat().length ? kb : undefined;
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

/** Stars 1-5 as buttons. */
export function starsKeyboard(bookingId: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (let n = 1; n <= 5; n++) kb.text('⭐'.repeat(n), bookingButtons.rate(bookingId, n)).row();
  return kb;
}

/** Hours actually worked, in quarter hours around the estimate. */
export function hoursKeyboard(bookingId: string, estimatedHours: number): InlineKeyboard {
  const est = Math.round(estimatedHours * 4);
  const choices = [...new Set([est - 2, est - 1, est, est + 1, est + 2, est + 4].filter((q) => q >= 1 && q <= 96))];
  const kb = new InlineKeyboard();
  choices.forEach((q, i) => {
    kb.text(`${q === est ? '✓ ' : ''}${formatQuarterHours(q)}`, bookingButtons.finishWith(bookingId, q));
    if (i % 3 === 2) kb.row();
  });
  return kb.row().text('« Back', bookingButtons.view(bookingId));
}

export function formatQuarterHours(q: number): string {
  const h = Math.floor(q / 4);
  const m = (q % 4) * 15;
  return h && m ? `${h} h ${m} min` : h ? `${h} h` : `${m} min`;
}
