/**
 * The origin the renderer is served from: the dev server in `electron-vite dev`, otherwise
 * the app's own protocol. Only frames from this origin may call IPC or be navigated to.
 */
export function appOriginOf(rendererUrl: string | undefined, protocolOrigin: string): string {
  if (rendererUrl) {
    try {
      return new URL(rendererUrl).origin;
    } catch {
      /* fall through to the packaged origin */
    }
  }
  return protocolOrigin;
}

/** True when an IPC message comes from a frame showing our own renderer (not a stray page or iframe). */
export function isTrustedFrameUrl(frameUrl: string | null | undefined, appOrigin: string): boolean {
  if (!frameUrl) return false;
  try {
    const url = new URL(frameUrl);
    // Custom schemes report the origin "null" in WHATWG URL; compare scheme + host instead.
    return `${url.protocol}//${url.host}` === appOrigin;
  } catch {
    return false;
  }
}

/** The slice of an `IpcMainInvokeEvent` the check reads. */
export interface SenderLike {
  senderFrame: { url: string } | null;
  sender: { mainFrame: unknown };
}

/** IPC is answered only for our page's top frame: never an iframe, never another origin. */
export function isTrustedSender(event: SenderLike, appOrigin: string): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isTrustedFrameUrl(frame.url, appOrigin);
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** What to do when the window tries to navigate or open a new window to `target`. */
export function navigationDecision(target: string, appOrigin: string, isExternalOk: (url: string) => boolean): NavigationDecision {
  if (isTrustedFrameUrl(target, appOrigin)) return 'allow';
  return isExternalOk(target) ? 'open-external' : 'deny';
}
