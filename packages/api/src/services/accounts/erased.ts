import type { EmailSender } from '@handled/integrations/email';

/** Where an erased person's email goes: a reserved domain (RFC 2606), so nothing is ever sent to it. */
export const ERASED_EMAIL_DOMAIN = 'deleted.handled.invalid';

export const erasedEmailOf = (userId: string) => `deleted-${userId}@${ERASED_EMAIL_DOMAIN}`;

/** Whether an address belongs to someone who deleted their account (nothing is sent, nobody can write to them). */
export const isErasedEmail = (email: string) => email.endsWith(`@${ERASED_EMAIL_DOMAIN}`);

/** The email sender, but silent for erased addresses: no job anywhere can mail someone who left. */
export function skippingErased(sender: EmailSender): EmailSender {
  return { send: (m) => (isErasedEmail(m.to) ? Promise.resolve({ id: 'skipped-erased-recipient' }) : sender.send(m)) };
}
