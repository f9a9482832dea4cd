import type { IptApi } from '../../shared/contract-client.ts';
import type { AppErrorPayload, Result } from '../../shared/errors.ts';

declare global {
  interface Window {
    /** Exposed by the preload (app) or the host bridge (browser host). The only way to main. */
    readonly ipt: IptApi;
  }
}

export const ipt: IptApi = window.ipt;

/** Unwraps a result or throws its error payload, for code that handles errors in one place. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new IptError(result.error);
  return result.value;
}

export class IptError extends Error {
  readonly payload: AppErrorPayload;
  constructor(payload: AppErrorPayload) {
    super(payload.message);
    this.payload = payload;
  }
}

/**
 * The text to show for a failure: the first field message (more specific) or else the general
 * message. Takes an `IptError` (from a query or mutation), a payload, or anything thrown.
 */
export function errorText(error: unknown): string {
  const payload = error instanceof IptError ? error.payload : isPayload(error) ? error : null;
  if (!payload) return 'Something went wrong. Nothing was changed. Please try again.';
  return Object.values(payload.fields ?? {})[0] ?? payload.message;
}

function isPayload(value: unknown): value is AppErrorPayload {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string' && typeof (value as { code?: unknown }).code === 'string';
}
