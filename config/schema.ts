import { z } from 'zod';
import { ErrorCode } from '../mocks/scenarios/codes.ts';
import { ProfileName } from '../mocks/processors/profile.ts';
import { scenarios } from '../mocks/scenarios/index.ts';
import { CustomProcessorEntry } from '../mocks/custom/definition.ts';

/**
 * gatecheck.config.{ts,mjs,json}: what a payments team writes beside its own gateway. Everything
 * here is validated before a scenario runs; an error names the field path and the fix.
 */

const name = z.string().regex(/^[a-z][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-", starting with a letter');
const path = z.string().startsWith('/', 'must start with "/"');
const pointer = z.string().regex(/^(\/.*)?$/, 'a JSON pointer such as /error/code (or "" for the whole document)');
const status = z.number().int().min(100, 'an HTTP status').max(599, 'an HTTP status');
const regex = z.string().min(1).refine((source) => {
  try { new RegExp(source); return true; } catch { return false; }
}, 'a valid regular expression (JavaScript syntax; escape backslashes in JSON)');
/** What the readiness line looks like by default: the reference gateway's `{"url":"http://127.0.0.1:PORT"}`. */
export const DEFAULT_URL_LINE = '"url"\\s*:\\s*"(http[^"]+)"';

/** One processor's settings for a scenario, as the harness generates them (also the template's `{processor.*}`). */
export type ProcessorSettings = {
  name: string;
  profile: string;
  baseUrl: string;
  host: string;
  port: number;
  credentials: Record<string, string>;
  tls: { caFile?: string; certFile?: string; keyFile?: string; passphrase?: string; servername?: string; minVersion?: string; maxVersion?: string; pins?: string[]; ciphers?: string; minKeyBits?: number };
  timeouts: { connectMs: number; handshakeMs: number; responseMs: number };
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  webhooks?: Record<string, unknown>;
};
/** `render` in a .ts/.mjs config: the scenario's processors (a subset of those integrated, in order) to the config file's text. */
export type RenderGatewayConfig = (processors: readonly ProcessorSettings[], gateway: { port: number }) => string;

const scenarioId = z.string().regex(/^([a-z][a-z0-9]*(-[a-z0-9]+)*\/)?[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/, 'a scenario id such as tls.expired-leaf or mobile-money/tls.expired-leaf (npx gatecheck list)');

/** A built-in processor profile the gateway integrates, under the gateway's own name for it. */
export const BuiltInProcessor = z.strictObject({
  profile: ProfileName,
  /** The gateway's name for this processor (health entries, metric labels, webhook paths); default: the profile. */
  name: name.optional(),
});
export type BuiltInProcessor = z.infer<typeof BuiltInProcessor>;

/** `processors: ['stripe', 'visa']` is short for `[{ profile: 'stripe' }, { profile: 'visa' }]`. */
export const ProcessorEntry = z.union([
  ProfileName.transform((profile) => ({ profile, name: profile })),
  BuiltInProcessor.transform((p) => ({ profile: p.profile, name: p.name ?? p.profile })),
  CustomProcessorEntry,
], { error: `a profile (${ProfileName.options.join(', ')}), { profile, name }, or { name, custom }` });
export type ProcessorEntry = z.infer<typeof ProcessorEntry>;

/** Where a value sits in a gateway's answer: an RFC 6901 JSON pointer, or a regular expression whose first group is the value. */
export const Locator = z.union([
  z.strictObject({ pointer }),
  z.strictObject({ pattern: regex }),
], { error: '{ "pointer": "/error/code" } or { "pattern": "<regular expression whose first group is the code>" }' });
export type Locator = z.infer<typeof Locator>;

/** A gateway started as a child process and spoken to over HTTP, described as data. */
export const DeclarativeGateway = z.strictObject({
  /** Started once per scenario, from the config file's folder. `{config}`: the generated gateway config file; `{port}`: a free port. */
  command: z.string().min(1),
  env: z.record(z.string(), z.string()).default({}),
  /** How gatecheck's processor settings become the gateway's config file (see docs/your-gateway.md). */
  configFile: z.strictObject({
    /** A template file, relative to the config; placeholders are filled per scenario. */
    template: z.string().min(1).optional(),
    /** Or the template's text itself (a .json config cannot hold a function; a short template reads well inline). */
    inline: z.string().min(1).optional(),
    /** Or, in a .ts/.mjs config, a function from the scenario's processor settings to the file's text. */
    render: z.custom<RenderGatewayConfig>((v) => typeof v === 'function', 'a function (processors, gateway) => string').optional(),
    /** The generated file's extension (`.ini`, `.properties`, `.yaml`...). */
    extension: z.string().regex(/^\.[a-z0-9]+$/, 'a file extension such as ".ini"').default('.json'),
  }).refine((f) => [f.template, f.inline, f.render].filter(Boolean).length <= 1, { message: 'give one of template, inline or render, not several' }).prefault({}),
  /** Ready when a line of stdout or stderr matches `urlLine` (first group: the base URL), or when `url` answers. */
  ready: z.union([
    z.strictObject({ urlLine: regex.default(DEFAULT_URL_LINE) }),
    /** Polled (GET, every 50 ms) until it answers with any HTTP status; `{port}` is the free port. Its origin is the gateway's base URL. */
    z.strictObject({ url: z.string().regex(/^http:\/\//, 'an http:// URL such as http://127.0.0.1:{port}/healthz') }),
  ], { error: 'either { urlLine: "<pattern whose first group is the URL>" } or { url: "http://127.0.0.1:{port}/..." }' }).prefault({}),
  bootTimeoutMs: z.number().int().positive().max(120_000).default(15_000),
  /** How a refusal to boot names its code: a pattern over stderr + stdout (first group), mapped with `errors.map`. */
  bootCode: regex.default('\\b(CONFIG_[A-Z_]+)\\b'),
  payment: z.strictObject({
    method: z.enum(['POST', 'PUT']).default('POST'),
    path: path,
    /** Values may use {amount} {currency} {card} {reference} {idempotencyKey}. */
    headers: z.record(z.string(), z.string()).default({ 'content-type': 'application/json', 'idempotency-key': '{idempotencyKey}' }),
    /**
     * A JSON value whose strings may hold the placeholders (a string that is exactly "{amount}"
     * becomes a number), or a string sent as it is after substitution (a form body, XML).
     * Placeholders: {amount} (minor units), {amountDecimal} ("10.00"), {currency}, {card}, {reference}, {idempotencyKey}.
     */
    body: z.unknown().refine((b) => b !== undefined, 'the payment body template is required'),
    /** Statuses that mean the payment was taken, and declined by the issuer. */
    taken: z.array(status).min(1).default([201]),
    /** A declined payment without a code of its own reads as PAYMENT_DECLINED. */
    declined: z.array(status).default([402]),
  }),
  errors: z.strictObject({
    code: Locator.default({ pointer: '/error/code' }),
    /** The gateway's codes to gatecheck's (npx gatecheck list --codes); unmapped codes are compared as they are. */
    map: z.record(z.string(), ErrorCode).default({}),
  }).prefault({}),
  health: z.strictObject({
    path: path.default('/health'),
    /** The processors' entries: a pointer to an array (each entry named at `name`) or to an object keyed by processor name. */
    processors: pointer.default('/processors'),
    /** Within an array entry: where the processor's name is. */
    name: pointer.default('/name'),
    /** Within an entry: the state and the last error code. */
    state: pointer.default('/state'),
    code: pointer.default('/lastErrorCode'),
    /** Values of `state` (compared as text: "true" matches true) that mean up and down; anything else reads as unknown. */
    up: z.array(z.string()).min(1).default(['up']),
    down: z.array(z.string()).min(1).default(['down']),
  }).prefault({}),
  metrics: z.strictObject({
    path: path.default('/metrics'),
    /** The Prometheus counter of failures, one series per code. */
    failureCounter: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'a Prometheus metric name').default('gateway_processor_failures_total'),
    codeLabel: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'a Prometheus label name').default('code'),
    /** The counter of payment outcomes, if the gateway has one: a decline must count here, not as a failure. */
    outcomeCounter: z.strictObject({
      name: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'a Prometheus metric name'),
      label: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'a Prometheus label name').default('outcome'),
      declined: z.string().min(1).default('declined'),
    }).optional(),
  }).prefault({}),
  /** Where webhooks are delivered: one path with `{processor}` (the processor's name), or a path per processor name. */
  webhooks: z.union([path, z.record(name, path)], { error: 'a path such as "/webhooks/{processor}", or { "<processor name>": "/path" }' }).default('/webhooks/{processor}'),
});
export type DeclarativeGateway = z.infer<typeof DeclarativeGateway>;

export const GatewayChoice = z.union([
  z.literal('reference'),
  /** A module (relative to the config) whose default export is a GatewayDriver. */
  z.strictObject({ driver: z.string().min(1) }),
  DeclarativeGateway,
], { error: 'must be "reference", { driver: "./my-driver.mjs" } or a declarative gateway (an object with command and payment)' });
export type GatewayChoice = z.infer<typeof GatewayChoice>;

/** A scenario (or one clause of it) the team accepts as not met, always shown as waived with its reason. */
export const Waiver = z.strictObject({
  scenario: scenarioId,
  clause: z.enum(['boot', 'outcome', 'wire', 'fail-closed', 'code', 'bounded', 'retries', 'health', 'metrics', 'discreet', 'failover', 'isolation', 'timing']).optional(),
  reason: z.string().min(10, 'say why, in a sentence'),
});
export type Waiver = z.infer<typeof Waiver>;

/** Where a runtime truly cannot tell two causes apart: the code it reports instead, shown as honoured (coarse: CODE). */
export const CoarseCode = z.strictObject({
  scenario: scenarioId,
  code: ErrorCode,
  reason: z.string().min(10, 'say why the runtime cannot tell, in a sentence'),
});
export type CoarseCode = z.infer<typeof CoarseCode>;

export const ProjectConfig = z.strictObject({
  processors: z.array(ProcessorEntry).min(1).default(() => ProfileName.options.map((profile) => ({ profile, name: profile }))),
  gateway: GatewayChoice.default('reference'),
  waive: z.array(Waiver).default([]),
  coarse: z.array(CoarseCode).default([]),
  workers: z.number().int().min(1).max(16).optional(),
  /** Generated certificates, reports and traces, relative to the config; never inside node_modules. */
  outputDir: z.string().default('.gatecheck'),
  /** The test PKI's folder (default: <outputDir>/certs). */
  certsDir: z.string().optional(),
}).superRefine((config, ctx) => {
  const names = config.processors.map((p) => p.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['processors', i, 'name'], message: `"${n}" is used twice; give each processor its own name` });
  });
  const checkScenario = (list: 'waive' | 'coarse', id: string, i: number) => {
    if (scenarios.some((s) => s.id === id)) return;
    const near = scenarios.filter((s) => s.id.includes(id.split('.').pop() ?? id)).map((s) => s.id).slice(0, 3);
    ctx.addIssue({ code: 'custom', path: [list, i, 'scenario'], message: `no scenario "${id}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; npx gatecheck list shows them` });
  };
  config.waive.forEach((w, i) => checkScenario('waive', w.scenario, i));
  config.coarse.forEach((c, i) => {
    checkScenario('coarse', c.scenario, i);
    const scenario = scenarios.find((s) => s.id === c.scenario);
    if (scenario && scenario.expect.code === null) ctx.addIssue({ code: 'custom', path: ['coarse', i, 'code'], message: `${c.scenario} expects the payment taken, not a code; a coarse code only replaces an expected error code` });
  });
  const gateway = config.gateway;
  if (typeof gateway === 'object' && 'webhooks' in gateway && typeof gateway.webhooks === 'object') {
    for (const [key, value] of Object.entries(gateway.webhooks)) {
      if (!names.includes(key)) ctx.addIssue({ code: 'custom', path: ['gateway', 'webhooks', key], message: `"${key}" is not a processor of this config (${names.join(', ')})` });
      // A processor's own path is sent as written: a leftover {processor} would 404 every webhook scenario as a gateway breach.
      else if (value.includes('{processor}')) ctx.addIssue({ code: 'custom', path: ['gateway', 'webhooks', key], message: `a path per processor is used as written, so {processor} would stay in it; write "${value.replaceAll('{processor}', key)}", or give one path for every processor: webhooks: "${value}"` });
    }
  }
});
export type ProjectConfig = z.infer<typeof ProjectConfig>;
export type ProjectConfigInput = z.input<typeof ProjectConfig>;
