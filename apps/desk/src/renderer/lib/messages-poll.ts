/** The parts of `document` the poller watches (a real document in the app, a stand-in in tests). */
export interface VisibilitySource extends EventTarget {
  readonly visibilityState: DocumentVisibilityState;
}

/**
 * Runs `tick` now and every `ms` while the page is visible; stops while it is hidden (a
 * minimised window, another tab) and ticks at once when it shows again. Returns the stop function.
 */
export function pollWhileVisible(tick: () => void, ms: number, doc: VisibilitySource = document): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const start = () => {
    if (timer !== undefined) return;
    tick();
    timer = setInterval(tick, ms);
  };
  const pause = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const onVisibility = () => (doc.visibilityState === 'visible' ? start() : pause());
  doc.addEventListener('visibilitychange', onVisibility);
  onVisibility();
  return () => {
    pause();
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
