/** Svelte 5 strips TypeScript itself; no preprocessor needed. */
export default {
  compilerOptions: { runes: true },
};
