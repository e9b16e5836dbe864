/**
 * The sandbox tier talks to test modes only. A credential or host that looks live stops the run
 * before any request, and the message says which variable and why, never its value.
 */

/** The variables that carry credentials (not URLs or certificate material). */
export const CREDENTIAL_VARIABLES = [
  'GATECHECK_SANDBOX_STRIPE_KEY',
  'GATECHECK_SANDBOX_ADYEN_KEY',
  'GATECHECK_SANDBOX_ADYEN_MERCHANT_ACCOUNT',
  'GATECHECK_SANDBOX_PAYPAL_CLIENT_ID',
  'GATECHECK_SANDBOX_PAYPAL_CLIENT_SECRET',
  'GATECHECK_SANDBOX_VISA_USER',
  'GATECHECK_SANDBOX_VISA_PASSWORD',
] as const;

export const URL_VARIABLES = ['GATECHECK_SANDBOX_STRIPE_URL', 'GATECHECK_SANDBOX_ADYEN_URL', 'GATECHECK_SANDBOX_PAYPAL_URL', 'GATECHECK_SANDBOX_VISA_URL'] as const;

/** Stripe's live secret, restricted and publishable keys; wherever one turns up, it is live. */
const STRIPE_LIVE_KEY = /^(sk|rk|pk)_live_/;

/** A host that is some processor's production API: why, or null. Same rules for every URL variable. */
const LIVE_HOSTS: readonly ((host: string) => string | null)[] = [
  (host) =>
    /(^|\.)(adyen|adyenpayments)\.com$/.test(host) && /(^|[.-])live([.-]|$)/.test(host)
      ? `${host} is an Adyen live endpoint; the test endpoint is checkout-test.adyen.com`
      : null,
  (host) =>
    /(^|\.)paypal\.com$/.test(host) && !/(^|\.)sandbox\.paypal\.com$/.test(host)
      ? `${host} is PayPal's production API; the sandbox is api-m.sandbox.paypal.com`
      : null,
  (host) =>
    /(^|\.)visa\.com$/.test(host) && host !== 'sandbox.api.visa.com'
      ? `${host} is not Visa's sandbox (api.visa.com is production); the sandbox is sandbox.api.visa.com`
      : null,
];

function hostOf(value: string): string | null {
  try {
    return new URL(value).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Why each live-looking variable in `env` is refused; empty when nothing looks live. */
export function liveProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  for (const name of CREDENTIAL_VARIABLES) {
    const prefix = env[name]?.trim().match(STRIPE_LIVE_KEY)?.[0];
    if (prefix) problems.push(`${name} starts with ${prefix}: a live Stripe key moves real money; give a test-mode key (sk_test_... or rk_test_...)`);
  }
  for (const name of URL_VARIABLES) {
    const host = env[name] ? hostOf(env[name]!.trim()) : null;
    const why = host === null ? null : LIVE_HOSTS.map((rule) => rule(host)).find((reason) => reason !== null);
    if (why) problems.push(`${name}: ${why}`);
  }
  return problems;
}

/** Thrown before any request when a credential or host looks live. */
export class LiveCredentialRefused extends Error {
  constructor(readonly problems: string[]) {
    super(
      `gatecheck: refusing to run the sandbox tier against live credentials; no request was sent.\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'The sandbox tier only talks to processor test modes: unset these variables or give them sandbox values.',
    );
    this.name = 'LiveCredentialRefused';
  }
}
