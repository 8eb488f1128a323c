/** Stripe's test cards, and the checks the hosted page runs before charging one. */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  postalCode?: string;
}

export interface CardDecline {
  code: string;
  declineCode?: string;
  message: string;
}

export interface TestCard {
  brand: string;
  funding: string;
  decline?: CardDecline;
}

const declined = (declineCode: string, message = 'Your card was declined.'): CardDecline => ({
  code: 'card_declined',
  declineCode,
  message,
});

export const TEST_CARDS: Record<string, TestCard> = {
  '4242424242424242': { brand: 'visa', funding: 'credit' },
  '4000056655665556': { brand: 'visa', funding: 'debit' },
  '5555555555554444': { brand: 'mastercard', funding: 'credit' },
  '378282246310005': { brand: 'amex', funding: 'credit' },
  '4000000000000002': { brand: 'visa', funding: 'credit', decline: declined('generic_decline') },
  '4000000000009995': { brand: 'visa', funding: 'credit', decline: declined('insufficient_funds', 'Your card has insufficient funds.') },
  '4000000000009987': { brand: 'visa', funding: 'credit', decline: declined('lost_card') },
  '4000000000000069': { brand: 'visa', funding: 'credit', decline: { code: 'expired_card', message: 'Your card has expired.' } },
  '4000000000000127': {
    brand: 'visa',
    funding: 'credit',
    decline: { code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  },
};

/** Stripe's test PaymentMethod ids that stand for a test card (`pm_card_visa`, …). */
export const TEST_PAYMENT_METHODS: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_visa_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
};

export function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export interface CardProblem {
  code: string;
  message: string;
  field: 'number' | 'exp' | 'cvc' | 'postal_code';
}

/** Input checks that fail before any charge is attempted (no events). */
export function checkCardInput(card: CardInput, now: Date): CardProblem | null {
  const number = card.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number)) return { code: 'incomplete_number', message: 'Your card number is incomplete.', field: 'number' };
  if (!luhnValid(number)) return { code: 'incorrect_number', message: 'Your card number is invalid.', field: 'number' };
  if (!TEST_CARDS[number]) {
    return {
      code: 'card_declined',
      message:
        'Your card was declined. Your request was in test mode, but used a non test card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
      field: 'number',
    };
  }
  if (!(card.expMonth >= 1 && card.expMonth <= 12))
    return { code: 'invalid_expiry_month', message: "Your card's expiration month is invalid.", field: 'exp' };
  const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
  if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && card.expMonth < now.getUTCMonth() + 1)) {
    return { code: 'invalid_expiry_year', message: "Your card's expiration date is in the past.", field: 'exp' };
  }
  if (!/^\d{3,4}$/.test(card.cvc)) return { code: 'incomplete_cvc', message: "Your card's security code is incomplete.", field: 'cvc' };
  if (card.postalCode !== undefined && !/^[A-Za-z0-9 -]{3,10}$/.test(card.postalCode.trim())) {
    return { code: 'incomplete_zip', message: 'Your postal code is incomplete.', field: 'postal_code' };
  }
  return null;
}

/** Parses "MM / YY", "MM/YYYY" or "MMYY". */
export function parseExpiry(text: string): { month: number; year: number } {
  const digits = text.replace(/[^\d/]/g, '');
  const [m, y] = digits.includes('/') ? digits.split('/') : [digits.slice(0, 2), digits.slice(2)];
  return { month: Number(m), year: Number(y) };
}
