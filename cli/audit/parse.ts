import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GatewayBootError, loadGatewayConfig, parseGatewayConfig, type GatewayConfig, type ProcessorConfig } from '../../gateway/index.ts';
import { finding, type Finding } from './finding.ts';
import { ConfigTooLargeError } from '../../gateway/config-limits.ts';

/** What stands in for a secret whose environment variable is missing, so the other checks still run. */
export const PLACEHOLDER = 'gatecheck-audit-placeholder';

export type ParsedProcessor = {
  index: number;
  config: ProcessorConfig;
  /** Fields audit filled in or removed to keep checking (already reported; later checks skip them). */
  repaired: Set<string>;
};

/** `configured`: entries in the file's processors list, valid or not. */
export type ParsedConfig = { processors: ParsedProcessor[]; findings: Finding[]; configured: number };

type Json = Record<string, unknown> | unknown[];

function segments(field: string): (string | number)[] {
  return [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

function edit(root: Json, field: string, change: (parent: Record<string, unknown>, key: string | number) => void): boolean {
  const keys = segments(field);
  let node: unknown = root;
  for (const key of keys.slice(0, -1)) {
    if (!node || typeof node !== 'object') return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (!node || typeof node !== 'object') return false;
  change(node as Record<string, unknown>, keys.at(-1)!);
  return true;
}

/** The zod issues inside a CONFIG_INVALID message: "invalid gateway config: a.b: msg; c: msg. Fix: ...". */
function schemaIssues(message: string): { field: string; message: string }[] {
  const body = message.replace(/^invalid gateway config: /, '').replace(/\.\s+Fix: [\s\S]*$/, '');
  return body.split('; ').map((issue) => {
    const at = issue.indexOf(': ');
    return at < 0 ? { field: '(root)', message: issue } : { field: issue.slice(0, at), message: issue.slice(at + 2) };
  });
}

/**
 * Runs the gateway's own config parser again and again, each time reporting the first refusal and
 * neutralising it (a placeholder for a missing secret, a forbidden key removed), so that one run
 * reports every problem instead of the first. Schema errors cannot be neutralised: all of them are
 * reported and the input is given up. `renumber` maps field paths of `raw` to the real config.
 */
function parseRepeatedly(raw: Json, options: { baseDir: string; env: NodeJS.ProcessEnv }, renumber: (text: string) => string) {
  const candidate = structuredClone(raw);
  const findings: Finding[] = [];
  const repaired = new Set<string>();
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return { config: parseGatewayConfig(candidate, options), findings, repaired };
    } catch (error) {
      if (!(error instanceof GatewayBootError)) throw error;
      const field = renumber(error.field);
      if (error.code === 'CONFIG_INVALID') {
        for (const issue of schemaIssues(error.message)) {
          findings.push(finding(renumber(issue.field), 'CONFIG_INVALID', `${issue.message}. Fix: correct this field (gateway/README.md has the config reference).`));
        }
        return { config: null, findings, repaired };
      }
      if (repaired.has(field)) return { config: null, findings, repaired }; // the repair did not take
      findings.push(finding(field, error.code, renumber(error.message)));
      repaired.add(field);
      const fixed = error.code === 'CONFIG_SECRET_MISSING'
        ? edit(candidate, error.field, (parent, key) => void (parent[key as string] = PLACEHOLDER))
        : edit(candidate, error.field, (parent, key) => void delete parent[key as string]);
      if (!fixed) return { config: null, findings, repaired };
    }
  }
  return { config: null, findings, repaired };
}

const renumberer = (map: number[]) => (text: string) => text.replace(/processors\[(\d+)\]/g, (_m, k: string) => `processors[${map[Number(k)] ?? k}]`);

/**
 * Parses a gateway config file with the gateway's own loader. When the loader refuses it, parses
 * each processor on its own (then the whole with the good ones) to report every problem.
 */
export function parseConfigFile(file: string, env: NodeJS.ProcessEnv): ParsedConfig {
  let whole: GatewayConfig;
  try {
    whole = loadGatewayConfig(file, env);
    return { processors: whole.processors.map((config, index) => ({ index, config, repaired: new Set() })), findings: [], configured: whole.processors.length };
  } catch (error) {
    if (!(error instanceof GatewayBootError)) throw error;
    if (error.field === '--config' || error instanceof ConfigTooLargeError) return { processors: [], findings: [finding(error.field, error.code, error.message)], configured: 0 };
    const raw = JSON.parse(readFileSync(path.resolve(file), 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const list = raw?.processors;
    if (!Array.isArray(list) || list.length === 0) return { processors: [], findings: [finding(error.field, error.code, error.message)], configured: 0 };
    const options = { baseDir: path.dirname(path.resolve(file)), env };

    const findings: Finding[] = [];
    const processors: ParsedProcessor[] = [];
    const repairedRaw: unknown[] = [];
    const indexOf: number[] = [];
    list.forEach((entry, index) => {
      const one = parseRepeatedly({ processors: [entry] }, options, renumberer([index]));
      findings.push(...one.findings);
      if (!one.config) return;
      processors.push({ index, config: one.config.processors[0]!, repaired: one.repaired });
      repairedRaw.push(reapply(entry, one.repaired, index));
      indexOf.push(index);
    });
    // Settings outside the processors (server, health) and cross-processor rules (unique names).
    // With no valid processor left, the whole file is still checked for them (server.port ...), keeping only findings outside processors.
    const rest = repairedRaw.length
      ? parseRepeatedly({ ...raw, processors: repairedRaw } as Json, options, renumberer(indexOf)).findings
      : parseRepeatedly(raw as Json, options, (text) => text).findings.filter((f) => !f.field.startsWith('processors'));
    for (const f of rest) if (!findings.some((g) => g.field === f.field && g.code === f.code)) findings.push(f);
    return { processors, findings, configured: list.length };
  }
}

/** The processor entry with the same repairs applied (for the whole-config pass). */
function reapply(entry: unknown, repaired: Set<string>, index: number): unknown {
  const copy = structuredClone({ processors: [entry] }) as Json;
  for (const field of repaired) {
    const local = field.replace(`processors[${index}]`, 'processors[0]');
    edit(copy, local, (parent, key) => {
      const value = parent[key as string];
      if (value && typeof value === 'object' && 'env' in value) parent[key as string] = PLACEHOLDER;
      else delete parent[key as string];
    });
  }
  return (copy as { processors: unknown[] }).processors[0];
}
