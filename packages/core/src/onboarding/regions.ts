import type { Currency } from '../money.ts';

/** The countries providers can work in: the ones whose addresses the booking form checks (schemas/address.ts). */
export const servedCountries = ['US', 'GB', 'CA', 'AU', 'IE'] as const;
export type ServedCountry = (typeof servedCountries)[number];

export interface CountryFacts {
  name: string;
  currency: Currency;
  /** Where a new provider's hours are kept when their own zone is not known yet. */
  defaultTimeZone: string;
  /** What a postal code is called there, for the forms. */
  postalWord: string;
}

export const countryFacts: Readonly<Record<ServedCountry, CountryFacts>> = {
  US: { name: 'United States', currency: 'USD', defaultTimeZone: 'America/New_York', postalWord: 'ZIP code' },
  GB: { name: 'United Kingdom', currency: 'GBP', defaultTimeZone: 'Europe/London', postalWord: 'postcode' },
  CA: { name: 'Canada', currency: 'CAD', defaultTimeZone: 'America/Toronto', postalWord: 'postal code' },
  AU: { name: 'Australia', currency: 'AUD', defaultTimeZone: 'Australia/Sydney', postalWord: 'postcode' },
  IE: { name: 'Ireland', currency: 'EUR', defaultTimeZone: 'Europe/Dublin', postalWord: 'Eircode' },
};

export function isServedCountry(country: string): country is ServedCountry {
  return (servedCountries as readonly string[]).includes(country);
}

/** A provider's prices are in their country's currency. */
export function currencyOfCountry(country: ServedCountry): Currency {
  return countryFacts[country].currency;
}

/**
 * The tax a provider's prices carry, chosen once in onboarding (the rate goes on each booking's
 * price snapshot). "Not registered" regions are for sole traders below the registration threshold.
 */
export interface TaxRegion {
  id: string;
  country: string;
  label: string;
  /** Sales tax / VAT / GST on the service and fee, in basis points. */
  bps: number;
}

export const taxRegions: readonly TaxRegion[] = [
  { id: 'US-NYC', country: 'US', label: 'New York City, NY — sales tax 8.875%', bps: 887 },
  { id: 'US-CHI', country: 'US', label: 'Chicago, IL — sales tax 10.25%', bps: 1025 },
  { id: 'US-LA', country: 'US', label: 'Los Angeles, CA — sales tax 9.5%', bps: 950 },
  { id: 'US-TX', country: 'US', label: 'Texas — sales tax 6.25%', bps: 625 },
  { id: 'US-EXEMPT', country: 'US', label: 'My services are not taxed where I work (0%)', bps: 0 },
  { id: 'GB-VAT', country: 'GB', label: 'VAT registered — 20%', bps: 2000 },
  { id: 'GB-EXEMPT', country: 'GB', label: 'Not VAT registered (0%)', bps: 0 },
  { id: 'CA-ON', country: 'CA', label: 'Ontario — HST 13%', bps: 1300 },
  { id: 'CA-QC', country: 'CA', label: 'Quebec — GST + QST 14.975%', bps: 1498 },
  { id: 'CA-BC', country: 'CA', label: 'British Columbia — GST 5%', bps: 500 },
  { id: 'CA-AB', country: 'CA', label: 'Alberta — GST 5%', bps: 500 },
  { id: 'CA-EXEMPT', country: 'CA', label: 'Small supplier, not registered for GST/HST (0%)', bps: 0 },
  { id: 'AU-GST', country: 'AU', label: 'Registered for GST — 10%', bps: 1000 },
  { id: 'AU-EXEMPT', country: 'AU', label: 'Not registered for GST (0%)', bps: 0 },
  { id: 'IE-VAT', country: 'IE', label: 'VAT registered — 23%', bps: 2300 },
  { id: 'IE-EXEMPT', country: 'IE', label: 'Not VAT registered (0%)', bps: 0 },
];

export function taxRegionsOf(country: string): TaxRegion[] {
  return taxRegions.filter((r) => r.country === country);
}

export function findTaxRegion(id: string): TaxRegion | undefined {
  return taxRegions.find((r) => r.id === id);
}

/** How the client pays a booking: everything when it is confirmed, or a deposit then the rest. */
export const paymentRules = [
  { id: 'full', depositBps: 10_000, label: 'Pay in full', detail: 'The client pays the whole price when you accept.' },
  { id: 'deposit_50', depositBps: 5_000, label: '50% deposit', detail: 'Half when you accept, the rest before the job.' },
  { id: 'deposit_25', depositBps: 2_500, label: '25% deposit', detail: 'A quarter when you accept, the rest before the job.' },
] as const;
export type PaymentRuleId = (typeof paymentRules)[number]['id'];
export const paymentRuleIds = ['full', 'deposit_50', 'deposit_25'] as const satisfies readonly PaymentRuleId[];

/** The rule a stored deposit share is (a share set outside onboarding reads as the nearest one). */
export function paymentRuleOf(depositBps: number): PaymentRuleId {
  if (depositBps >= 10_000 || depositBps <= 0) return 'full';
  return depositBps >= 3_750 ? 'deposit_50' : 'deposit_25';
}
