/** "sslv3 alert certificate expired" out of OpenSSL's "error:0A000415:SSL routines:fn:reason:file:line:...". */
export function opensslReason(message: string): string {
  return /error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/.exec(message)?.[1] ?? message;
}
