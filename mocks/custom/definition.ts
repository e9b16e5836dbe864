import type { Mockttp } from 'mockttp';
import { z } from 'zod';
import { codeInfo, ErrorCode } from '../scenarios/codes.ts';
import { FAST_MS } from '../scenarios/expect.ts';

/**
 * A processor gatecheck does not ship, as its user writes it in `gatecheck.config`: where its API
 * lives, how the gateway authenticates, the payment request the gateway sends, which answers mean
 * approved and declined (anything else is a failure), its HTTP behaviour as mockttp rules, and its
 * own HTTP-level scenarios. Data is validated here; the rules are functions the user writes with
 * mockttp's own verbs (`server.forPost('/v1/transfers').thenJson(201, {...})`, `thenCallback`...).
 */

/** What a processor's HTTP behaviour is: mockttp rules added to a fresh mockttp server. */
export type CustomRules = (server: Mockttp) => Promise<void>;
const Rules = z.custom<CustomRules>((v) => typeof v === 'function', 'a function (server: Mockttp) => Promise<void> that adds mockttp rules');

const slug = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'lower-case kebab-case, starting with a letter, e.g. mobile-money');
const headerName = z.string().regex(/^[a-z0-9-]+$/, 'a lower-case header name such as x-api-key').transform((h) => h.toLowerCase());
const pointer = z.string().regex(/^(\/.*)?$/, 'a JSON pointer such as /transaction/id');
const status = z.number().int().min(100).max(599);

/** How the gateway authenticates, with the credential it is given (and the rules check). */
export const AuthScheme = z.discriminatedUnion('scheme', [
  z.strictObject({ scheme: z.literal('bearer'), token: z.string().min(1) }),
  z.strictObject({ scheme: z.literal('basic'), username: z.string().min(1), password: z.string().min(1) }),
  z.strictObject({ scheme: z.literal('api-key'), header: headerName, key: z.string().min(1) }),
  z.strictObject({ scheme: z.literal('none') }),
]);
export type AuthScheme = z.infer<typeof AuthScheme>;

/** A user's expectation, with the catalogue's defaults: sent, answered within FAST_MS, the code's own retryability. */
const ScenarioExpectation = z
  .strictObject({
    outcome: z.enum(['ok', 'rejected']),
    code: ErrorCode.nullable().default(null),
    retryable: z.boolean().optional(),
    paymentSent: z.boolean().default(true),
    health: z.enum(['up', 'down']).optional(),
    withinMs: z.number().int().positive().default(FAST_MS),
  })
  .transform((e) => ({
    ...e,
    retryable: e.retryable ?? (e.code ? codeInfo(e.code).retryable : false),
    health: e.health ?? (e.outcome === 'ok' || !e.code || codeInfo(e.code).category === 'business' ? 'up' : 'down'),
  }));

/** One HTTP-level scenario of the processor's own: its rules replace the processor's for that scenario. */
export const CustomScenarioDefinition = z.strictObject({
  /** The scenario id is `<processor>/http.<name>`. */
  name: slug,
  title: z.string().min(10),
  /** The real behaviour this models (defaults to the title). */
  basis: z.string().min(10).optional(),
  rules: Rules,
  /** The card the harness pays with (the rules may tell them apart by the `source` field). */
  card: z.enum(['approved', 'declined']).default('approved'),
  expect: ScenarioExpectation,
});
export type CustomScenarioDefinition = z.infer<typeof CustomScenarioDefinition>;

const fields = {
  /** Prefix of every path of the API, e.g. /mm/v2 (the gateway's base URL ends with it). */
  basePath: z.string().regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'a path such as /mm/v2, or "" for none').default(''),
  /** One scheme, or several sent together (an API key header and a bearer token). */
  auth: z.union([AuthScheme, z.array(AuthScheme).min(1)]).transform((a) => (Array.isArray(a) ? a : [a])),
  payment: z.strictObject({
    /** Below basePath: the rules see basePath + path. */
    path: z.string().regex(/^\/\S*$/, 'a path such as /transfers'),
    /** The JSON body the gateway sends; strings may hold {amount} {currency} {source} {reference} {idempotencyKey}. */
    body: z.unknown().refine((b) => b !== undefined, 'a JSON body template'),
    idempotencyHeader: headerName.default('idempotency-key'),
  }),
  answers: z.strictObject({
    /** Statuses that mean the payment was taken: the harness counts each idempotency key answered so as one charge. */
    approved: z.array(z.number().int().min(200).max(299)).min(1),
    /** Statuses that mean the issuer (or the wallet) declined; anything else is a failure. */
    declined: z.array(status).default([]),
    reference: pointer.optional(),
    declineReason: pointer.optional(),
    errorMessage: pointer.optional(),
  }),
  /** The processor's normal behaviour; transport scenarios (tls, mtls, network) run with it. */
  rules: Rules,
  scenarios: z.array(CustomScenarioDefinition).default([]),
};

type Fields = { answers: { approved: number[]; declined: number[] }; scenarios: { name: string }[] };
function consistent(p: Fields, ctx: z.RefinementCtx): void {
  const clash = p.answers.approved.filter((s) => p.answers.declined.includes(s));
  if (clash.length) ctx.addIssue({ code: 'custom', path: ['answers', 'declined'], message: `status ${clash.join(', ')} cannot mean both approved and declined` });
  const seen = new Set<string>();
  p.scenarios.forEach((s, i) => {
    if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: ['scenarios', i, 'name'], message: `scenario name "${s.name}" is used twice` });
    seen.add(s.name);
  });
}

export const CustomProcessor = z.strictObject({ name: slug, ...fields }).superRefine(consistent);

/** `processors: [{ name: 'mobile-money', custom: {...} }]` in gatecheck.config: the definition under its name. */
export const CustomProcessorEntry = z
  .strictObject({ name: slug, custom: z.strictObject(fields).superRefine(consistent) })
  .transform((e) => ({ name: e.name, custom: { ...e.custom, name: e.name } }));
export type CustomProcessor = z.infer<typeof CustomProcessor>;
export type CustomProcessorInput = z.input<typeof CustomProcessor>;

/** Where the payment request arrives, as the rules see it. */
export const paymentPathOf = (p: CustomProcessor) => `${p.basePath}${p.payment.path}`;

/** The headers the gateway sends to authenticate (what it is given as credentials). */
export function authHeaders(p: CustomProcessor): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const a of p.auth) {
    if (a.scheme === 'bearer') headers.authorization = `Bearer ${a.token}`;
    if (a.scheme === 'basic') headers.authorization = `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`;
    if (a.scheme === 'api-key') headers[a.header] = a.key;
  }
  return headers;
}

/** Validates a user's definition; the error names the processor and every failing field path. */
export function parseCustomProcessor(input: unknown): CustomProcessor {
  const result = CustomProcessor.safeParse(input);
  if (result.success) return result.data;
  const name = typeof input === 'object' && input && 'name' in input ? String((input as { name: unknown }).name) : '<no name>';
  const fields = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`gatecheck: custom processor "${name}" is invalid: ${fields}. Fix: see docs/custom-processors.md`);
}
