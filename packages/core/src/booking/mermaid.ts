import { transitionTable, type TransitionRule } from './transition-table.ts';
import { bookingStatuses, isTerminal } from './types.ts';

export interface MermaidOptions {
  /** Also draw the payment rows that only record (self-loops on most states). Default false. */
  includePaymentRecords?: boolean;
}

// Mermaid ends a label at ';' and gives brackets, '#' and ':' meanings; keep labels to words and commas.
const plain = (s: string) =>
  s
    .replace(/[;:#{}<>"()[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** e.g. "accept by provider, if upfront payment required, before the start" */
function label(r: TransitionRule): string {
  const parts = [`${r.command} by ${r.actors.join(' or ')}`];
  if (r.when) parts.push(`if ${r.when.label}`);
  for (const g of r.guards) parts.push(g.label);
  return plain(parts.join(', '));
}

/** The machine as a Mermaid `stateDiagram-v2`, generated from `transitionTable` (its initial row included). */
export function toMermaid(options: MermaidOptions = {}): string {
  const lines = ['stateDiagram-v2'];
  for (const r of transitionTable) {
    const recordOnly = r.command === 'payment_received' && r.to === 'unchanged';
    if (recordOnly && !options.includePaymentRecords) continue;
    // `[*]` is where the initial transition (the request) starts: no booking yet.
    for (const from of r.from) lines.push(`  ${from ?? '[*]'} --> ${r.to === 'unchanged' ? (from ?? '[*]') : r.to} : ${label(r)}`);
  }
  for (const s of bookingStatuses) if (isTerminal(s)) lines.push(`  ${s} --> [*]`);
  lines.push('  note right of requested : client and provider act only on their own bookings');
  return lines.join('\n');
}
