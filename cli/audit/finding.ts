import { errorCodes, type ErrorCode } from '../../mocks/scenarios/codes.ts';
import { fixFor } from '../../mocks/scenarios/fixes.ts';

/**
 * One problem in a gateway config. `error`: payments fail (or will within the expiry horizon) or
 * security is weakened; `warning`: works today but breaks on a foreseeable change.
 */
export type Finding = {
  field: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
  fix: string;
};

const isErrorCode = (code: string): code is ErrorCode => (errorCodes as string[]).includes(code);

/** The gateway's messages end with "Fix: ..."; keep the two apart. */
export function splitMessage(message: string, code: string): { message: string; fix: string } {
  const at = message.search(/\s+Fix: /);
  const fallback = isErrorCode(code) ? fixFor(code) : 'See docs/runbook.md.';
  if (at < 0) return { message: message.trim(), fix: fallback };
  return { message: message.slice(0, at).trim(), fix: message.slice(at).replace(/^\s+Fix: /, '').trim() };
}

/** The gateway's messages start with the field the line already names: "<field> (<file>): why". */
function withoutField(message: string, field: string): string {
  if (message.startsWith(`${field}: `)) return message.slice(field.length + 2);
  const file = new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(([^)]+)\\): `).exec(message);
  return file ? `${file[1]}: ${message.slice(file[0].length)}` : message;
}

export function finding(field: string, code: string, text: string, severity: Finding['severity'] = 'error'): Finding {
  const { message, fix } = splitMessage(text.replace(/\s*\n\s*/g, ' '), code);
  return { field, code, severity, message: withoutField(message, field), fix };
}

const processorIndex = (f: Finding) => Number(/^processors\[(\d+)\]/.exec(f.field)?.[1] ?? -1);

/** Errors before warnings; within each, config-wide findings first, then by processor. */
export function orderFindings(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  return findings.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || processorIndex(a.f) - processorIndex(b.f) || a.i - b.i).map(({ f }) => f);
}

/** `processors[0].tls.caFile: CONFIG_CA_BUNDLE_UNREADABLE: <what> Fix: <how>` */
export function formatFinding(f: Finding): string {
  const message = /[.!?]$/.test(f.message) ? f.message : `${f.message}.`;
  return `${f.field}: ${f.severity === 'warning' ? 'warning: ' : ''}${f.code}: ${message} Fix: ${f.fix}`;
}
