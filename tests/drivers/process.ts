import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../config/paths.ts';
import type { BootResult, GatewayDriver, ProcessorConfig } from './driver.ts';
import { contractGatewayConfig } from './gateway-config.ts';
import { httpGateway } from './http-gateway.ts';

const DEFAULT_COMMAND = `"${process.execPath}" "${path.join(packageRoot, 'bin/gatecheck.js')}" gateway --config {config} --json`;
const BOOT_TIMEOUT_MS = 15_000;

/**
 * Spawns any gateway as a child process (any language). The command gets the processor config as
 * a generated JSON file, `{config}` in the command or GATECHECK_CONFIG in its environment, and must
 * print one line `{"url": "http://127.0.0.1:PORT"}` on stdout once it listens. A refusal to boot is
 * a non-zero exit; the first CONFIG_* word on its stderr is taken as the code.
 */
export function processDriver(command = process.env.GATECHECK_GATEWAY_CMD ?? DEFAULT_COMMAND): GatewayDriver {
  return {
    name: 'process',
    async start(processors: ProcessorConfig[], env: Record<string, string> = {}): Promise<BootResult> {
      const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-gateway-'));
      const configFile = path.join(dir, 'gateway.json');
      writeFileSync(configFile, JSON.stringify(contractGatewayConfig(processors), null, 2));
      const child = spawn(command.replaceAll('{config}', `"${configFile}"`), {
        shell: true,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env, GATECHECK_CONFIG: configFile },
      });
      let output = '';
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const killGroup = (signal: NodeJS.Signals) => {
        try { process.kill(-child.pid!, signal); } catch { /* already gone */ }
      };
      const cleanup = () => rmSync(dir, { recursive: true, force: true });
      const url = await new Promise<string | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), BOOT_TIMEOUT_MS);
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk;
          stdout += chunk;
          const line = stdout.split('\n').find((l) => l.trim().startsWith('{') && l.includes('"url"'));
          if (line) { clearTimeout(timer); resolve((JSON.parse(line) as { url: string }).url); }
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk));
        void exited.then(() => { clearTimeout(timer); resolve(null); });
      });
      if (!url) {
        killGroup('SIGKILL');
        const code = await exited;
        cleanup();
        return { ok: false, code: /\b(CONFIG_[A-Z_]+)\b/.exec(output)?.[1] ?? null, message: `gateway exited (${code}) before listening: ${output.trim().slice(-800)}` };
      }
      return {
        ok: true,
        gateway: httpGateway({
          url,
          logs: () => output,
          stop: async () => {
            killGroup('SIGTERM');
            const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
            await exited;
            clearTimeout(timer);
            cleanup();
          },
        }),
      };
    },
  };
}
