/**
 * One contract call, in the order every transport gets: unknown channel, client mode, lock,
 * input validation, the handler, output validation. Never throws: every failure becomes a typed
 * error payload with a plain message, and nothing is written when validation fails.
 */
import type { z } from 'zod';
import { CLIENT_MODE_CHANNELS, contract, isChannelName } from '../../../shared/contract.ts';
import type { FieldErrors, Result } from '../../../shared/errors.ts';
import { ERROR_MESSAGES } from '../../../shared/errors.ts';
import { AppError } from '../data/errors.ts';
import { translateSqliteError } from '../data/vault/database.ts';
import type { Handlers } from './handlers/types.ts';

export interface DispatchState {
  clientMode: boolean;
  unlocked: boolean;
}

export async function dispatchCall(
  handlers: Handlers,
  state: DispatchState,
  channel: unknown,
  rawInput: unknown,
  onFailure: (error: AppError | 'internal', channel: string, kind: string) => void,
): Promise<Result<unknown>> {
  if (!isChannelName(channel)) return failure(new AppError('UNKNOWN_CHANNEL'));
  const def = contract[channel];
  if (state.clientMode && !CLIENT_MODE_CHANNELS.includes(channel)) return failure(new AppError('CLIENT_MODE'));
  if (def.access === 'unlocked' && !state.unlocked) return failure(new AppError('VAULT_LOCKED'));
  const parsed = def.input.safeParse(rawInput);
  if (!parsed.success) return failure(new AppError('VALIDATION_FAILED', { fields: fieldErrors(parsed.error) }));
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value: def.output.parse(value) };
  } catch (error) {
    const translated = translateSqliteError(error);
    if (translated instanceof AppError) {
      onFailure(translated, channel, translated.code);
      return failure(translated);
    }
    onFailure('internal', channel, translated instanceof Error ? translated.name : typeof translated);
    return failure(new AppError('INTERNAL'));
  }
}

function failure(error: AppError): Result<never> {
  return { ok: false, error: error.toPayload() };
}

/** Zod issues as field path -> first plain message. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (fields[path]) continue;
    fields[path] = issue.code === 'custom' || issue.message.length < 120 ? friendly(issue) : ERROR_MESSAGES.VALIDATION_FAILED;
  }
  return fields;
}

function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `Unexpected field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`;
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'This is required.' : `Expected ${issue.expected}.`;
  return issue.message;
}
