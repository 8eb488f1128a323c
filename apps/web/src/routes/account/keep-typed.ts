import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` for the account page's forms: the answer replaces the page's data but never what
 * the person typed (no reset), and `busy` says which form is on its way.
 */
export function keepTyped(onBusy: (busy: boolean) => void): SubmitFunction {
  return () => {
    onBusy(true);
    return async ({ update }) => {
      await update({ reset: false });
      onBusy(false);
    };
  };
}
