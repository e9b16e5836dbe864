import { constants } from 'node:os';
import type { NetworkErrorCode } from './behaviour.ts';

/** The system call Node names in each error, and how its message reads. */
const shapes: Record<NetworkErrorCode, { syscall: string; message: (host: string, port: number) => string }> = {
  ECONNRESET: { syscall: 'read', message: () => 'read ECONNRESET' },
  ECONNREFUSED: { syscall: 'connect', message: (host, port) => `connect ECONNREFUSED ${host}:${port}` },
  ETIMEDOUT: { syscall: 'connect', message: (host, port) => `connect ETIMEDOUT ${host}:${port}` },
  ENOTFOUND: { syscall: 'getaddrinfo', message: (host) => `getaddrinfo ENOTFOUND ${host}` },
};

export type NodeNetworkError = Error & { code: NetworkErrorCode; errno: number; syscall: string; cause: Error & { code: NetworkErrorCode } };

/**
 * The error node:https reports for `code` (`err.code`, `err.syscall`, Node's message). It also
 * carries a `cause` with the same code, because a client written for global fetch reads
 * `err.cause.code` (undici wraps it in `TypeError: fetch failed`; nock hands fetch this error as is).
 * An `Error`, never a plain object: node:https hangs on anything else.
 */
export function networkError(code: NetworkErrorCode, target: { host: string; port: number }): NodeNetworkError {
  const shape = shapes[code];
  const errno = code === 'ENOTFOUND' ? -3008 : -(constants.errno as Record<string, number>)[code]!;
  const make = () => Object.assign(new Error(shape.message(target.host, target.port)), { code, errno, syscall: shape.syscall });
  return Object.assign(make(), { cause: make() });
}
