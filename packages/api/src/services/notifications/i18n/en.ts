/**
 * The English catalogue of notification texts (emails, SMS, push, in-app, Telegram): ICU
 * MessageFormat (intl-messageformat), one key per sentence. Every key is here; another language's
 * catalogue may leave a key out, and that key then reads in English. Money, dates and times come in
 * already formatted for the reader's locale and zone (see ./index.ts).
 */
export const en = {
  // Shared words
  'common.hours': '{hours, number} h',
  'common.photos': '{count, plural, one {# photo} other {# photos}}',
  'common.viewBooking': 'View booking',
  'common.openDesk': 'Open in Handled Desk',
  'common.zoneLabel': '{city} time ({abbr}, {offset})',
  'common.zoneLabelOffset': '{city} time ({offset})',

  // The email layout (layout.ts)
  'email.greeting': 'Hi {name},',
  'email.unsubscribeLink': 'Unsubscribe from these emails',
  'email.unsubscribe': 'Unsubscribe',
  'email.open': 'Open in Handled',
  'email.footerAccount': 'You get this email because you have an account with Handled.',
  'email.deskApp': 'Open in Handled Desk',
  'email.deskBrowser': 'Or in your browser',
  'email.deskBrowserLink': 'or in your browser',
  'email.photoBefore': 'Before photo',
  'email.photoAfter': 'After photo',

  // The booking email (booking-email.ts)
  'booking.when': 'When',
  'booking.where': 'Where',
  'booking.whereHidden': '{city} (the street once accepted)',
  'booking.yourProvider': 'Your provider',
  'booking.client': 'Client',
  'booking.messageThem': 'Or message them from the booking page.',
  'booking.booking': 'Booking',
  'booking.priceService': '{category}, {hours} at {rate}/h',
  'booking.priceServiceProvider': '{hours} at {rate}/h',
  'booking.serviceFee': 'Service fee',
  'booking.tax': 'Tax ({pct, number}%)',
  'booking.materials': 'Materials',
  'booking.total': 'Total',
  'booking.commission': "Handled's commission",
  'booking.youReceive': 'You receive',
  'booking.terms': 'Cancellation terms',
  'booking.policy': '{name} policy: {description}',
  'booking.footer': 'Booking {ref}. Times are shown in {zone}.',
  'booking.summaryClient': '{category} with {provider}',
  'booking.summaryProvider': '{category} for {client}',
  'booking.calendarDetails': 'Booking {ref}: {link}',
  'booking.icsDescription': 'Booking {ref}. {link}',
  'booking.addGoogle': 'Add to Google Calendar',
  'booking.addOutlook': 'Add to Outlook',

  // Cancellation policies in words (core's describePolicy says the same in English)
  'policy.name': '{name, select, flexible {Flexible} moderate {Moderate} strict {Strict} other {{name}}}',
  /** The policy's name inside a sentence ("under the flexible cancellation policy"). */
  'policy.adjective': '{name}',
  'policy.unknown': 'Ask the provider about cancelling.',
  'policy.free': 'Free cancellation at any time.',
  'policy.days': '{n, number} days',
  'policy.hours': '{n, number} hours',
  'policy.tier': ', {pct, number}% within {span}',
  'policy.tiers': 'Free cancellation until {span} before the start; {pct, number}% of the service after that{later}.',

  // The work done (completion email)
  'work.time': 'Time',
  'work.timeLine': '{worked} worked ({estimated} estimated)',
  'work.checklist': 'Checklist',
  'work.notes': "{name}'s notes",
  'work.photos': 'Photos',
  'work.photosLine': '{before} before, {after} after — all of them are on your booking page.',

  // Other providers for a declined or expired request
  'suggest.none': 'Other providers may be free then.',
  'suggest.rating': '{rating, number, ::.0}★, ',
  'suggest.item': '{name} ({rating}{rate}/h{free})',
  'suggest.free': ', free {when}',
  'suggest.now': 'Free at that time: {list}.',
  'suggest.soon': 'Free soon: {list}.',

  // Money after a cancellation or a no-show
  'money.reason': ' Reason given: "{reason}".',
  'money.nothingCharged': 'Nothing was charged.',
  'money.noFeeRefund': 'There is no fee: everything you paid ({refund}) goes back to your card.',
  'money.clientFee':
    'Under {hasPolicy, select, yes {the {policy}} other {the}} cancellation policy the {feeName} is {fee}{refund}. {provider} receives {share} of it.',
  'money.clientRefund': '; {refund} goes back to your card',
  'money.providerRefundNoFee': 'The client gets back everything they paid ({refund}); there is no fee.',
  'money.providerNoFee': 'There is no fee.',
  'money.providerShare':
    "You receive {share} of the {fee} {feeName} (after Handled's {pct, number}% commission), paid out with your earnings once the client's refund is done.",
  'money.feeLate': 'late-cancellation fee',
  'money.feeNoShow': 'no-show fee',
  'money.fee': 'fee',

  // Who cancelled
  'cancel.jobClient': '{category} booking on {at}',
  'cancel.jobProvider': '{category} job on {at}',
  'cancel.youCancelledYour': 'You cancelled your {job}.',
  'cancel.clientCancelled': '{name} cancelled the {job}.',
  'cancel.providerCancelledYour': '{name} cancelled your {job}.',
  'cancel.youCancelledThe': 'You cancelled the {job}.',
  'cancel.system': 'We cancelled the {job}.',
  'cancel.handled': 'Handled cancelled the {job}.',

  // Booking events (templates.ts)
  'requested.client.title': 'Request sent to {provider}',
  'requested.client.body':
    '{category}, {at}, {hours}, {total}. {first} has until {hasUntil, select, yes {{until}} other {soon}} to answer; the slot is held for you until then.',
  'requested.client.link': 'View request',
  'requested.provider.title': 'New request from {client}',
  'requested.provider.body': '{category}, {at}, {hours}, {total} (you earn {earn}). "{details}" in {city}.{photos}',
  'requested.provider.photos': ' 📷 {photos} of the problem: {link}',
  'requested.provider.accept': '✅ Accept',
  'requested.provider.decline': '✖️ Decline',
  'requested.provider.seePhotos': '📷 See the {photos}',
  'accepted.title': '{first} accepted your booking',
  'accepted.body': '{category} on {at}. Your invoice for {total} is on its way; pay it to confirm the slot.',
  'invoice.title': 'Pay {total} to confirm {first}',
  'invoice.body': '{first} accepted — pay by {hasDue, select, yes {{due}} other {the due date}} to keep your slot on {at}.',
  'invoice.link': 'Pay invoice',
  'invoice.button': '💳 Pay {total}',
  'confirmed.client.title': 'Confirmed: {category} with {first}',
  'confirmed.provider.title': 'Confirmed and paid: {client}',
  'confirmed.client.body': 'Paid {total}. {first} will see you on {at}.',
  'confirmed.provider.body': '{category} on {at} at {line1}, {city}. The client has paid.',
  'reminder.client.title': 'Reminder: {first} comes {at}',
  'reminder.client.body': '{category}, {hours}, at {line1}, {city}. Need to change it? Open the booking.',
  'reminder.provider.title': 'Reminder: {client}, {at}',
  'reminder.provider.body': '{category}, {hours}, at {line1}, {city}. Phone {phone}.',
  'reminder.provider.link': 'Open the job',
  'declined.title': "{first} can't make it",
  'declined.body': 'Your request for {at} was declined{reason}. Nothing was charged. {suggestions}',
  'declined.reason': ': "{reason}"',
  findAnother: 'Find another provider',
  'expired.client.title': "{first} didn't answer in time",
  'expired.provider.title': 'A request from {client} expired',
  'expired.client.body': 'Your request for {at} expired and nothing was charged. {suggestions}',
  'expired.provider.body': "You didn't answer the request for {at}; the slot is free again.",
  'expired.provider.link': 'Open Handled Desk',
  'cancelled.title': 'Booking {ref} cancelled',
  'clientNoShow.client.title': 'Missed appointment: {ref}',
  'clientNoShow.provider.title': 'No-show recorded: {ref}',
  'clientNoShow.client.body': '{first} came for your {category} booking on {at} and reported that nobody was there.{reason} {money}',
  'clientNoShow.provider.body': 'You reported {first} absent for the {category} job on {at}.{reason} {money}',
  'providerNoShow.client.title': 'No-show recorded: {ref}',
  'providerNoShow.provider.title': 'Missed job: {ref}',
  'providerNoShow.client.body': "You reported that {first} didn't come on {at}.{reason} {money}",
  'providerNoShow.provider.body':
    "{first} reported that you didn't come for the {category} job on {at}.{reason} The client gets back everything they paid and you receive nothing for it; the missed job is recorded on your reliability.",
  'tipped.title': '{first} tipped you {amount}',
  'tipped.body': 'A tip for the {category} job on {at}. All of it is yours — no fee — and it is paid out with your earnings.',
  'onMyWay.title': '{first} is on the way',
  'onMyWay.body': '{first} is heading to {line1} for your {category} booking at {at}.',
  'started.title': '{first} has started',
  'started.body': 'The job started ({category}, booked for {at}).',
  'completed.title': '{first} marked the job done',
  'completed.body':
    'Please confirm the {category} job is complete, or tell us about a problem, within 48 hours; after that it is confirmed for you.',
  'completed.link': 'Confirm or report a problem',
  'closed.client.title': 'Job confirmed: {ref}',
  'closed.provider.title': '{client} confirmed the job',
  'closed.client.body': 'Thanks — your {category} job on {at} is closed. Your receipt follows by email.',
  'closed.provider.body': 'The {category} job on {at} is confirmed; your payout is on its way.',
  'disputed.title': 'Problem reported on {ref}',
  'disputed.client.body': 'We have your report. The payout is on hold while our team looks at it.',
  'disputed.provider.body': '{client} reported a problem with the job on {at}. Your payout is on hold while our team looks at it.',
  'changed.title': 'Booking {ref} changed',
  'changed.body': '{category} is now on {at} for {hours} ({total}).',
  'calendarMove.title': '{first} kept the agreed time for {ref}',
  'calendarMove.body': 'You moved this job in Cal.com; {first} kept it on {at}. We are moving it back in your Cal.com.',
  'changeProposed.title': 'Change proposed for {ref}',
  'changeProposed.body': 'A new time or details were proposed for your {category} booking on {at}. Accept or reject it.',
  'changeProposed.link': 'Review the change',
  'review.client.title': 'How did {first} do?',
  'review.client.body':
    "Rate the {category} job on {at}: stars, a few words and photos if you like. {first} won't see your review until they have reviewed you too, or the review window closes.",
  'review.client.link': 'Write your review',
  'review.provider.title': 'Review {client}',
  'review.provider.body':
    "How was working with {first} on {at}? Your review is seen by other providers only, and {first}'s review of you stays hidden until you have written yours or the review window closes.",
  'review.provider.link': 'Review the client',
  'reviewReminder.client.title': 'A few days left to review {first}',
  'reviewReminder.client.body': 'The review window for the {category} job on {at} closes soon. It takes a minute and helps others choose.',
  'reviewReminder.provider.title': 'A few days left to review {client}',
  'reviewReminder.provider.body': 'The review window for the job on {at} closes soon. Reviews of clients help other providers.',
  'updated.title': 'Booking {ref} updated',
  'updated.body': '{category} on {at} is now {status}.',
  'status.word': '{raw}',

  // Text messages (service.ts)
  'sms.reminder': 'Handled reminder: {category} {role, select, client {with} other {for}} {name} {when} ({ref}). {link}',
  'sms.onMyWay': 'Handled: {provider} is on the way for your {category} booking {ref}. {link}',
  'sms.sameDay': 'Handled: {title} — {when} ({ref}). {link}',
  'sms.generic': 'Handled: {title}. {body}',

  // The fallback after a bounced email or an undelivered text (delivery-status.ts)
  'fallback.lostEmail': 'Our email to you could not be delivered, so here it is another way.',
  'fallback.lostSms': 'Our text message to you could not be delivered, so here it is another way.',
  'fallback.body': '{body}\n\n{lost}',
  'fallback.sms': 'Handled: our email "{subject}" could not be delivered. {body} See it here: {link}',
  'fallback.smsShort': 'Handled: our email "{subject}" could not be delivered. See it here: {link}',
  // Emergencies (emergency/emergency.ts; the contact's email in service.ts)
  'emergency.title': 'EMERGENCY: {raiser} raised an alert on {ref}',
  'emergency.body':
    "{raiser} pressed Emergency during the {category} job {ref}.\nReason: {reason}\nWhere: {where}\nWhen: {when}\nIf anyone is in danger, call {call} now. Handled's team has been told.",
  'emergency.sms': 'Handled EMERGENCY: {raiser} raised an alert ({ref}): {reason}. At {where}, {when}. If anyone is in danger call {call}.',
  'emergency.operatorBody':
    '{body}\nRaised by the {side, select, client {client} other {provider}}. Acknowledge it in the operator console.',
  'emergency.contactTitle': 'EMERGENCY: {raiser} raised an alert with Handled',
  'emergency.contactBody': "Hello {name}, you are {raiser}'s emergency contact ({relation}).\n{body}",
  'emergency.contactSms':
    'Handled EMERGENCY for {raiser} (you are their emergency contact, {ref}): {reason}. At {where}, {when}. If anyone is in danger call {call}.',
  /** Two numbers to call ("999 or 112"). */
  'emergency.or': '{a} or {b}',
  'email.footerContact': 'You get this email because someone named you as their emergency contact on Handled.',

  // Questions before a booking (messages/enquiries.ts)
  'enquiry.asked': '{name} asked you a question',
  'enquiry.answered': '{name} answered',
  'enquiry.sms': 'Handled: {title}: “{text}” {link}',

  // A booking conversation's digest (messages/digest.ts)
  'digest.title': '{n, plural, one {{who} sent you a message} other {{who} sent you # messages}}',
  'digest.about': 'About {category}, {when}:',
  'digest.earlier': '…and {n, number} earlier',
  'digest.photo': '(a photo)',
  'digest.link': 'Read and reply',
  'digest.booking': 'Booking {ref}',

  // The receipt email (receipts/receipts.ts)
  'receipt.finalTitle': 'Your receipt for booking {ref}',
  'receipt.paymentTitle': 'Payment receipt for booking {ref}',
  'receipt.attachedText': 'Your receipt {number} is attached as a PDF. You can also download it from your booking: {link}',
  /** {number} and {booking} are marked up (bold, the link). */
  'receipt.attachedHtml': 'Your receipt {number} is attached as a PDF. You can also download it from {booking}.',
  'receipt.yourBooking': 'your booking',
  'receipt.tipText': 'Happy with the job? Add a tip for {name} — all of it goes to them: {link}',
  /** {tipLink} is the link whose words are receipt.tipLink. */
  'receipt.tipHtml': 'Happy with the job? {tipLink} — all of it goes to them, Handled takes no fee.',
  'receipt.tipLink': 'Add a tip for {name}',
  'receipt.thanks': 'Thank you for using Handled.',
  // Account emails (accounts/emails.ts) and listing decisions (onboarding/vetting.ts)
  'account.greetingNoName': 'Hi there,',
  'account.openLink': 'Or open this link:',
  'account.verify.subject': 'Confirm your email for Handled',
  'account.verify.body': 'Welcome to Handled. Confirm your email so booking updates, invoices and receipts reach you.',
  'account.verify.action': 'Confirm my email',
  'account.verifyChange.subject': 'Confirm your new email for Handled',
  'account.verifyChange.body':
    'You asked to use {email} for your Handled account. Confirm it and we will send everything here from now on.',
  'account.verifyChange.action': 'Use this email',
  'account.verify.footnote': 'The link works for one hour. If you did not ask for this, ignore this email: nothing changes.',
  'account.reset.subject': 'Reset your Handled password',
  'account.reset.body': 'Someone asked to reset the password of your Handled account. Choose a new one with the button below.',
  'account.reset.action': 'Choose a new password',
  'account.reset.footnote': 'The link works once, for one hour. If it was not you, ignore this email: your password stays as it is.',
  'account.passwordChanged.subject': 'Your Handled password was changed',
  'account.passwordChanged.body': 'The password of your Handled account was just changed, and every other device was signed out.',
  'account.passwordChanged.ifNotYou':
    'If this was not you, reset your password from the sign-in page now and tell us by replying to this email.',
  'listing.approved.subject': 'Your Handled listing is live',
  'listing.changes.subject': 'A few changes before your listing goes live',
  'listing.suspended.subject': 'Your Handled listing is suspended',
  'listing.reinstated.subject': 'Your Handled listing is live again',
  'listing.approved.body': 'Good news: {name} is now listed on Handled. Clients near {city} can find and book you.',
  'listing.approved.requests': 'New requests arrive in Handled Desk and, if you linked it, in Telegram.',
  'listing.changes.intro': 'Thanks for sending your listing. Before it goes live, our team asks for these changes:',
  'listing.changes.outro': 'Make them in Handled Desk and send your listing again.',
  'listing.suspended.body': 'Your listing is suspended: clients cannot find or book you for now.',
  'listing.suspended.outro': 'Reply to this email if you want to talk about it.',
  'listing.reinstated.body': '{name} is listed again: clients can find and book you.',
  'listing.openDesk': 'Open Handled Desk',
  // Payments: the overdue reminder (payments/overdue.ts) and a failed bank payout (payments/bank-payouts.ts)
  'payment.overdue.title': 'Payment overdue: booking {ref}',
  'payment.overdue.body':
    'Your payment of {amount} for booking {ref} was due {due}. Please pay by {until} to keep the booking{hasLink, select, yes {: {link}} other {.}}',
  'payment.overdue.sms': 'Handled: your payment of {amount} for {ref} is overdue. Pay by {until} to keep the booking.',
  'payout.failed.title': 'Your payout of {amount} did not reach your bank',
  'payout.failed.body':
    'Stripe could not pay {amount} into your bank account{hasReason, select, yes {: {reason}} other {.}} The money is back in your Stripe balance. Check your bank details with Stripe; it is sent again with your next payout.',
} as const;

export type MessageKey = keyof typeof en;
