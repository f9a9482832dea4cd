/**
 * The form layer: react-hook-form checked by the same zod schema from `shared/` that main checks.
 *
 *   // keep: explicit Save; the sections share one course version and hold dates and codes.
 *   const form = useContractForm({
 *     schema: formulationSchema,
 *     defaultValues: course.formulation,                 // the stored values (the baseline)
 *     save: (values) => mutateChannel('courses.update', { id, expectedUpdatedAt, formulation: values }),
 *     fieldPrefix: 'formulation.',                         // main's paths are relative to the input
 *     keep: { formId: 'course.formulation', recordId: course.id, label: 'Formulation' },
 *     savedValues: (course) => course.formulation,         // the new baseline after a save
 *   });
 *   <form onSubmit={form.submit} noValidate>
 *     {form.formError && <Alert>{form.formError}</Alert>}
 *     <TextField label="Agreed on" {...form.register('agreedOn')} error={form.errorAt('agreedOn')} />
 *     <SelectField label="Outcome" {...form.bind('outcome')} />     // controlled controls
 *
 * - Field errors show at the field on blur and on Save, before anything is sent.
 * - `save` throws `IptError` (callChannel, mutateChannel or a mutation's mutateAsync). A
 *   `VALIDATION_FAILED` reply's `fields` (dot paths, `fieldPrefix` removed) go back onto the same
 *   fields with `setError`; everything else shows once, in `formError`.
 * - Pick the kind (see unsaved.tsx): pass `keep` for the "keep" kind, which keeps unsaved edits
 *   across tab switches and asks before a lock; a form that saves as the user types uses
 *   `useAutosave` instead; a create form with nothing stored yet needs neither.
 * - `errorText(error)` (ipt.ts) gives one line for a failure outside a form.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useForm, useWatch, type FieldErrors, type FieldValues, type Path, type PathValue, type Resolver, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { ERROR_MESSAGES } from '../../shared/errors.ts';
import { errorText, IptError } from './ipt.ts';
import { draftKey, dropDraft, readDraft, useHasDraft, useUnsavedGuard } from './unsaved.tsx';

/** Any object schema from `shared/schemas`. */
export type FormSchema = z.ZodType<FieldValues, FieldValues>;
type Schema = FormSchema;

export interface ContractFormOptions<S extends Schema, T> {
  schema: S;
  /** The stored values: what the form starts from, and what "unsaved" is measured against. */
  defaultValues: z.input<S>;
  /** Sends the checked values; throws `IptError` on failure. */
  save: (values: z.output<S>) => Promise<T>;
  onSaved?: (value: T) => void;
  /** The stored values after a save (defaults to what was sent), so the form is clean again. */
  savedValues?: (value: T) => z.input<S>;
  /** Removed from the start of main's field paths: 'fields.' for `{ fields: … }` inputs. */
  fieldPrefix?: string;
  /** Applied before checking and sending, e.g. `withoutBlankItems` for list fields. */
  prepare?: (values: z.input<S>) => z.input<S>;
  /** The "keep" kind: unsaved edits survive the form going away; a lock asks first. */
  keep?: { formId: string; recordId: string; label: string };
}

export interface ContractForm<S extends Schema> {
  form: UseFormReturn<z.input<S>, unknown, z.output<S>>;
  register: UseFormReturn<z.input<S>, unknown, z.output<S>>['register'];
  /** Pass to `<form onSubmit>`. */
  submit: (event?: FormEvent) => Promise<void>;
  /** The message for a field (dot path), from the schema here or from main. */
  errorAt: (path: string) => string | undefined;
  /** `{ value, onChange, error }` for controlled controls (SelectField, CheckboxField, NumberField, LinesField). */
  bind: <P extends Path<z.input<S>>>(path: P) => { value: PathValue<z.input<S>, P>; onChange: (value: PathValue<z.input<S>, P>) => void; error: string | undefined };
  /** The one place for errors that belong to no field. */
  formError: string | null;
  /** True right after a successful save, until the next edit. */
  saved: boolean;
  /** True while edits differ from the stored values (keep kind only). */
  unsaved: boolean;
  /** True when the form opened with edits kept from before (keep kind): say so near the Save button. */
  restored: boolean;
  /** Forgets the edits: back to the stored values (Cancel). */
  discard: () => void;
}

