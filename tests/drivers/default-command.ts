import { fileURLToPath } from 'node:url';

// From dist/ (the package) the compiled command module is a sibling folder away; from the sources
// (gatecheck's own repository) it is the one `npm run build` wrote to dist/.
const compiled = import.meta.url.endsWith('.js') ? new URL('../../cli/commands/gateway.js', import.meta.url) : new URL('../../dist/cli/commands/gateway.js', import.meta.url);

/**
 * The bundled reference gateway as a process (what `GATECHECK_GATEWAY=process` runs without
 * GATECHECK_GATEWAY_CMD): `gatecheck gateway` from the compiled dist/, started straight from its
 * command module rather than through bin/gatecheck.js, so a scenario's start loads only what the
 * gateway needs.
 */
export function defaultGatewayCommand(): string {
  return `"${process.execPath}" "${fileURLToPath(compiled)}" --config {config} --json`;
}
