import type { ProcessorSettings } from './schema.ts';

/**
 * The gateway config template: text in the gateway's own format (INI, properties, YAML, JSON...)
 * with placeholders. Grammar (docs/your-gateway.md, "The config template"):
 *
 *   {port}                     the free port chosen for the gateway (also in `command`)
 *   {processorNames}           the scenario's processor names, comma-separated
 *   {processors|json}          the scenario's processor settings as a JSON array
 *   {#processors} ... {/processors}
 *                              repeated once per processor of the scenario, in order; a marker
 *                              alone on its line takes its line with it
 *   {processor.<field>}        inside the block: one setting of that processor (PROCESSOR_FIELDS)
 *   {,}                        inside the block: "," except after the last processor
 *   {<placeholder>?}           the whole line is left out when the value is absent
 *   {<placeholder>|json}       the value as JSON (a quoted string, an array)
 *
 * An absent value without `?` renders as an empty string; a list renders comma-separated.
 */

/** Every per-processor setting the harness generates, as template fields. */
export const PROCESSOR_FIELDS = [
  'name', 'profile', 'baseUrl', 'host', 'port', 'merchantAccount',
  'credentials.secretKey', 'credentials.apiKey', 'credentials.clientId', 'credentials.clientSecret', 'credentials.username', 'credentials.password',
  'tls.caFile', 'tls.certFile', 'tls.keyFile', 'tls.passphrase', 'tls.servername', 'tls.minVersion', 'tls.maxVersion', 'tls.pins', 'tls.ciphers', 'tls.minKeyBits',
  'timeouts.connectMs', 'timeouts.handshakeMs', 'timeouts.responseMs',
  'retry.maxAttempts', 'retry.baseDelayMs', 'retry.maxDelayMs',
  'webhooks.secrets', 'webhooks.hmacKey', 'webhooks.webhookId', 'webhooks.certFile', 'webhooks.toleranceSeconds',
] as const;

const GLOBALS = ['port', 'processorNames', 'processors'] as const;
const PLACEHOLDER = /\{(processor(?:\.[A-Za-z]+(?:\.[A-Za-z]+)?(?:\.\d+)?)?|port|processorNames|processors|,)(\?)?(\|json)?\}/g;
const BLOCK = /(?:^[ \t]*)?\{#processors\}(?:[ \t]*\r?\n)?([\s\S]*?)(?:^[ \t]*)?\{\/processors\}(?:[ \t]*\r?\n)?/gm;

export class TemplateError extends Error {
  override name = 'TemplateError';
}

type Part = { kind: 'text'; text: string } | { kind: 'block'; text: string };

function split(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(BLOCK)) {
    parts.push({ kind: 'text', text: template.slice(last, match.index) }, { kind: 'block', text: match[1]! });
    last = match.index + match[0].length;
  }
  parts.push({ kind: 'text', text: template.slice(last) });
  return parts;
}

const lineOf = (template: string, index: number) => template.slice(0, index).split('\n').length;

/** Every problem with a template, one sentence each with its line (empty when it is usable). */
export function checkTemplate(template: string): string[] {
  const problems: string[] = [];
  let offset = 0;
  for (const part of split(template)) {
    const start = template.indexOf(part.text, offset);
    offset = start + part.text.length;
    for (const stray of part.text.matchAll(/\{[#/]processors?\}|\{#\w+\}/g)) {
      problems.push(`line ${lineOf(template, start + stray.index)}: ${stray[0]} ${part.kind === 'block' ? 'inside a {#processors} block (blocks do not nest)' : 'without its other half ({#processors} ... {/processors})'}`);
    }
    for (const m of part.text.matchAll(/\{([A-Za-z#/,][^{}\s]*)\}/g)) {
      const at = `line ${lineOf(template, start + m.index)}`;
      const [whole, name = ''] = m;
      if (/^[#/]/.test(name)) continue;
      const parsed = /^(.*?)(\?)?(\|json)?$/.exec(name)!;
      const key = parsed[1]!;
      if (key === ',' || key === 'processor') {
        if (part.kind === 'text') problems.push(`${at}: ${whole} is only meaningful inside {#processors} ... {/processors}`);
        continue;
      }
      if (key.startsWith('processor.')) {
        const field = key.slice('processor.'.length).replace(/\.\d+$/, '');
        if (!(PROCESSOR_FIELDS as readonly string[]).includes(field)) problems.push(`${at}: unknown field ${whole} (one of processor.${PROCESSOR_FIELDS.join(', processor.')})`);
        else if (part.kind === 'text') problems.push(`${at}: ${whole} is only meaningful inside {#processors} ... {/processors}`);
        continue;
      }
      if (!(GLOBALS as readonly string[]).includes(key)) problems.push(`${at}: unknown placeholder ${whole} (${GLOBALS.map((g) => `{${g}}`).join(', ')} or {processor.<field>} inside a block)`);
      else if (key === 'processors' && !parsed[3]) problems.push(`${at}: write {processors|json} for the whole list, or a {#processors} block`);
    }
  }
  return problems;
}

function lookup(value: unknown, dotted: string): unknown {
  let current = value;
  for (const key of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(value: unknown, json: boolean): string {
  if (json) return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

type Context = { port: number; processors: readonly ProcessorSettings[]; processor?: ProcessorSettings; last?: boolean };

function valueOf(key: string, ctx: Context): unknown {
  if (key === 'port') return ctx.port;
  if (key === 'processorNames') return ctx.processors.map((p) => p.name).join(',');
  if (key === 'processors') return ctx.processors;
  if (key === 'processor') return ctx.processor;
  return lookup(ctx.processor, key.slice('processor.'.length));
}

function substitute(section: string, ctx: Context): string {
  const lines: string[] = [];
  for (const line of section.split('\n')) {
    let dropped = false;
    const out = line.replace(PLACEHOLDER, (_whole, key: string, optional?: string, json?: string) => {
      if (key === ',') return ctx.last ? '' : ',';
      const value = valueOf(key, ctx);
      if (value === undefined || value === null || value === '') {
        if (optional) dropped = true;
        return json ? 'null' : '';
      }
      return text(value, Boolean(json));
    });
    if (!dropped) lines.push(out);
  }
  return lines.join('\n');
}

/** Renders a checked template for one scenario's processors. */
export function renderTemplate(template: string, processors: readonly ProcessorSettings[], gateway: { port: number }): string {
  const problems = checkTemplate(template);
  if (problems.length) throw new TemplateError(problems.join('; '));
  const ctx: Context = { port: gateway.port, processors };
  return split(template).map((part) => part.kind === 'text'
    ? substitute(part.text, ctx)
    : processors.map((processor, i) => substitute(part.text, { ...ctx, processor, last: i === processors.length - 1 })).join('')).join('');
}
