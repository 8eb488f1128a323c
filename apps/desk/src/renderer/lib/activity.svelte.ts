import { createActivityWatcher, type Attention } from '../../shared/activity.ts';
import { bridge } from './bridge.ts';
import { noteServerTime } from './clock.ts';
import { session } from './session.svelte.ts';

export const ACTIVITY_POLL_MS = 15_000;

function attention(): Attention {
  if (document.visibilityState !== 'visible') return 'hidden';
  return document.hasFocus() ? 'focused' : 'visible';
}

/**
 * The page's own look at `desk.pulse`: it keeps the desk's clock on the server's and, in a
 * browser, raises the desktop notifications (the Electron app's main process raises them itself,
 * also while its window is hidden, so here it stays quiet).
 */
export function watchActivity(): () => void {
  const watcher = createActivityWatcher({
    fetchPulse: async (since) => {
      const pulse = await session.api.desk.pulse.query(since ? { since } : {});
      noteServerTime(pulse.asOf);
      return pulse;
    },
    notify: (n) => {
      if (bridge.kind === 'web') void bridge.notify(n);
    },
    onCounts: () => {},
    attention,
  });
  void watcher.tick();
  const timer = setInterval(() => void watcher.tick(), ACTIVITY_POLL_MS);
  return () => {
    clearInterval(timer);
    watcher.reset();
  };
}
