/**
 * The browser's IANA zone, read in a worker. A page's first `Intl` call loads ICU's data: 30–50 ms
 * of main thread on a phone, right while the page becomes interactive. Read in a worker, that load
 * happens off the main thread (and warms ICU for any later formatting on the page).
 * Falls back to reading it here where workers are unavailable or refused.
 */
export function browserZone(): Promise<string> {
  const here = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (typeof Worker !== 'function' || typeof Blob !== 'function') return Promise.resolve(here());
  return new Promise((resolve) => {
    let url = '';
    try {
      url = URL.createObjectURL(new Blob(['postMessage(Intl.DateTimeFormat().resolvedOptions().timeZone)'], { type: 'text/javascript' }));
      const worker = new Worker(url);
      const done = (zone: string) => {
        worker.terminate();
        URL.revokeObjectURL(url);
        resolve(zone);
      };
      worker.onmessage = (e: MessageEvent<unknown>) => done(typeof e.data === 'string' && e.data ? e.data : here());
      worker.onerror = () => done(here());
    } catch {
      if (url) URL.revokeObjectURL(url);
      resolve(here());
    }
  });
}
