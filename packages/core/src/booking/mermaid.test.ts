import { describe, expect, it } from 'vitest';
import { toMermaid } from './mermaid.ts';
import { bookingStatuses, transitionTable } from './state-machine.ts';

describe('toMermaid', () => {
  const diagram = toMermaid();
  const edges = diagram.split('\n').filter((l) => l.includes('-->'));

  it('draws a state diagram with every status', () => {
    expect(diagram.startsWith('stateDiagram-v2\n  [*] --> requested')).toBe(true);
    for (const s of bookingStatuses) expect(diagram).toMatch(new RegExp(`\\b${s}\\b`));
    expect(edges.filter((l) => l.endsWith('--> [*]'))).toEqual(
      ['declined', 'expired', 'cancelled', 'no_show'].map((s) => `  ${s} --> [*]`),
    );
  });

  it('draws one edge per row and state, straight from the table', () => {
    const drawn = transitionTable.filter((r) => !(r.command === 'payment_received' && r.to === 'unchanged'));
    // one per (row, from-state) — the start is the request row's — and one per terminal status
    expect(edges).toHaveLength(drawn.reduce((n, r) => n + r.from.length, 0) + 4);
    expect(edges.filter((l) => l.startsWith('  [*] -->'))).toEqual(['  [*] --> requested : request by client']);
    expect(diagram).toContain('  confirmed --> cancelled : cancel by system, payment still due');
    expect(diagram).toContain('  requested --> accepted : accept by provider, if upfront payment required, before the start');
    expect(diagram).toContain('  confirmed --> no_show : mark_no_show by client, noShowGraceMinutes after the start');
    expect(diagram).toContain('  disputed --> cancelled : resolve_dispute by admin, if outcome cancelled');
  });

  it('keeps labels free of what Mermaid would parse', () => {
    for (const l of edges) {
      const label = l.split(' : ')[1] ?? '';
      expect(label).not.toMatch(/[;:#{}<>"()[\]]/);
    }
  });

  it('adds the record-only payment loops on request', () => {
    const full = toMermaid({ includePaymentRecords: true });
    expect(full).toContain('  cancelled --> cancelled : payment_received by system');
    expect(diagram).not.toContain('cancelled --> cancelled');
  });
});
