import type { PriceSnapshot } from '@handled/core';

/** The parts of a booking price a client sees. */
export type PriceParts = Pick<PriceSnapshot, 'hourlyRate' | 'quarterHours' | 'service' | 'platformFee' | 'tax' | 'taxBps' | 'total'> & {
  currency: string;
  /** Materials the provider paid for the job (with receipts), added at completion. */
  expenses?: number | undefined;
};

/** "2 h", "1.5 h", "2.25 h" */
export function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : Number(hours.toFixed(2))} h`;
}

/** 875 -> "8.75%", 2000 -> "20%" */
export function formatBps(bps: number): string {
  return `${Number((bps / 100).toFixed(3))}%`;
}
