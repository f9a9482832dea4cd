/**
 * Unsaved edits of "keep" forms: a draft store outside the component tree, and the question
 * "save, discard or stay?" before a lock would lose them.
 *
 * Every form that edits a stored record is one of two kinds; say which in a one-line comment:
 * - autosave (`useAutosave`, autosave.ts): saves as the user types. For long free text written
 *   in one go (session notes), where every keystroke matters and any half-typed state is valid.
 * - keep (`useContractForm({ keep })`, form.ts, or `useUnsavedGuard` here): an explicit Save,
 *   with unsaved edits kept in this store while the form is away (tab switch, another client) and
 *   restored when it comes back. For forms whose values are only valid once complete (codes,
 *   dates, a choice that reshapes the form), or that share one record version with other forms.
 *
 * Locking clears the store (no client data in memory while locked). A lock the user asked for
 * (button, menu) first asks through `confirmUnsaved()`; a lock nobody is there to answer (idle,
 * suspend) and closing the window (main allows 3 s) save what validates and drop the rest.
 * Navigation inside the app loses nothing, so it does not ask.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

export interface KeptDraft {
  /** `${formId}:${recordId}`. */
  key: string;
  /** Plain name of the form for the question, e.g. "Formulation". */
  label: string;
  values: unknown;
  /** Saves these values; resolves with an error message, or null when saved. */
  save: () => Promise<string | null>;
}

const drafts = new Map<string, KeptDraft>();
const listeners = new Set<() => void>();
let snapshot: readonly KeptDraft[] = [];

function changed(): void {
  snapshot = [...drafts.values()];
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function draftKey(formId: string, recordId: string): string {
  return `${formId}:${recordId}`;
}

/** The kept values of a form, if it has unsaved edits. */
export function readDraft<T>(key: string): T | undefined {
  return drafts.get(key)?.values as T | undefined;
}

export function keepDraft(draft: KeptDraft): void {
  const had = drafts.has(draft.key);
  drafts.set(draft.key, draft);
  if (!had) changed();
}

export function dropDraft(key: string): void {
  if (drafts.delete(key)) changed();
}

/** Every form with unsaved edits, re-rendering when the list changes. */
export function useKeptDrafts(): readonly KeptDraft[] {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** Whether one form has unsaved edits. */
export function useHasDraft(key: string): boolean {
  return useSyncExternalStore(subscribe, () => drafts.has(key));
}

/** Tries to save every kept draft; the ones that fail stay, with their messages returned. */
export async function saveKeptDrafts(): Promise<{ label: string; message: string }[]> {
  const failures: { label: string; message: string }[] = [];
  for (const draft of [...drafts.values()]) {
    const message = await draft.save().catch(() => 'It could not be saved.');
    if (message === null) dropDraft(draft.key);
    else failures.push({ label: draft.label, message });
  }
  return failures;
}

/** Forgets every kept draft (on lock, after saving or the user's choice). */
export function clearKeptDrafts(): void {
  if (drafts.size === 0) return;
  drafts.clear();
  changed();
}

/**
 * Registers a form's edits while they differ from the stored `baseline`. Values are compared as
 * JSON. `save` is read through a ref, so it always sees the latest props.
 */
export function useUnsavedGuard<T>({ key, label, values, baseline, save }: { key: string; label: string; values: T; baseline: T; save: (values: T) => Promise<string | null> }): void {
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    if (JSON.stringify(values) === JSON.stringify(baseline)) {
      dropDraft(key);
      return;
    }
    const kept = structuredClone(values);
    keepDraft({ key, label, values: kept, save: () => saveRef.current(kept) });
  }, [key, label, values, baseline]);
}

// The question itself: one at a time, answered by the dialog App renders.
type Answer = 'saved' | 'discard' | 'stay';
let pendingQuestion: ((answer: Answer) => void) | null = null;
const questionListeners = new Set<() => void>();
let asking = false;

function setAsking(next: boolean): void {
  asking = next;
  for (const listener of questionListeners) listener();
}

/**
 * Asks what to do with unsaved edits before a lock the user asked for. Resolves true to go on
 * (saved or discarded; the store is then empty) or false to stay.
 */
export async function confirmUnsaved(): Promise<boolean> {
  if (drafts.size === 0) return true;
  const answer = await new Promise<Answer>((resolve) => {
    pendingQuestion?.('stay');
    pendingQuestion = resolve;
    setAsking(true);
  });
  pendingQuestion = null;
  setAsking(false);
  if (answer === 'discard') clearKeptDrafts();
  return answer !== 'stay';
}

/** "You have unsaved changes in X: save, discard or stay?" Rendered once, by App. */
export function UnsavedChangesDialog() {
  const open = useSyncExternalStore(
    (listener) => {
      questionListeners.add(listener);
      return () => questionListeners.delete(listener);
    },
    () => asking,
  );
  const kept = useKeptDrafts();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) return null;
  const names = kept.map((d) => d.label).join(', ');
  const answer = (a: Answer) => {
    setProblem(null);
    pendingQuestion?.(a);
  };
  async function save() {
    setBusy(true);
    const failures = await saveKeptDrafts();
    setBusy(false);
    if (failures.length === 0) return answer('saved');
    setProblem(failures.map((f) => `${f.label}: ${f.message}`).join(' '));
  }
  return (
    <div className="idle-warning" role="alertdialog" aria-labelledby="unsaved-title" aria-describedby="unsaved-text">
      <h2 id="unsaved-title">Unsaved changes</h2>
      <p id="unsaved-text">You have unsaved changes in {names}. Save them before locking, discard them, or stay?</p>
      {problem && (
        <p role="alert" className="error-text">
          Not saved. {problem}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void save()} disabled={busy} autoFocus>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={() => answer('discard')} disabled={busy}>
          Discard
        </button>
        <button type="button" onClick={() => answer('stay')} disabled={busy}>
          Stay
        </button>
      </div>
    </div>
  );
}
