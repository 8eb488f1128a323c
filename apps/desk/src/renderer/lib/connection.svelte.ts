/**
 * Whether Handled can be reached: the browser's own online flag (Electron's too), and what the
 * last call to the API found — a laptop on a café network with no internet says "online".
 */
class Connection {
  browserOnline = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  apiReachable = $state(true);
  /** When the API last answered. */
  lastContact: Date | null = $state(null);
  #listeners = new Set<() => void>();

  constructor() {
    if (typeof window === 'undefined') return;
    window.addEventListener('online', () => {
      this.browserOnline = true;
      this.apiReachable = true;
      for (const fn of this.#listeners) fn();
    });
    window.addEventListener('offline', () => (this.browserOnline = false));
  }

  get offline(): boolean {
    return !this.browserOnline || !this.apiReachable;
  }

  reached() {
    const wasOff = this.offline;
    this.apiReachable = true;
    this.lastContact = new Date();
    if (wasOff && this.browserOnline) for (const fn of this.#listeners) fn();
  }

  unreachable() {
    this.apiReachable = false;
  }

  /** Runs `fn` each time the connection comes back; returns the unsubscribe. */
  onBack(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}

export const connection = new Connection();
