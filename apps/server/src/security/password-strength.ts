import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/** zxcvbn's scale: 3 is "safely unguessable" (about 10^8 guesses and more), the least we accept. */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;

// Loading the dictionaries takes ~0.3 s: done on the first password checked, once per process.
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

export type PasswordVerdict = { ok: true } | { ok: false; message: string };

/**
 * Judges a new password with zxcvbn (common passwords, words, keyboard patterns, repeats, dates,
 * and the person's own name and email). A refusal says why and what would help, in one sentence.
 */
export function checkPasswordStrength(password: string, personal: (string | undefined)[] = []): PasswordVerdict {
  const result = zxcvbn().check(
    password,
    personal.filter((s): s is string => !!s),
  );
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true };
  const why = result.feedback.warning ?? 'This password would be easy to guess.';
  const tip = result.feedback.suggestions[0] ?? 'Add more words that are less common.';
  return { ok: false, message: `Choose a stronger password. ${why} ${tip}` };
}
