/** Why gatecheck itself (not the gateway) could not run a scenario. Stable codes; the message names the cause and the fix. */
export type HarnessErrorCode =
  | 'GATEWAY_COMMAND_FAILED'
  | 'GATEWAY_BOOT_TIMEOUT'
  | 'GATEWAY_URL_LINE_INVALID'
  | 'GATEWAY_CONFIG_RENDER_FAILED'
  | 'GATEWAY_DRIVER_INVALID'
  | 'GATEWAY_WEBHOOK_PATH_MISSING'
  | 'GATEWAY_NO_ANSWER'
  | 'GATEWAY_UNREACHABLE'
  | 'GATEWAY_DID_NOT_START';

/**
 * A harness error: the gateway command cannot be spawned, never became ready, printed a url line
 * that is not a URL, or the adapter is wrong. Never a breach: `gatecheck run` exits 2 for it.
 */
export class HarnessError extends Error {
  override name = 'HarnessError';
  constructor(readonly code: HarnessErrorCode, message: string) {
    super(`gatecheck harness error ${code}: ${message}`);
  }
}
