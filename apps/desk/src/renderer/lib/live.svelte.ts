import type { RouterOutputs } from '@handled/client';
import { session } from './session.svelte.ts';

/** A change the API tells the desk about (live.events over SSE). */
type Envelope = RouterOutputs['live']['events'] extends AsyncIterable<infer E> ? E : never;
export type LiveEvent = Envelope['data'];
type Listener = (e: LiveEvent) => void;

// Plain callbacks, not state: nothing renders from this set.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const listeners = new Set<Listener>();

/** Calls `fn` for each live change until the returned function is called. */
export function onLive(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * The desk's one live connection while signed in: the provider's changes (new requests, messages,
 * read receipts, booking moves, emergencies) over SSE. tRPC's subscription link reconnects by itself
 * and resumes from the last event id; each change is handed to the screens listening.
 */
export function startLive(): () => void {
  const sub = session.api.live.events.subscribe(
    {},
    {
      // Each change comes with its id (tracked), which the link sends back when it reconnects.
      onData: ({ data }) => {
        for (const l of listeners) l(data);
      },
      onError: () => undefined,
    },
  );
  return () => sub.unsubscribe();
}
