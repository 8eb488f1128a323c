/** The main process's configuration, read once. */
export const mainEnv = {
  /** Set by `electron-vite dev`: the renderer's dev server. Unset (or empty) in a built app. */
  rendererUrl: process.env['ELECTRON_RENDERER_URL'] || undefined,
};
