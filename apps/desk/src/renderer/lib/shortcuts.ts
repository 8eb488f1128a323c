/** What a key does on the screen the provider is on. */
export type ShortcutAction =
  'accept' | 'decline' | 'next' | 'previous' | 'help' | 'go-today' | 'go-requests' | 'go-calendar' | 'go-jobs' | 'go-messages';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The event happened in a text field, a select or an editable element: keys are typing there. */
  typing: boolean;
}

/** The list shown in the help dialog, and on the buttons. */
export const shortcutHelp: { keys: string; what: string }[] = [
  { keys: 'A', what: 'Accept the request you are looking at' },
  { keys: 'D', what: 'Decline it (asks for a reason)' },
  { keys: 'J or N', what: 'Next request or job' },
  { keys: 'K or P', what: 'Previous request or job' },
  { keys: 'G then T / R / C / J / M', what: 'Go to Today, Requests, Calendar, Jobs, Messages' },
  { keys: '?', what: 'Show these shortcuts' },
];

const single: Record<string, ShortcutAction> = {
  a: 'accept',
  d: 'decline',
  j: 'next',
  n: 'next',
  k: 'previous',
  p: 'previous',
  '?': 'help',
};
const afterG: Record<string, ShortcutAction> = { t: 'go-today', r: 'go-requests', c: 'go-calendar', j: 'go-jobs', m: 'go-messages' };

/**
 * Reads keys one at a time: single letters, and "g" followed by a letter to go to a screen.
 * Nothing while typing in a field or with a modifier (those belong to the system and the browser).
 */
export function createShortcutReader() {
  let pendingG = false;
  return (e: KeyLike): ShortcutAction | null => {
    if (e.typing || e.ctrlKey || e.metaKey || e.altKey) {
      pendingG = false;
      return null;
    }
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (pendingG) {
      pendingG = false;
      return afterG[key] ?? null;
    }
    if (key === 'g') {
      pendingG = true;
      return null;
    }
    return single[e.key === '?' ? '?' : key] ?? null;
  };
}
