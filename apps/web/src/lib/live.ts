/** A change the API tells an open page about (live.events): what kind, which booking, which record. */
export interface LiveEvent {
  kind: 'ready' | 'resync' | 'message' | 'read' | 'booking' | 'enquiry' | 'emergency';
  bookingId: string | null;
  refId: string | null;
  at: string;
}

/**
 * Listens to the signed-in person's changes (`live.events` over SSE, through this site's /trpc proxy,
 * so the session cookie goes along). The browser's EventSource reconnects by itself and sends the
 * last event id, and the API replays what was missed. `onChange` is called at most once per 150 ms
 * for a burst (a thread marked read is one change per message). Returns the function that stops it.
 */
export function listenLive(
  input: { bookingId?: string; enquiryId?: string },
  onChange: (events: LiveEvent[]) => void,
  opts: { kinds?: LiveEvent['kind'][] } = {},
): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const url = `/trpc/live.events?input=${encodeURIComponent(JSON.stringify(input))}`;
  const source = new EventSource(url, { withCredentials: true });
  let pending: LiveEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  source.onmessage = (m: MessageEvent<string>) => {
    let e: LiveEvent;
    try {
      e = JSON.parse(m.data) as LiveEvent;
    } catch {
      return;
    }
    if (e.kind === 'ready') return;
    if (e.kind !== 'resync' && opts.kinds && !opts.kinds.includes(e.kind)) return;
    pending.push(e);
    timer ??= setTimeout(() => {
      const batch = pending;
      pending = [];
      timer = null;
      onChange(batch);
    }, 150);
  };
  // A refusal (signed out, not theirs) ends the stream for good rather than retrying forever.
  source.addEventListener('serialized-error', () => source.close());
  return () => {
    source.close();
    if (timer) clearTimeout(timer);
  };
}
