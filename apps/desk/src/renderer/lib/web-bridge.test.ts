import { describe, expect, it, vi } from 'vitest';
import { createWebBridge } from './web-bridge.ts';

function fakeWindow() {
  const store = new Map<string, string>();
  return {
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
    open: vi.fn(),
    focus: vi.fn(),
    location: { hash: '' },
  };
}

describe('the browser-mode bridge', () => {
  it('keeps the token in localStorage', async () => {
    const win = fakeWindow();
    const bridge = createWebBridge(win as unknown as Window);
    expect(bridge.kind).toBe('web');
    expect(await bridge.getToken()).toBeNull();
    await bridge.setToken('tok_abc.def');
    expect(await createWebBridge(win as unknown as Window).getToken()).toBe('tok_abc.def');
    await bridge.clearToken();
    expect(await bridge.getToken()).toBeNull();
  });

  it('opens web links in a new tab without an opener, and refuses other schemes', async () => {
    const win = fakeWindow();
    const bridge = createWebBridge(win as unknown as Window);
    await expect(bridge.openExternal('https://invoice.stripe.com/i/x')).resolves.toEqual({ opened: true });
    expect(win.open).toHaveBeenCalledWith('https://invoice.stripe.com/i/x', '_blank', 'noopener,noreferrer');
    win.open.mockClear();
    await expect(bridge.openExternal('javascript:alert(1)')).resolves.toMatchObject({ opened: false });
    await expect(bridge.openExternal('http://evil.example/')).resolves.toMatchObject({ opened: false });
    expect(win.open).not.toHaveBeenCalled();
  });
});
