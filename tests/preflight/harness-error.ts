/** A fault of gatecheck or its environment, not of the gateway: `gatecheck run` exits 2 with this one line. */
export class HarnessError extends Error {
  override name = 'HarnessError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}
