import { fail } from '@sveltejs/kit';
import { describeApiError } from '@handled/client';
import type { z } from 'zod';

/*
 * The one way the site reads and answers a form action. A form is a zod schema over its fields as
 * typed (all strings; it may transform or pipe them into the API's input, e.g. the core's schemas).
 * A refusal always answers `{ values, errors, message }` (plus whatever the page adds): what was
 * typed, so nothing is lost on redisplay; one message per field; one line above the form.
 */

/** A field's name: a key of what the schema takes in. */
export type FieldOf<S extends z.ZodType> = Extract<keyof z.input<S>, string>;
export type FormValues<F extends string> = Record<F, string>;
export type FormErrors<F extends string> = Partial<Record<F, string>>;

export interface SiteForm<S extends z.ZodType, F extends string = FieldOf<S>> {
  schema: S;
  fields: readonly F[];
  /** Fields never sent back to the page (a password). */
  secret: readonly F[];
  /** Other names for a field, in the schema's issue paths or the API's errors (`address` → `line1`). */
  aliases: Readonly<Record<string, F>>;
  /** The line above the form when fields are wrong (else the first issue no field claims). */
  message: string | null;
}

export interface FormOptions<F extends string> {
  secret?: readonly F[];
  aliases?: Readonly<Record<string, F>>;
  message?: string;
}

/** The fields of an object schema, or of the object at the start of a pipe (`.transform`, `.pipe`). */
function fieldsOf(schema: z.core.$ZodType): string[] {
  const def = schema._zod.def;
  if (def.type === 'object') return Object.keys((def as z.core.$ZodObjectDef).shape);
  if (def.type === 'pipe') return fieldsOf((def as z.core.$ZodPipeDef).in);
  throw new Error(`A form's schema is an object of its fields, not a ${def.type}`);
}

export function siteForm<S extends z.ZodType>(schema: S, options: FormOptions<FieldOf<S>> = {}): SiteForm<S> {
  return {
    schema,
    fields: fieldsOf(schema) as FieldOf<S>[],
    secret: options.secret ?? [],
    aliases: options.aliases ?? {},
    message: options.message ?? null,
  };
}

/** Each field's text as typed; a missing field (or a file) reads as ''. */
export function readForm<S extends z.ZodType, F extends string>(form: SiteForm<S, F>, data: FormData): FormValues<F> {
  const values = {} as FormValues<F>;
  for (const f of form.fields) {
    const v = data.get(f);
    values[f] = typeof v === 'string' ? v : '';
  }
  return values;
}

/** Which field a path (of a schema issue, or an API error's key) is about: the deepest one the form has. */
function fieldAt<F extends string>(form: SiteForm<z.ZodType, F>, path: readonly PropertyKey[]): F | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = String(path[i]);
    if ((form.fields as readonly string[]).includes(key)) return key as F;
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const alias = form.aliases[String(path[i])];
    if (alias) return alias;
  }
  return undefined;
}

export type CheckedForm<S extends z.ZodType, F extends string = FieldOf<S>> =
  | { ok: true; data: z.output<S>; values: FormValues<F> }
  | { ok: false; values: FormValues<F>; errors: FormErrors<F>; message: string | null };

/** The values through the schema: its output, or the first message for each field. */
export function checkForm<S extends z.ZodType, F extends string>(form: SiteForm<S, F>, values: FormValues<F>): CheckedForm<S, F> {
  const parsed = form.schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FormErrors<F> = {};
  let unplaced: string | null = null;
  for (const issue of parsed.error.issues) {
    const field = fieldAt(form, issue.path);
    if (field === undefined) unplaced ??= issue.message;
    else errors[field] ??= issue.message;
  }
  return { ok: false, values, errors, message: form.message ?? unplaced };
}

/** Reads the action's form and checks it (`readForm` then `checkForm`). */
export async function parseForm<S extends z.ZodType, F extends string>(form: SiteForm<S, F>, request: Request): Promise<CheckedForm<S, F>> {
  return checkForm(form, readForm(form, await request.formData()));
}

type Answer<F extends string> = { values: FormValues<F>; errors?: FormErrors<F>; message?: string | null };

/**
 * The form again with what is wrong (400 unless told): what was typed (secrets blanked), a message
 * per field, the line above (`null`: none); anything else in `answer` (which form of the page, a
 * flag) goes along. A failed `checkForm` result is an answer as it is.
 */
export function refuse<F extends string, A extends Answer<F> & { ok?: false }>(form: SiteForm<z.ZodType, F>, answer: A, status = 400) {
  const { ok: _checked, ...rest } = answer;
  const values = { ...answer.values };
  for (const f of form.secret) values[f] = '';
  return fail(status, {
    ...(rest as Omit<A, 'ok'>),
    values,
    errors: answer.errors ?? ({} as FormErrors<F>),
    message: answer.message !== undefined ? answer.message : form.message,
  });
}

/** The API's field errors (`{ address: ['…'] }`) beside the form's fields, first message wins. */
export function errorsFromApi<F extends string>(form: SiteForm<z.ZodType, F>, fieldErrors: Record<string, string[]>): FormErrors<F> {
  const errors: FormErrors<F> = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const field = fieldAt(form, [key]);
    if (field !== undefined && messages[0]) errors[field] ??= messages[0];
  }
  return errors;
}

/**
 * The form again after the API refused it, with the status the API answered (`status` only where a
 * page promises another): its field errors beside the fields they name, its message above — and
 * beside `at` too, when that field should carry it and the API named no field.
 */
export function refuseFromApi<F extends string, A extends Answer<F>>(
  form: SiteForm<z.ZodType, F>,
  e: unknown,
  answer: A,
  options: { at?: F; status?: number } = {},
) {
  const info = describeApiError(e);
  const errors = errorsFromApi(form, info.fieldErrors);
  if (options.at !== undefined) errors[options.at] ??= info.message;
  return refuse(form, { ...answer, errors, message: info.message }, options.status ?? info.httpStatus);
}
