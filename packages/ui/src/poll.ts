/** The parts of `document` the poller watches (a real document in the app, a stand-in in tests). */
export interface VisibilitySource extends EventTarget {
  readonly visibilityState: DocumentVisibilityState;
}

/**
 * Runs `tick` every `ms` while the page is visible; stops while it is hidden (a minimised window,
 * another tab) and ticks at once when it shows again. The first tick is at once too, unless
 * `immediately` is false (a page that has just loaded its data). Returns the stop function.
 */
export function pollWhileVisible(
  tick: () => void,
  ms: number,
  { immediately = true, doc = document as VisibilitySource }: { immediately?: boolean; doc?: VisibilitySource } = {},
): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  let skip = !immediately;
  const start = () => {
    if (!skip) tick();
    skip = false;
    timer = setInterval(tick, ms);
  };
  const pause = () => {
    clearInterval(timer);
    timer = undefined;
  };
  // Shown again (or told so while shown): check now.
  const onVisibility = () => {
    if (doc.visibilityState !== 'visible') pause();
    else if (timer === undefined) start();
    else tick();
  };
  doc.addEventListener('visibilitychange', onVisibility);
  onVisibility();
  return () => {
    pause();
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
