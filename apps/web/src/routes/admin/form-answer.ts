/** What an operator form action answered: which action, what was typed, the field errors, a message or what was done. */
export interface FormAnswer {
  action?: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  message?: string | null;
  done?: string;
}

/** Readers of the page's last answer, each for the form (action) it belongs to. */
export function formAnswer(form: unknown) {
  const answer = (form ?? {}) as FormAnswer;
  return {
    answer,
    valueOf: (action: string, field: string, fallback = '') => (answer.action === action ? (answer.values?.[field] ?? fallback) : fallback),
    errorOf: (action: string, field: string) => (answer.action === action ? answer.errors?.[field] : undefined),
    /** The line under a form, unless it already stands beside the field it is about. */
    messageOf: (action: string) =>
      answer.action !== action
        ? null
        : (answer.done ?? (Object.values(answer.errors ?? {}).includes(answer.message ?? '') ? null : (answer.message ?? null))),
  };
}
