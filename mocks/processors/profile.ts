import { z } from 'zod';

/** The processor profiles gatecheck models. The wire contract of each is in ./README.md. */
export const ProfileName = z.enum(['stripe', 'adyen', 'paypal', 'visa']);
export type ProfileName = z.infer<typeof ProfileName>;

/** One HTTP request as it reached the processor. Header names are lower-case. */
export type ProcessorRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
};

/** One HTTP response as the processor sends it; `body` is already serialised. */
export type ProcessorResponse = {
  status: number;
  headers: Record<string, string>;
  body: string;
};

/** A charge the processor committed: what a double charge would show twice. */
export type CommittedPayment = {
  id: string;
  idempotencyKey: string | null;
  /** Integer minor units (1000 = 10.00 EUR), whatever the processor's wire format. */
  amount: number;
  /** ISO 4217, upper case, whatever the processor's wire format. */
  currency: string;
  reference: string;
  outcome: 'approved' | 'declined';
};

export type ProfileOptions = {
  /** Seconds an OAuth2 token lives (paypal). */
  tokenTtlSeconds?: number;
  /** The processor's clock; tests move it to expire tokens or skew timestamps. */
  now?: () => Date;
  /** How long a payment takes to process; a second request with the same key meanwhile gets 409. */
  processingDelayMs?: number;
  /**
   * The first N payments that pass auth and validation fail with a 500 in the profile's error
   * shape (an outage mid-charge): nothing is committed, and the 500 is stored under the
   * idempotency key, so a retry with the same key gets it replayed.
   */
  serverErrors?: number;
  /**
   * The account may send raw card numbers (Stripe's "raw card data APIs" access, Adyen's raw-card
   * API role). Default false, as a new real test account: Stripe refuses
   * `payment_method_data[card][number]` and Adyen refuses `paymentMethod.number` (403 010), and
   * both take their test payment methods / encrypted test card fields instead. Contract runs
   * (startProcessor) set it, because the harness hands the gateway card numbers.
   */
  rawCardAccess?: boolean;
  /** Adyen: the merchant accounts the API key may use (default: the profile's own, `GatecheckECOM`). */
  merchantAccounts?: readonly string[];
  /** PayPal: the REST apps (client id + secret) the token endpoint knows (default: the profile's own). */
  oauthClients?: readonly { clientId: string; clientSecret: string }[];
};

/** Per-server state: idempotency store, issued tokens, committed payments. */
export interface ProfileState {
  readonly payments: readonly CommittedPayment[];
  /** Invalidates every issued OAuth2 token (a token that expires mid-flight). */
  revokeTokens(): void;
}

/** The credentials the mock accepts; fixtures give the same values to the gateway. */
export type ProfileCredentials =
  | { kind: 'secret-key'; secretKey: string; restrictedKey: string }
  | { kind: 'api-key'; apiKey: string; merchantAccount: string }
  | { kind: 'oauth2-client'; clientId: string; clientSecret: string }
  | { kind: 'basic-mtls'; username: string; password: string; clientCaCertId: string };

/**
 * What the gateway is configured with to verify this profile's webhooks, named as the reference
 * gateway's `webhooks` config names them: stripe `{ secrets: [...] }`, adyen `{ hmacKey }`,
 * paypal `{ webhookId, certFile }`.
 */
export type WebhookSecrets = Record<string, string | string[]>;

/** A webhook as the processor would deliver it: ready to POST to the gateway. Header names are lower-case. */
export type SignedWebhook = { headers: Record<string, string>; body: string; eventId: string };

export interface WebhookSigner {
  /** The secrets the gateway is configured with to verify this profile's webhooks. */
  secrets: WebhookSecrets;
  /** Signs `event` as the processor would; `options` reproduce the broken variants. */
  sign(
    event: { id: string; type: string; payload: Record<string, unknown> },
    /** `pretty`: the body indented with newlines, as some processors send it (the signature covers those bytes). */
    options?: { at?: Date; secret?: string; extraSecrets?: string[]; pretty?: boolean },
  ): SignedWebhook;
}

/**
 * Failures the server layer answers with before (or instead of) `handle()`, rendered in the
 * profile's own error shape: 429 with `Retry-After`, 500, 503, and the 400 an mTLS-only
 * endpoint gives a request without a client certificate (visa code 9125).
 */
export const ProcessorFailure = z.enum(['rate-limited', 'server-error', 'unavailable', 'client-cert-missing']);
export type ProcessorFailure = z.infer<typeof ProcessorFailure>;

export interface ProcessorProfile {
  name: ProfileName;
  title: string;
  /** Which public API this models, and that it is a subset. */
  basis: string;
  paymentRoute: { method: 'POST'; path: string };
  /** Where OAuth2 tokens come from, for profiles that need them. */
  tokenRoute?: { method: 'POST'; path: string };
  /** Name of the idempotency header, lower-case. */
  idempotencyHeader: string;
  credentials: ProfileCredentials;
  /** zod schemas of the wire contract: what the gateway must send and what the processor answers. */
  schemas: {
    paymentRequest: z.ZodType;
    paymentResponse: z.ZodType;
    declineResponse: z.ZodType;
    errorResponse: z.ZodType;
    tokenRequest?: z.ZodType;
    tokenResponse?: z.ZodType;
  };
  /** The payment body as `schemas.paymentRequest` sees it: form-decoded for stripe, JSON otherwise (undefined if unparseable). */
  decodeBody(body: string): unknown;
  /** A failure in this processor's error shape; `retryAfterSeconds` (default 1) for 'rate-limited'. */
  failure(kind: ProcessorFailure, options?: { retryAfterSeconds?: number }): ProcessorResponse;
  createState(options?: ProfileOptions): ProfileState;
  /** Answers one request as the processor would, updating `state`. */
  handle(request: ProcessorRequest, state: ProfileState): Promise<ProcessorResponse>;
  webhooks?: WebhookSigner;
}
