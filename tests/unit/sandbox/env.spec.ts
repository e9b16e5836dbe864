import { expect, test } from '@playwright/test';
import { DEFAULT_URLS, loadSandboxEnv, REQUIRED_VARIABLES, SandboxConfigError } from '../../sandbox/env.ts';
import { LiveCredentialRefused } from '../../sandbox/live-guard.ts';

const STRIPE = { GATECHECK_SANDBOX_STRIPE_KEY: 'sk_test_unit_0123456789' };

test('with no variables every profile is unconfigured, naming each missing variable', () => {
  const statuses = loadSandboxEnv({});
  for (const [profile, variables] of Object.entries(REQUIRED_VARIABLES)) {
    expect(statuses[profile as keyof typeof REQUIRED_VARIABLES]).toEqual({ profile, target: null, missing: [...variables], reason: `${profile} sandbox not configured: set ${variables.join(', ')}` });
  }
});

test('a partly configured profile names only what is missing; an empty variable counts as unset', () => {
  const statuses = loadSandboxEnv({ GATECHECK_SANDBOX_PAYPAL_CLIENT_ID: 'client', GATECHECK_SANDBOX_PAYPAL_CLIENT_SECRET: '  ' });
  expect(statuses.paypal).toMatchObject({ target: null, missing: ['GATECHECK_SANDBOX_PAYPAL_CLIENT_SECRET'] });
});

test('a configured profile gets the public sandbox host by default, or the URL variable', () => {
  expect(loadSandboxEnv(STRIPE).stripe.target).toMatchObject({ baseUrl: DEFAULT_URLS.stripe, credentials: { profile: 'stripe', secretKey: STRIPE.GATECHECK_SANDBOX_STRIPE_KEY } });
  expect(loadSandboxEnv({ ...STRIPE, GATECHECK_SANDBOX_STRIPE_URL: 'https://127.0.0.1:8443' }).stripe.target?.baseUrl).toBe('https://127.0.0.1:8443');
  expect(DEFAULT_URLS).toEqual({ stripe: 'https://api.stripe.com', adyen: 'https://checkout-test.adyen.com', paypal: 'https://api-m.sandbox.paypal.com', visa: 'https://sandbox.api.visa.com' });
});

test('every credential of a configured profile is listed as a secret for the redactor', () => {
  const target = loadSandboxEnv({ GATECHECK_SANDBOX_ADYEN_KEY: 'AQE_unit_key_123', GATECHECK_SANDBOX_ADYEN_MERCHANT_ACCOUNT: 'UnitECOM' }).adyen.target;
  expect(target?.secrets).toEqual(['AQE_unit_key_123', 'UnitECOM']);
});