/** Reads the message at a dot path of react-hook-form's nested errors. */
export function fieldError(errors: FieldErrors, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * Puts main's field messages onto the form's fields. Returns the message for the form as a whole:
 * the general message, plus any field message that has no field here.
 */
export function applyServerErrors<V extends FieldValues>(form: UseFormReturn<V, unknown, never> | UseFormReturn<V, unknown, FieldValues>, error: unknown, fieldPrefix = '', knownPaths?: (path: string) => boolean): string {
  if (!(error instanceof IptError)) return errorText(error);
  const { fields, message } = error.payload;
  const loose: string[] = [];
  for (const [path, text] of Object.entries(fields ?? {})) {
    const local = fieldPrefix && path.startsWith(fieldPrefix) ? path.slice(fieldPrefix.length) : path;
    const isField = path !== '_' && (!fieldPrefix || path.startsWith(fieldPrefix)) && (knownPaths?.(local) ?? true);
    if (isField) form.setError(local as Path<V>, { type: 'server', message: text });
    else loose.push(text);
  }
  return [message, ...loose].join(' ');
}

export function useContractForm<S extends Schema, T>(options: ContractFormOptions<S, T>): ContractForm<S> {
  const { schema, defaultValues, fieldPrefix = '', keep } = options;
  const key = keep ? draftKey(keep.formId, keep.recordId) : '';
  const [baseline, setBaseline] = useState<z.input<S>>(defaultValues);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const resolver = useCallback<Resolver<z.input<S>, unknown, z.output<S>>>(
    (values, context, resolverOptions) => {
      const prepare = latest.current.prepare ?? ((v: z.input<S>) => v);
      return (zodResolver(schema) as unknown as Resolver<z.input<S>, unknown, z.output<S>>)(prepare(values), context, resolverOptions);
    },
    [schema],
  );
  // A kept draft wins over the stored values: that is the point of the keep kind.
  const [kept] = useState(() => (keep ? readDraft<z.input<S>>(key) : undefined));
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver,
    defaultValues: (kept ?? defaultValues) as never,
    mode: 'onBlur',
    reValidateMode: 'onChange',
  });
  const [formError, setFormError] = useState<string | null>(null);
  // The values as last saved, so "Saved." shows until the next edit.
  const [savedJson, setSavedJson] = useState<string | null>(null);
  const values = useWatch({ control: form.control }) as z.input<S>;

  /** Checks with the schema and sends; for a kept draft saved while its form is away. */
  const saveQuietly = useCallback(
    async (input: z.input<S>): Promise<string | null> => {
      const prepare = latest.current.prepare ?? ((v: z.input<S>) => v);
      const parsed = schema.safeParse(prepare(input));
      if (!parsed.success) return ERROR_MESSAGES.VALIDATION_FAILED;
      try {
        await latest.current.save(parsed.data as z.output<S>);
        return null;
      } catch (error) {
        return errorText(error);
      }
    },
    [schema],
  );
  useUnsavedGuard({ key: key || 'none', label: keep?.label ?? '', values: keep ? values : baseline, baseline, save: saveQuietly });

  const submit = form.handleSubmit(async (checked) => {
    setFormError(null);
    try {
      const value = await options.save(checked);
      const next = options.savedValues?.(value) ?? (checked as z.input<S>);
      if (keep) dropDraft(key);
      setBaseline(next);
      form.reset(next);
      setSavedJson(JSON.stringify(form.getValues()));
      options.onSaved?.(value);
    } catch (error) {
      setFormError(applyServerErrors(form as never, error, fieldPrefix));
    }
  });

  const errorAt = (path: string) => fieldError(form.formState.errors, path);
  const bind = <P extends Path<z.input<S>>>(path: P) => ({
    value: form.getValues(path),
    onChange: (value: PathValue<z.input<S>, P>) => form.setValue(path, value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted }),
    error: errorAt(path),
  });
  const unsaved = useHasDraft(key || 'none') && Boolean(keep);
  const saved = savedJson !== null && savedJson === JSON.stringify(values);

  const discard = () => {
    if (keep) dropDraft(key);
    setFormError(null);
    form.reset(baseline);
  };

  return { form, register: form.register, submit, errorAt, bind, formError, saved, unsaved, restored: kept !== undefined && unsaved, discard };
}
