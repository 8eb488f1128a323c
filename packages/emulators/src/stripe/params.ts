import qs from 'qs';
import { z } from 'zod';
import { invalid } from './errors.ts';

export type Params = Record<string, unknown>;

/** Form bodies and query strings with bracket notation, exactly as stripe-node writes them. */
export function parseForm(text: string): Params {
  return qs.parse(text, { depth: 20, arrayLimit: 1000, parameterLimit: 10_000, allowDots: false });
}

const bracket = (path: readonly PropertyKey[]): string => path.map((p, i) => (i === 0 ? String(p) : `[${String(p)}]`)).join('');

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Validates params with a zod schema; a failure becomes Stripe's 400 with the bracketed `param`. */
export function validate<S extends z.ZodType>(schema: S, params: Params): z.output<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw invalid('Invalid request');
  if (issue.code === 'unrecognized_keys') {
    const param = bracket([...issue.path, issue.keys[0] ?? '']);
    throw invalid(`Received unknown parameter: ${param}`, param, 'parameter_unknown');
  }
  const param = bracket(issue.path);
  const value = valueAt(params, issue.path);
  if (value === undefined || value === '') {
    throw invalid(`Missing required param: ${param}.`, param, 'parameter_missing');
  }
  throw invalid(`Invalid ${param}: ${issue.message}`, param, 'parameter_invalid_' + (issue.code === 'invalid_type' ? 'string' : 'value'));
}

// Form values arrive as strings; these accept both the string and the JSON-ish value.
export const int = () => z.union([z.number().int(), z.string().regex(/^-?\d+$/, 'must be an integer')]).transform(Number);
export const positiveInt = () => int().refine((n) => n >= 0, 'must be a non-negative integer');
export const bool = () => z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');
export const decimalString = () => z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal')]).transform(String);
export const currency = () =>
  z
    .string()
    .regex(/^[a-zA-Z]{3}$/, 'must be a three-letter ISO code')
    .transform((s) => s.toLowerCase());
export const metadata = () =>
  z.union([z.literal(''), z.record(z.string(), z.union([z.string(), z.number()]).transform(String))]).transform((m) => (m === '' ? {} : m));
export const stringList = () => z.union([z.literal(''), z.array(z.string())]).transform((v) => (v === '' ? [] : v));
export const expand = () => stringList().optional();
export const address = () =>
  z.strictObject({
    line1: z.string().optional(),
    line2: z.string().optional(),
    city: z.string().optional(),
    state: z.string().optional(),
    postal_code: z.string().optional(),
    country: z.string().optional(),
  });

/** Merges updated metadata Stripe-style: keys set to '' are removed. */
export function mergeMetadata(current: Record<string, string>, update: Record<string, string> | undefined): Record<string, string> {
  if (!update) return current;
  const next = { ...current, ...update };
  for (const [k, v] of Object.entries(update)) if (v === '') delete next[k];
  return next;
}

/** Stripe list params. */
export const listParams = {
  limit: int()
    .refine((n) => n >= 1 && n <= 100, 'must be between 1 and 100')
    .optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
  expand: expand(),
};
