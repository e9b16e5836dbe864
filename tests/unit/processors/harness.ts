import { expect } from '@playwright/test';
import type { z } from 'zod';
import { TEST_CARDS } from '../../../mocks/processors/cards.ts';
import { encodeForm } from '../../../mocks/processors/http.ts';
import { profiles } from '../../../mocks/processors/index.ts';
import type { ProcessorProfile, ProcessorRequest, ProcessorResponse, ProfileName, ProfileOptions, ProfileState } from '../../../mocks/processors/profile.ts';

export { TEST_CARDS };
export const NAMES = Object.keys(profiles) as ProfileName[];

export type PayOptions = {
  card?: string;
  /** Minor units. */
  amount?: number;
  reference?: string;
  /** The idempotency key; omitted when undefined. */
  key?: string;
  /** Headers set after the defaults (a wrong Authorization, say). */
  headers?: Record<string, string>;
  /** Default headers to leave out. */
  omit?: string[];
  /** Edits the body object before it is encoded (delete a field, break a value). */
  mutate?: (body: Record<string, any>) => void;
};

/** What each profile answers, as README.md says: the table the specs iterate over. */
export type Wire = {
  approved: number;
  declined: number;
  invalid: number;
  mismatch: number;
  /** Field names as the processor spells them in its validation errors. */
  fields: { cardNumber: string; currency: string; amount: string };
  /** Body edits that break those fields. */
  breaks: { dropCardNumber: (b: any) => void; badCurrency: (b: any) => void; badAmount: (b: any) => void };
  /** The field a validation error names. */
  namedField(body: any): string | undefined;
};

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export const wire: Record<ProfileName, Wire> = {
  stripe: {
    approved: 200,
    declined: 402,
    invalid: 400,
    mismatch: 400,
    fields: { cardNumber: 'payment_method_data[card][number]', currency: 'currency', amount: 'amount' },
    breaks: {
      dropCardNumber: (b) => delete b.payment_method_data.card.number,
      badCurrency: (b) => (b.currency = 'EUR'),
      badAmount: (b) => (b.amount = '10.00'),
    },
    namedField: (body) => body.error?.param,
  },
  adyen: {
    approved: 200,
    declined: 200,
    invalid: 422,
    mismatch: 422,
    fields: { cardNumber: 'paymentMethod.number', currency: 'amount.currency', amount: 'amount.value' },
    breaks: {
      dropCardNumber: (b) => delete b.paymentMethod.number,
      badCurrency: (b) => (b.amount.currency = 'eur'),
      badAmount: (b) => (b.amount.value = '1000'),
    },
    namedField: (body) => /'([^']+)'/.exec(body.message)?.[1],
  },
  paypal: {
    approved: 201,
    declined: 422,
    invalid: 400,
    mismatch: 422,
    fields: { cardNumber: '/payment_source/card/number', currency: '/purchase_units/0/amount/currency_code', amount: '/purchase_units/0/amount/value' },
    breaks: {
      dropCardNumber: (b) => delete b.payment_source.card.number,
      badCurrency: (b) => (b.purchase_units[0].amount.currency_code = 'eur'),
      badAmount: (b) => (b.purchase_units[0].amount.value = '10.001'),
    },
    namedField: (body) => body.details?.[0]?.field,
  },
  visa: {
    approved: 200,
    declined: 200,
    invalid: 400,
    mismatch: 422,
    fields: { cardNumber: 'senderPrimaryAccountNumber', currency: 'senderCurrencyCode', amount: 'amount' },
    breaks: {
      dropCardNumber: (b) => delete b.senderPrimaryAccountNumber,
      badCurrency: (b) => (b.senderCurrencyCode = 'usd'),
      badAmount: (b) => (b.amount = 10),
    },
    namedField: (body) => body.responseStatus?.info,
  },
};

/** The merchant reference as the profile carries it: Visa's retrievalReferenceNumber is 12 letters or digits. */
export function wireReference(name: ProfileName, reference: string): string {
  return name === 'visa' ? reference.replace(/[^A-Za-z0-9]/g, '').padEnd(12, '0').slice(0, 12) : reference;
}

