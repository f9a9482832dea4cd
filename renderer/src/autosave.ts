import { useCallback, useEffect, useRef, useState } from 'react';

/** Every pending save in the window, so locking and closing can flush them first. */
const pending = new Set<() => Promise<void>>();

export async function flushAllDrafts(): Promise<void> {
  await Promise.all([...pending].map((flush) => flush()));
}

export type SaveState = { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

/**
 * Saves `value` shortly after typing stops, and at least every `maxWaitMs` while typing goes on,
 * so a crash loses at most about two seconds of text. `save` returns an error message or null.
 */
export function useAutosave<T>(value: T, save: (value: T) => Promise<string | null>, options: { enabled: boolean; delayMs?: number; maxWaitMs?: number }) {
  const { enabled, delayMs = 600, maxWaitMs = 1500 } = options;
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const latest = useRef(value);
  const saved = useRef(value);
  const firstPendingAt = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) await inFlight.current;
    if (latest.current === saved.current) return;
    const snapshot = latest.current;
    firstPendingAt.current = null;
    setState({ kind: 'saving' });
    inFlight.current = (async () => {
      const error = await saveRef.current(snapshot);
      if (error) setState({ kind: 'error', message: error });
      else {
        saved.current = snapshot;
        setState(latest.current === snapshot ? { kind: 'saved', at: new Date() } : { kind: 'dirty' });
      }
    })();
    await inFlight.current;
    inFlight.current = null;
  }, []);

  useEffect(() => {
    latest.current = value;
    if (!enabled || value === saved.current) return;
    const now = Date.now();
    firstPendingAt.current ??= now;
    if (timer.current) clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(delayMs, firstPendingAt.current + maxWaitMs - now));
    timer.current = setTimeout(() => void flush(), wait);
  }, [value, enabled, delayMs, maxWaitMs, flush]);

  useEffect(() => {
    pending.add(flush);
    return () => {
      pending.delete(flush);
      void flush();
    };
  }, [flush]);

  /** Sets the baseline after loading, so the loaded value is not saved back. */
  const reset = useCallback((loaded: T) => {
    latest.current = loaded;
    saved.current = loaded;
    setState({ kind: 'idle' });
  }, []);

  return { state, flush, reset };
}

export function describeSaveState(state: SaveState): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'dirty':
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${state.at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;
    case 'error':
      return `Not saved: ${state.message}`;
  }
}
