import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` for the account page's forms: the answer replaces the page's data but never what
 * the person typed (no reset), and `busy` says which form is on its way. With `clearOnSuccess` (a
 * form that adds something, like "Add an address"), a saved entry empties the form for the next one.
 */
export function keepTyped(onBusy: (busy: boolean) => void, opts: { clearOnSuccess?: boolean } = {}): SubmitFunction {
  return ({ formElement }) => {
    onBusy(true);
    return async ({ update, result }) => {
      await update({ reset: false });
      if (opts.clearOnSuccess && result.type === 'success') formElement.reset();
      onBusy(false);
    };
  };
}