const live: [string, Record<string, string>, string][] = [
  ['a live Stripe secret key', { GATECHECK_SANDBOX_STRIPE_KEY: 'sk_live_unit123456' }, 'GATECHECK_SANDBOX_STRIPE_KEY starts with sk_live_'],
  ['a live Stripe restricted key', { GATECHECK_SANDBOX_STRIPE_KEY: 'rk_live_unit123456' }, 'GATECHECK_SANDBOX_STRIPE_KEY starts with rk_live_'],
  ['a live Stripe key in another variable', { GATECHECK_SANDBOX_PAYPAL_CLIENT_SECRET: 'sk_live_unit123456' }, 'GATECHECK_SANDBOX_PAYPAL_CLIENT_SECRET starts with sk_live_'],
  ['PayPal production', { GATECHECK_SANDBOX_PAYPAL_URL: 'https://api-m.paypal.com' }, 'api-m.paypal.com is PayPal\'s production API'],
  ['PayPal classic production', { GATECHECK_SANDBOX_PAYPAL_URL: 'https://api.paypal.com' }, 'api.paypal.com is PayPal\'s production API'],
  ['Visa production', { GATECHECK_SANDBOX_VISA_URL: 'https://api.visa.com' }, 'api.visa.com is not Visa\'s sandbox'],
  ['an Adyen live prefix endpoint', { GATECHECK_SANDBOX_ADYEN_URL: 'https://1797a841fbb37ca7-AdyenDemo-checkout-live.adyenpayments.com/checkout' }, 'is an Adyen live endpoint'],
  ['an Adyen live host', { GATECHECK_SANDBOX_ADYEN_URL: 'https://checkout-live.adyen.com' }, 'checkout-live.adyen.com is an Adyen live endpoint'],
  ['a production host under another profile\'s variable', { GATECHECK_SANDBOX_STRIPE_URL: 'https://api.paypal.com' }, 'GATECHECK_SANDBOX_STRIPE_URL: api.paypal.com'],
];
for (const [what, env, reason] of live) {
  test(`refuses ${what} before anything else, naming the variable and not the value`, () => {
    let error: unknown;
    try {
      loadSandboxEnv(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LiveCredentialRefused);
    const message = (error as Error).message;
    expect(message).toContain('refusing to run the sandbox tier against live credentials; no request was sent');
    expect(message).toContain(reason);
    expect(message).not.toContain('unit123456');
  });
}

const sandboxHosts = ['https://api.stripe.com', 'https://checkout-test.adyen.com', 'https://api-m.sandbox.paypal.com', 'https://api.sandbox.paypal.com', 'https://sandbox.api.visa.com'];
for (const url of sandboxHosts) {
  test(`accepts the sandbox host ${url}`, () => {
    expect(() => loadSandboxEnv({ GATECHECK_SANDBOX_STRIPE_URL: url, GATECHECK_SANDBOX_ADYEN_URL: url, GATECHECK_SANDBOX_PAYPAL_URL: url, GATECHECK_SANDBOX_VISA_URL: url })).not.toThrow();
  });
}

const invalid: [string, Record<string, string>, string][] = [
  ['a plain-http URL', { GATECHECK_SANDBOX_STRIPE_URL: 'http://127.0.0.1:8080' }, 'must be an https:// URL: credentials never travel in clear text\n  → at GATECHECK_SANDBOX_STRIPE_URL'],
  ['a Stripe key that is not a test key', { GATECHECK_SANDBOX_STRIPE_KEY: 'pk_test_publishable1' }, 'must be a Stripe test-mode secret or restricted key (sk_test_... or rk_test_...)\n  → at GATECHECK_SANDBOX_STRIPE_KEY'],
  ['an unreadable CA', { GATECHECK_SANDBOX_CA: '/nonexistent/ca.pem' }, 'is neither PEM text (-----BEGIN ...) nor a readable file\n  → at GATECHECK_SANDBOX_CA'],
  ['a visa key file without PEM', { GATECHECK_SANDBOX_VISA_KEY: 'package.json' }, 'names a file that holds no PEM block\n  → at GATECHECK_SANDBOX_VISA_KEY'],
];
for (const [what, env, message] of invalid) {
  test(`refuses ${what} with the variable named`, () => {
    expect(() => loadSandboxEnv(env)).toThrow(SandboxConfigError);
    expect(() => loadSandboxEnv(env)).toThrow(message);
  });
}

test('CA and client material may be PEM text (a CI secret) or a file path', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const target = loadSandboxEnv({
    GATECHECK_SANDBOX_CA: pem,
    GATECHECK_SANDBOX_VISA_USER: 'user',
    GATECHECK_SANDBOX_VISA_PASSWORD: 'password1',
    GATECHECK_SANDBOX_VISA_CERT: pem,
    GATECHECK_SANDBOX_VISA_KEY: ['-----BEGIN', 'PRIVATE KEY-----\nMIIEkeybody\n-----END', 'PRIVATE KEY-----'].join(' '),
  }).visa.target!;
  expect(target.tls).toMatchObject({ ca: pem.trim(), cert: pem.trim() });
  expect(target.secrets).toContain('MIIEkeybody');
});
