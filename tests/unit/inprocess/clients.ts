import http from 'node:http';
import https from 'node:https';
import { adyenEncryptedTestCard, STRIPE_PAYMENT_METHOD_FOR } from '../../../mocks/processors/cards.ts';

/**
 * The code under test in a user's project, as they would write it: a transport (global fetch or
 * node:https) and a small processor client on top. Nothing here knows it is talking to a mock.
 */

export type Reply = { status: number; headers: Record<string, string>; body: string };
export type Send = { method: string; headers: Record<string, string>; body?: string };
export type Transport = { name: 'fetch' | 'https'; send(url: string, init: Send): Promise<Reply> };

export const viaFetch: Transport = {
  name: 'fetch',
  async send(url, init) {
    const response = await fetch(url, init);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return { status: response.status, headers, body: await response.text() };
  },
};

export const viaHttps: Transport = {
  name: 'https',
  send(url, init) {
    const client = new URL(url).protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const request = client.request(url, { method: init.method, headers: init.headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: flat(response.headers), body }));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(init.body);
    });
  },
};

export const TRANSPORTS = [viaFetch, viaHttps];

function flat(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** The error code a client reads: node:https puts it on the error, undici's fetch on its cause. */
export function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A merchant's Stripe client: form body, Bearer secret key, Idempotency-Key. */
export function stripeClient(transport: Transport, options: { baseUrl: string; apiKey?: string }) {
  return {
    charge(charge: { card: string; amount?: number; reference?: string; idempotencyKey?: string }): Promise<Reply> {
      const body = new URLSearchParams({
        amount: String(charge.amount ?? 1000),
        currency: 'eur',
        confirm: 'true',
        // A test account without raw-card access pays with Stripe's test PaymentMethod for the card.
        payment_method: STRIPE_PAYMENT_METHOD_FOR[charge.card as keyof typeof STRIPE_PAYMENT_METHOD_FOR] ?? charge.card,
        'metadata[reference]': charge.reference ?? 'order-0001',
      });
      const headers: Record<string, string> = {
        authorization: `Bearer ${options.apiKey ?? 'sk_test_gatecheck_51Mock'}`,
        'content-type': 'application/x-www-form-urlencoded',
      };
      if (charge.idempotencyKey) headers['idempotency-key'] = charge.idempotencyKey;
      return transport.send(`${options.baseUrl}/v1/payment_intents`, { method: 'POST', headers, body: body.toString() });
    },
  };
}

/** A merchant's PayPal client: OAuth2 client credentials, then an order with PayPal-Request-Id. */
export function paypalClient(transport: Transport, options: { baseUrl: string; clientSecret?: string }) {
  const basic = Buffer.from(`gatecheck-client-id:${options.clientSecret ?? 'gatecheck-client-secret'}`).toString('base64');
  return {
    token: () =>
      transport.send(`${options.baseUrl}/v1/oauth2/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      }),
    order: (token: string, charge: { card: string; requestId: string }) =>
      transport.send(`${options.baseUrl}/v2/checkout/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'paypal-request-id': charge.requestId, prefer: 'return=representation' },
        body: JSON.stringify({
          intent: 'CAPTURE',
          purchase_units: [{ reference_id: 'order-0001', amount: { currency_code: 'EUR', value: '10.00' } }],
          payment_source: { card: { number: charge.card, expiry: '2030-12', security_code: '123' } },
        }),
      }),
  };
}

/** A merchant's Adyen client: X-API-Key, JSON. */
export function adyenClient(transport: Transport, options: { baseUrl: string }) {
  return {
    pay: (charge: { card: string; idempotencyKey?: string }) =>
      transport.send(`${options.baseUrl}/v71/payments`, {
        method: 'POST',
        headers: { 'x-api-key': 'AQE_gatecheck_test_key', 'content-type': 'application/json', ...(charge.idempotencyKey ? { 'idempotency-key': charge.idempotencyKey } : {}) },
        body: JSON.stringify({
          merchantAccount: 'GatecheckECOM',
          reference: 'order-0001',
          amount: { value: 1000, currency: 'EUR' },
          // Without the raw-card role: Adyen's test_-prefixed "encrypted" card fields.
          paymentMethod: adyenEncryptedTestCard(charge.card),
          returnUrl: 'https://shop.example/checkout/return',
        }),
      }),
  };
}