/** The body a correct gateway sends, per README.md. */
function paymentBody(name: ProfileName, card: string, amount: number, reference: string): Record<string, any> {
  const decimal = `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
  switch (name) {
    case 'stripe':
      return {
        amount,
        currency: 'eur',
        confirm: true,
        payment_method_data: { type: 'card', card: { number: card, exp_month: 12, exp_year: 2030, cvc: '123' } },
        metadata: { reference },
      };
    case 'adyen':
      return {
        merchantAccount: 'GatecheckECOM',
        reference,
        amount: { value: amount, currency: 'EUR' },
        paymentMethod: { type: 'scheme', number: card, expiryMonth: '12', expiryYear: '2030', cvc: '123' },
        returnUrl: 'https://gateway.example/adyen/return',
      };
    case 'paypal':
      return {
        intent: 'CAPTURE',
        purchase_units: [{ reference_id: reference, amount: { currency_code: 'EUR', value: decimal } }],
        payment_source: { card: { number: card, expiry: '2030-12', security_code: '123' } },
      };
    case 'visa':
      return {
        systemsTraceAuditNumber: 451001,
        retrievalReferenceNumber: wireReference('visa', reference),
        amount: decimal,
        senderCurrencyCode: 'EUR',
        senderPrimaryAccountNumber: card,
        senderCardExpiryDate: '2030-12',
        acquiringBin: '408999',
        acquirerCountryCode: '840',
        businessApplicationId: 'AA',
      };
  }
}

/** One profile with fresh state, and a gateway that speaks it correctly unless told otherwise. */
export class Harness {
  readonly profile: ProcessorProfile;
  readonly state: ProfileState;
  readonly wire: Wire;
  #token: string | undefined;

  /** `options` default to an account with raw-card access, as contract runs model (the harness sends card numbers). */
  constructor(readonly name: ProfileName, options: ProfileOptions = {}) {
    this.profile = profiles[name];
    this.state = this.profile.createState({ rawCardAccess: true, ...options });
    this.wire = wire[name];
  }

  send(request: ProcessorRequest): Promise<ProcessorResponse> {
    return this.profile.handle(request, this.state);
  }

  /** A PayPal access token from the token endpoint (cached). */
  async token(): Promise<string> {
    if (this.#token) return this.#token;
    const response = await this.send(tokenRequest());
    expect(response.status, response.body).toBe(200);
    return (this.#token = (JSON.parse(response.body) as { access_token: string }).access_token);
  }

  async authorization(): Promise<string> {
    const c = this.profile.credentials;
    switch (c.kind) {
      case 'secret-key': return `Bearer ${c.secretKey}`;
      case 'api-key': return c.apiKey;
      case 'oauth2-client': return `Bearer ${await this.token()}`;
      case 'basic-mtls': return basic(c.username, c.password);
    }
  }

  async request(options: PayOptions = {}): Promise<ProcessorRequest> {
    const body = paymentBody(this.name, options.card ?? TEST_CARDS.approved, options.amount ?? 1000, options.reference ?? 'order-0001');
    options.mutate?.(body);
    const headers: Record<string, string> = {
      'content-type': this.name === 'stripe' ? 'application/x-www-form-urlencoded' : 'application/json',
      [this.name === 'adyen' ? 'x-api-key' : 'authorization']: await this.authorization(),
    };
    if (this.name === 'paypal') headers.prefer = 'return=representation';
    if (options.key !== undefined) headers[this.profile.idempotencyHeader] = options.key;
    for (const name of options.omit ?? []) delete headers[name];
    Object.assign(headers, options.headers);
    return {
      method: this.profile.paymentRoute.method,
      path: this.profile.paymentRoute.path,
      headers,
      body: this.name === 'stripe' ? encodeForm(body) : JSON.stringify(body),
    };
  }

  async pay(options: PayOptions = {}): Promise<ProcessorResponse> {
    return this.send(await this.request(options));
  }
}

export function tokenRequest(options: { user?: string; password?: string; body?: string; omitAuth?: boolean } = {}): ProcessorRequest {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (!options.omitAuth) headers.authorization = basic(options.user ?? 'gatecheck-client-id', options.password ?? 'gatecheck-client-secret');
  return { method: 'POST', path: '/v1/oauth2/token', headers, body: options.body ?? 'grant_type=client_credentials' };
}

/** Parses a response body with `schema`, failing with zod's own words; returns the parsed JSON. */
export function expectShape(schema: z.ZodType | undefined, response: ProcessorResponse): any {
  expect(schema, 'the profile declares this schema').toBeDefined();
  expect(response.headers['content-type']).toBe('application/json');
  const body = JSON.parse(response.body) as unknown;
  const result = schema!.safeParse(body);
  expect(result.success, `${response.status} ${response.body}\n${result.error?.message ?? ''}`).toBe(true);
  return body;
}

/** The request a harness built passes the profile's own request schema. */
export function expectValidRequest(profile: ProcessorProfile, request: ProcessorRequest): void {
  const result = profile.schemas.paymentRequest.safeParse(profile.decodeBody(request.body));
  expect(result.success, result.error?.message).toBe(true);
}
