import { ERROR_MESSAGES, type AppErrorPayload, type ErrorCode, type FieldErrors } from '../../../shared/errors.ts';

/** A failure with a code the renderer understands. Its message is the plain, human one. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, options: { fields?: FieldErrors; retryAfterMs?: number; message?: string } = {}) {
    super(options.message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    if (options.fields) this.fields = options.fields;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  toPayload(): AppErrorPayload {
    const payload: AppErrorPayload = { code: this.code, message: this.message };
    if (this.fields) payload.fields = this.fields;
    if (this.retryAfterMs !== undefined) payload.retryAfterMs = this.retryAfterMs;
    return payload;
  }
}
