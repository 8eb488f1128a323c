import { createShortcutReader, type KeyLike, type ShortcutAction } from './shortcuts.ts';

type ScreenHandler = (action: ShortcutAction) => boolean;
const handlers: ScreenHandler[] = [];

/** A screen takes the keys meant for it (accept, decline, next…) while it is shown; returns the release. */
export function takeShortcuts(handler: ScreenHandler): () => void {
  handlers.push(handler);
  return () => {
    const i = handlers.lastIndexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || !!target.closest('[role=dialog]');
}

/** Listens on the window: the newest screen handler gets the action first; `global` takes the rest (go to…, help). */
export function listenForShortcuts(global: (action: ShortcutAction) => void): () => void {
  const read = createShortcutReader();
  const onKey = (e: KeyboardEvent) => {
    const key: KeyLike = { key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, typing: typingIn(e.target) };
    const action = read(key);
    if (!action) return;
    const screen = handlers.at(-1);
    if (screen?.(action)) {
      e.preventDefault();
      return;
    }
    if (action.startsWith('go-') || action === 'help') {
      e.preventDefault();
      global(action);
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
