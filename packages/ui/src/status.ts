import { statusWordsOf, type StatusTone } from '@handled/core/status-words';

export type { StatusTone };

/** How a status reads on a badge and which status colour it wears. */
export interface StatusMeta {
  label: string;
  tone: StatusTone;
}

/** A booking status's badge (words from the core's table); anything else reads as itself, in grey. */
export function statusMeta(status: string): StatusMeta {
  const words = statusWordsOf(status);
  return words ? { label: words.label, tone: words.tone } : { label: status.replace(/_/g, ' '), tone: 'cancelled' };
}
