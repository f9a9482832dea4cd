import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorPayload, Result } from '../../shared/errors.ts';

export interface Resource<T> {
  data: T | null;
  error: AppErrorPayload | null;
  reload: () => Promise<void>;
  set: (value: T) => void;
}

/**
 * Loads something from main and reloads it when `key` changes. The loader is read through a ref,
 * so callers can pass an inline function.
 */
export function useResource<T>(load: () => Promise<Result<T>>, key: string): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<AppErrorPayload | null>(null);
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  const reload = useCallback(async () => {
    const result = await loader.current();
    if (result.ok) {
      setData(result.value);
      setError(null);
    } else setError(result.error);
  }, []);
  useEffect(() => {
    let live = true;
    void loader.current().then((result) => {
      if (!live) return;
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return { data, error, reload, set: setData };
}

/** Field errors from a failed save, keyed by dot path, with a lookup that ignores a prefix. */
export function useFieldErrors(): [Record<string, string>, (fields: Record<string, string> | undefined) => void, (path: string) => string | undefined] {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = useCallback((fields: Record<string, string> | undefined) => setErrors(fields ?? {}), []);
  const at = useCallback((path: string) => errors[path] ?? Object.entries(errors).find(([k]) => k.endsWith(`.${path}`))?.[1], [errors]);
  return [errors, set, at];
}
