import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The bundled reference gateway as a process (what `GATECHECK_GATEWAY=process` runs without
 * GATECHECK_GATEWAY_CMD): `gatecheck gateway` from the compiled dist/, started straight from its
 * command module rather than through bin/gatecheck.js, so a scenario's start loads only what the
 * gateway needs.
 */
export function defaultGatewayCommand(): string {
  return `"${process.execPath}" "${path.join(root, 'dist/cli/commands/gateway.js')}" --config {config} --json`;
}
