import path from 'node:path';
import { diagnoseProcessor } from '../doctor/diagnose.ts';
import type { DoctorReport } from '../doctor/report.ts';
import { checkEnvironment, checkExpiry, checkMaterial, checkModes, checkPolicy } from './checks.ts';
import { summaryOf } from '../doctor/fix.ts';
import { finding, formatFinding, orderFindings, type Finding } from './finding.ts';
import { parseConfigFile } from './parse.ts';

export type AuditOptions = {
  /** Also connect to every processor the way the gateway would (doctor). */
  live?: boolean;
  /** Certificates expiring within this many days are problems (default 30). */
  expiryDays?: number;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  now?: number;
};

export type AuditedProcessor = { index: number; name: string; profile: string; baseUrl: string; live: DoctorReport | null };

export type AuditReport = {
  ok: boolean;
  file: string;
  processors: AuditedProcessor[];
  /** Entries in the config's processors list, valid or not. */
  configured: number;
  /** Errors first, then warnings; each prints as one line. */
  findings: Finding[];
};

export const DEFAULT_EXPIRY_DAYS = 30;

/**
 * Static checks of a reference-gateway config with the gateway's own loader and boot checks (every
 * problem, not only the first), expiry horizons, TLS policy, credential modes, and with `live` a
 * doctor run per processor whose TLS setup loaded.
 */
export async function audit(file: string, options: AuditOptions = {}): Promise<AuditReport> {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now();
  const horizon = options.expiryDays ?? DEFAULT_EXPIRY_DAYS;
  const parsed = parseConfigFile(file, env);
  const findings: Finding[] = [...checkEnvironment(env), ...parsed.findings];
  const processors: AuditedProcessor[] = [];
  const live: Promise<Finding[]>[] = [];

  for (const p of parsed.processors) {
    const entry: AuditedProcessor = { index: p.index, name: p.config.name, profile: p.config.profile, baseUrl: p.config.baseUrl, live: null };
    processors.push(entry);
    const { material, findings: materialFindings } = checkMaterial(p, now);
    findings.push(...materialFindings, ...checkPolicy(p));
    if (!material) continue;
    findings.push(...checkExpiry(p, material, now, horizon));
    if (!options.live) continue;
    live.push(diagnoseProcessor(p.config, { material, now, index: p.index, timeoutMs: options.timeoutMs, expiryWarningDays: horizon }).then((report) => {
      entry.live = report;
      const field = `processors[${p.index}].baseUrl`;
      const where = `${p.config.name} (${p.config.baseUrl})`;
      return [
        ...(report.ok ? [] : [finding(field, report.code!, `${where}: ${summaryOf(report.code!)}${report.tls.detail ? `; observed: ${report.tls.detail}` : ''}. Fix: ${report.fix}`)]),
        ...report.warnings.map((w) => finding(field, w.code, `${where}: ${w.message}`, 'warning')),
      ];
    }));
  }
  findings.push(...checkModes(parsed.processors));
  for (const found of await Promise.all(live)) findings.push(...found);
  const ordered = orderFindings(findings);
  return { ok: !ordered.some((f) => f.severity === 'error'), file: path.resolve(file), processors, configured: parsed.configured, findings: ordered };
}

/** One line per problem, then a one-line verdict. */
export function formatAudit(report: AuditReport, live: boolean): string {
  const lines = report.findings.map(formatFinding);
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const invalid = report.configured - report.processors.length;
  const checked = `${report.configured} processor(s)${invalid > 0 ? ` (${invalid} invalid)` : ''}${live ? `, ${report.processors.filter((p) => p.live?.ok).length} reachable and verified live` : ''}`;
  const counts = [errors ? `${errors} problem(s)` : '', warnings ? `${warnings} warning(s)` : ''].filter(Boolean).join(', ');
  lines.push(`gatecheck audit ${report.file}: ${report.ok ? 'OK' : 'FAIL'}${counts ? `, ${counts}` : ''}; ${checked}${errors ? '. Every code: docs/runbook.md' : ''}`);
  return lines.join('\n');
}
