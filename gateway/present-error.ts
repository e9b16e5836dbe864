import { isRetryable, statusOf, type GatewayCode } from './errors.ts';

export type PresentedError = { status: number; body: { error: { code: string; message: string; processor: string | null; retryable: boolean } } };
export type PresentErrorPart = (failure: { code: GatewayCode; message: string; processor: string | null }) => PresentedError;

/** The error body the caller sees: the code's HTTP status, its retryability, one sentence. */
export const presentError: PresentErrorPart = ({ code, message, processor }) => ({
  status: statusOf(code),
  body: { error: { code, message, processor, retryable: isRetryable(code) } },
});
