import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollWhileVisible, type VisibilitySource } from './poll.ts';

class FakeDocument extends EventTarget implements VisibilitySource {
  visibilityState: DocumentVisibilityState = 'visible';
  set(state: DocumentVisibilityState) {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

describe('polling while the window is visible', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks at once and every interval, pauses while hidden, catches up on return, and stops', () => {
    const doc = new FakeDocument();
    let ticks = 0;
    const stop = pollWhileVisible(() => ticks++, 10_000, { doc });
    expect(ticks).toBe(1);
    vi.advanceTimersByTime(25_000);
    expect(ticks).toBe(3);

    doc.set('hidden');
    vi.advanceTimersByTime(60_000);
    expect(ticks).toBe(3);

    doc.set('visible');
    expect(ticks).toBe(4);
    vi.advanceTimersByTime(10_000);
    expect(ticks).toBe(5);

    stop();
    vi.advanceTimersByTime(60_000);
    doc.set('hidden');
    doc.set('visible');
    expect(ticks).toBe(5);
  });

  it('does not tick when it starts hidden', () => {
    const doc = new FakeDocument();
    doc.visibilityState = 'hidden';
    let ticks = 0;
    const stop = pollWhileVisible(() => ticks++, 10_000, { doc });
    vi.advanceTimersByTime(30_000);
    expect(ticks).toBe(0);
    doc.set('visible');
    expect(ticks).toBe(1);
    stop();
  });

  it('can skip the first tick (data just loaded) and still catches up when the page shows again', () => {
    const doc = new FakeDocument();
    let ticks = 0;
    const stop = pollWhileVisible(() => ticks++, 10_000, { immediately: false, doc });
    expect(ticks).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(ticks).toBe(1);
    doc.set('hidden');
    doc.set('visible');
    expect(ticks).toBe(2);
    // Told it is visible while it already was (a page nudging a check): it checks now.
    doc.set('visible');
    expect(ticks).toBe(3);
    stop();
  });
});
