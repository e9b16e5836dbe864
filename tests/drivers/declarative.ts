import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DeclarativeGateway } from '../../config/schema.ts';
import { declarativeApi } from './declarative-api.ts';
import type { BootResult, GatewayDriver, ProcessorConfig } from './driver.ts';
import { freePort } from './free-port.ts';
import { gatewayConfigText } from './gateway-config-file.ts';
import { spawnGateway } from './gateway-process.ts';
import { codeMapper } from './locate.ts';

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * Any gateway process, in any language, described by a declarative config (docs/your-gateway.md):
 * per scenario it writes the gateway's config file into a temp folder, runs `command` from `cwd`
 * (the config's folder) in its own process group, waits for readiness, and speaks the gateway's
 * own API. A refusal to boot is a result with the code `bootCode` finds, mapped by `errors.map`.
 */
export function declarativeDriver(gateway: DeclarativeGateway, cwd: string, name = 'declarative'): GatewayDriver {
  const mapCode = codeMapper(gateway.errors.map);
  return {
    name,
    async start(processors: ProcessorConfig[], env: Record<string, string> = {}): Promise<BootResult> {
      const port = await freePort();
      const text = gatewayConfigText(gateway.configFile, processors, port);
      const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-gateway-'));
      const configFile = path.join(dir, `gateway${gateway.configFile.extension}`);
      const fill = (value: string, quoted: boolean) => value.replaceAll('{config}', quoted ? quote(configFile) : configFile).replaceAll('{port}', String(port));
      writeFileSync(configFile, text);
      const spawned = await spawnGateway({
        command: fill(gateway.command, true),
        cwd,
        dir,
        env: { ...Object.fromEntries(Object.entries(gateway.env).map(([k, v]) => [k, fill(v, false)])), ...env, GATECHECK_CONFIG: configFile },
        ready: 'url' in gateway.ready ? { pollUrl: fill(gateway.ready.url, false) } : { urlLine: new RegExp(gateway.ready.urlLine) },
        bootTimeoutMs: gateway.bootTimeoutMs,
      });
      if (!spawned.ready) {
        const code = new RegExp(gateway.bootCode).exec(spawned.output)?.[1] ?? null;
        const how = spawned.signal ? `was killed by ${spawned.signal}` : `exited (${spawned.exit})`;
        return { ok: false, code: code && mapCode(code), message: `gateway ${how} before it was ready: ${spawned.output.trim().slice(-800) || '(no output)'}` };
      }
      return { ok: true, gateway: declarativeApi(gateway, { url: spawned.url, logs: spawned.logs, stop: spawned.stop }) };
    },
  };
}
