import { cancellationRules } from './rules-cancel.ts';
import { jobRules } from './rules-job.ts';
import { paymentRules } from './rules-payment.ts';
import { requestRules } from './rules-request.ts';
import type { TransitionRule } from './rule.ts';

export type { RuleContext, TransitionRule } from './rule.ts';

/**
 * The whole machine as data: every row says in which states a command is accepted, from whom,
 * under which guards, where it leads and what it causes. `transition`, `allowedCommands` and
 * `toMermaid` all read this one table.
 */
export const transitionTable: readonly TransitionRule[] = [...requestRules, ...paymentRules, ...cancellationRules, ...jobRules];
