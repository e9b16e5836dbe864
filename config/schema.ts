import { z } from 'zod';
import { ErrorCode } from '../mocks/scenarios/codes.ts';
import { ProfileName } from '../mocks/processors/profile.ts';
import { CustomProcessorEntry } from '../mocks/custom/definition.ts';

/**
 * gatecheck.config.{ts,mjs,json}: what a payments team writes beside its own gateway. Everything
 * here is validated before a scenario runs; an error names the field path and the fix.
 */

const name = z.string().regex(/^[a-z][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-", starting with a letter');
const scenarioId = z.string().regex(/^([a-z][a-z0-9]*(-[a-z0-9]+)*\/)?[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/, 'a scenario id such as tls.expired-leaf or mobile-money/tls.expired-leaf (npx gatecheck list)');

/** A built-in processor profile the gateway integrates, under the gateway's own name for it. */
export const BuiltInProcessor = z.strictObject({
  profile: ProfileName,
  /** The gateway's name for this processor (health entries, metric labels, webhook paths); default: the profile. */
  name: name.optional(),
});
export type BuiltInProcessor = z.infer<typeof BuiltInProcessor>;

/** `processors: ['stripe', 'visa']` is short for `[{ profile: 'stripe' }, { profile: 'visa' }]`. */
/** `{ name, custom: {...} }`: a processor gatecheck does not ship, as mockttp rules (mocks/custom/definition.ts). */
export const ProcessorEntry = z.union([ProfileName.transform((profile) => ({ profile })), BuiltInProcessor, CustomProcessorEntry]);

/** Where a value sits in a gateway's answer: an RFC 6901 JSON pointer, or a regular expression whose first group is the value. */
export const Locator = z.union([
  z.strictObject({ pointer: z.string().regex(/^(\/.*)?$/, 'a JSON pointer such as /error/code') }),
  z.strictObject({ pattern: z.string().min(1) }),
]);
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
    /** Or, in a .ts/.mjs config, a function from the scenario's processor settings to the file's text. */
    render: z.custom<(processors: readonly Record<string, unknown>[]) => string>((v) => typeof v === 'function', 'a function (processors) => string').optional(),
    /** The generated file's extension (`.ini`, `.properties`, `.yaml`...). */
    extension: z.string().regex(/^\.[a-z0-9]+$/).default('.json'),
  }).default({ extension: '.json' }),
  /** Ready when this line pattern appears on stdout (first group: the base URL), or when `url` answers. */
  ready: z.union([
    z.strictObject({ urlLine: z.string().min(1).default('"url"\\s*:\\s*"(http[^"]+)"') }),
    z.strictObject({ url: z.string().min(1) }),
  ]).default({ urlLine: '"url"\\s*:\\s*"(http[^"]+)"' }),
  bootTimeoutMs: z.number().int().positive().max(120_000).default(15_000),
  /** How a refusal to boot names its code: a pattern over stderr + stdout (first group), mapped with `errors.map`. */
  bootCode: z.string().default('\\b(CONFIG_[A-Z_]+)\\b'),
  payment: z.strictObject({
    method: z.enum(['POST', 'PUT']).default('POST'),
    path: z.string().startsWith('/'),
    /** Values may use {amount} {currency} {card} {reference} {idempotencyKey}. */
    headers: z.record(z.string(), z.string()).default({ 'content-type': 'application/json', 'idempotency-key': '{idempotencyKey}' }),
    /** A JSON value whose strings may hold the placeholders; a string that is exactly "{amount}" becomes a number. */
    body: z.unknown(),
    /** Statuses that mean the payment was taken, and declined by the issuer. */
    taken: z.array(z.number().int()).min(1).default([201]),
    declined: z.array(z.number().int()).default([402]),
  }),
  errors: z.strictObject({
    code: Locator.default({ pointer: '/error/code' }),
    /** The gateway's codes to gatecheck's (npx gatecheck list --codes); unmapped codes are compared as they are. */
    map: z.record(z.string(), ErrorCode).default({}),
  }).default({ code: { pointer: '/error/code' }, map: {} }),
  health: z.strictObject({
    path: z.string().startsWith('/').default('/health'),
    /** The processors' entries: a pointer to an array (with `name`) or to an object keyed by processor name. */
    processors: z.string().default('/processors'),
    state: z.string().default('/state'),
    code: z.string().default('/lastErrorCode'),
    /** Values of `state` that mean up and down; anything else reads as unknown. */
    up: z.array(z.string()).default(['up']),
    down: z.array(z.string()).default(['down']),
  }).default({ path: '/health', processors: '/processors', state: '/state', code: '/lastErrorCode', up: ['up'], down: ['down'] }),
  metrics: z.strictObject({
    path: z.string().startsWith('/').default('/metrics'),
    failureCounter: z.string().default('gateway_processor_failures_total'),
    codeLabel: z.string().default('code'),
  }).default({ path: '/metrics', failureCounter: 'gateway_processor_failures_total', codeLabel: 'code' }),
  /** Webhook path per processor name; `{processor}` stands for the name. */
  webhooks: z.record(z.string(), z.string()).default({}),
});
export type DeclarativeGateway = z.infer<typeof DeclarativeGateway>;

export const GatewayChoice = z.union([
  z.literal('reference'),
  /** A module (relative to the config) whose default export is a GatewayDriver. */
  z.strictObject({ driver: z.string().min(1) }),
  DeclarativeGateway,
]);

/** A scenario (or one clause of it) the team accepts as not met, always shown as waived with its reason. */
export const Waiver = z.strictObject({
  scenario: scenarioId,
  clause: z.enum(['boot', 'outcome', 'wire', 'fail-closed', 'code', 'bounded', 'retries', 'health', 'metrics', 'discreet']).optional(),
  reason: z.string().min(10, 'say why, in a sentence'),
});

/** Where a runtime truly cannot tell two causes apart: the code it reports instead, shown as honoured (coarse: CODE). */
export const CoarseCode = z.strictObject({
  scenario: scenarioId,
  code: ErrorCode,
  reason: z.string().min(10, 'say why the runtime cannot tell, in a sentence'),
});

export const ProjectConfig = z.strictObject({
  processors: z.array(ProcessorEntry).min(1).default(() => ProfileName.options.map((profile) => ({ profile }))),
  gateway: GatewayChoice.default('reference'),
  waive: z.array(Waiver).default([]),
  coarse: z.array(CoarseCode).default([]),
  workers: z.number().int().min(1).max(16).optional(),
  /** Generated certificates, reports and traces, relative to the config; never inside node_modules. */
  outputDir: z.string().default('.gatecheck'),
  /** The test PKI's folder (default: <outputDir>/certs). */
  certsDir: z.string().optional(),
});
export type ProjectConfig = z.infer<typeof ProjectConfig>;
export type ProjectConfigInput = z.input<typeof ProjectConfig>;
