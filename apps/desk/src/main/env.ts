/** Set at build time from VITE_API_URL (electron.vite.config.ts), the renderer's own default. */
declare const __HANDLED_API_URL__: string | undefined;

const seconds = (raw: string | undefined, fallback: number) => {
  const n = Number(raw);
  return Number.isFinite(n) && n >= 1 && n <= 3600 ? n : fallback;
};

/** The main process's configuration, read once. */
export const mainEnv = {
  /** Set by `electron-vite dev`: the renderer's dev server. Unset (or empty) in a built app. */
  rendererUrl: process.env['ELECTRON_RENDERER_URL'] || undefined,
  /** The API the main process polls for notifications (HANDLED_API_URL overrides the built one, e.g. staging). */
  apiUrl: (
    process.env['HANDLED_API_URL'] ||
    (typeof __HANDLED_API_URL__ === 'string' ? __HANDLED_API_URL__ : '') ||
    'http://127.0.0.1:8787'
  ).replace(/\/$/, ''),
  /** How often the main process asks what is new (also while the window is hidden). */
  pulseSeconds: seconds(process.env['HANDLED_PULSE_SECONDS'], 30),
};
