import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The bundled reference gateway as a process (what `GATECHECK_GATEWAY=process` runs without GATECHECK_GATEWAY_CMD). */
export function defaultGatewayCommand(): string {
  return `"${process.execPath}" "${path.join(root, 'bin/gatecheck.js')}" gateway --config {config} --json`;
}
