import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ProfileName } from '../../mocks/processors/profile.ts';
import { LiveCredentialRefused, liveProblems } from './live-guard.ts';

/** The public sandbox of each profile, used when GATECHECK_SANDBOX_<PROFILE>_URL is unset. */
export const DEFAULT_URLS: Record<ProfileName, string> = {
  stripe: 'https://api.stripe.com',
  // The profile's route carries the version (/v71/payments), so the base has none.
  adyen: 'https://checkout-test.adyen.com',
  paypal: 'https://api-m.sandbox.paypal.com',
  visa: 'https://sandbox.api.visa.com',
};

/** What each profile needs; a profile missing any of these is skipped, naming them. */
export const REQUIRED_VARIABLES = {
  stripe: ['GATECHECK_SANDBOX_STRIPE_KEY'],
  adyen: ['GATECHECK_SANDBOX_ADYEN_KEY', 'GATECHECK_SANDBOX_ADYEN_MERCHANT_ACCOUNT'],
  paypal: ['GATECHECK_SANDBOX_PAYPAL_CLIENT_ID', 'GATECHECK_SANDBOX_PAYPAL_CLIENT_SECRET'],
  visa: ['GATECHECK_SANDBOX_VISA_USER', 'GATECHECK_SANDBOX_VISA_PASSWORD', 'GATECHECK_SANDBOX_VISA_CERT', 'GATECHECK_SANDBOX_VISA_KEY'],
} as const satisfies Record<ProfileName, readonly string[]>;

/** An unset CI secret arrives as an empty string: the same as not set. */
const unset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value);
const Text = z.preprocess(unset, z.string().optional());
const HttpsUrl = z.preprocess(unset, z.url({ protocol: /^https$/, error: 'must be an https:// URL: credentials never travel in clear text' }).optional());

/** PEM text, or the path of a file holding it (CI secrets are usually the text itself). */
const Pem = z.preprocess(
  unset,
  z
    .string()
    .transform((value, ctx) => {
      if (value.startsWith('-----BEGIN')) return value;
      try {
        const text = readFileSync(value, 'utf8');
        if (text.includes('-----BEGIN')) return text;
        ctx.addIssue({ code: 'custom', message: 'names a file that holds no PEM block' });
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is neither PEM text (-----BEGIN ...) nor a readable file' });
      }
      return z.NEVER;
    })
    .optional(),
);

export const SandboxVariables = z.object({
  GATECHECK_SANDBOX_CA: Pem,
  GATECHECK_SANDBOX_STRIPE_URL: HttpsUrl,
  GATECHECK_SANDBOX_STRIPE_KEY: z.preprocess(unset, z.string().regex(/^(sk|rk)_test_/, 'must be a Stripe test-mode secret or restricted key (sk_test_... or rk_test_...)').optional()),
  GATECHECK_SANDBOX_ADYEN_URL: HttpsUrl,
  GATECHECK_SANDBOX_ADYEN_KEY: Text,
  GATECHECK_SANDBOX_ADYEN_MERCHANT_ACCOUNT: Text,
  GATECHECK_SANDBOX_PAYPAL_URL: HttpsUrl,
  GATECHECK_SANDBOX_PAYPAL_CLIENT_ID: Text,
  GATECHECK_SANDBOX_PAYPAL_CLIENT_SECRET: Text,
  GATECHECK_SANDBOX_VISA_URL: HttpsUrl,
  GATECHECK_SANDBOX_VISA_USER: Text,
  GATECHECK_SANDBOX_VISA_PASSWORD: Text,
  GATECHECK_SANDBOX_VISA_CERT: Pem,
  GATECHECK_SANDBOX_VISA_KEY: Pem,
  GATECHECK_SANDBOX_VISA_KEY_PASSPHRASE: Text,
});
export type SandboxVariables = z.infer<typeof SandboxVariables>;

export type SandboxCredentials =
  | { profile: 'stripe'; secretKey: string }
  | { profile: 'adyen'; apiKey: string; merchantAccount: string }
  | { profile: 'paypal'; clientId: string; clientSecret: string }
  | { profile: 'visa'; username: string; password: string };

/** TLS material beyond the system trust store: an extra CA, and visa's client certificate. */
export type SandboxTls = { ca?: string; cert?: string; key?: string; passphrase?: string };

/** One configured sandbox. `secrets` is every value that must never reach an artefact. */
export type SandboxTarget = { profile: ProfileName; baseUrl: string; credentials: SandboxCredentials; tls: SandboxTls; secrets: string[] };

export type ProfileStatus = { profile: ProfileName; target: SandboxTarget } | { profile: ProfileName; target: null; missing: string[]; reason: string };

/** Thrown when a variable is set but unusable (not https, unreadable PEM, not a test key). */
export class SandboxConfigError extends Error {
  constructor(detail: string) {
    super(`gatecheck: the sandbox variables are invalid; no request was sent.\n${detail}`);
    this.name = 'SandboxConfigError';
  }
}

function credentialsOf(profile: ProfileName, v: SandboxVariables): SandboxCredentials {
  switch (profile) {
    case 'stripe':
      return { profile, secretKey: v.GATECHECK_SANDBOX_STRIPE_KEY! };
    case 'adyen':
      return { profile, apiKey: v.GATECHECK_SANDBOX_ADYEN_KEY!, merchantAccount: v.GATECHECK_SANDBOX_ADYEN_MERCHANT_ACCOUNT! };
    case 'paypal':
      return { profile, clientId: v.GATECHECK_SANDBOX_PAYPAL_CLIENT_ID!, clientSecret: v.GATECHECK_SANDBOX_PAYPAL_CLIENT_SECRET! };
    case 'visa':
      return { profile, username: v.GATECHECK_SANDBOX_VISA_USER!, password: v.GATECHECK_SANDBOX_VISA_PASSWORD! };
  }
}

const urlVariable = (profile: ProfileName) => `GATECHECK_SANDBOX_${profile.toUpperCase()}_URL` as keyof SandboxVariables;

/** The private key's base64 body lines: secret too, should one ever be printed. */
const pemBody = (pem: string | undefined) => (pem ? pem.split('\n').filter((line) => line && !line.startsWith('-----') && !line.includes(':')) : []);

function statusOf(profile: ProfileName, v: SandboxVariables): ProfileStatus {
  const missing = REQUIRED_VARIABLES[profile].filter((name) => v[name] === undefined);
  if (missing.length) {
    return { profile, target: null, missing, reason: `${profile} sandbox not configured: set ${missing.join(', ')}` };
  }
  const credentials = credentialsOf(profile, v);
  const tls: SandboxTls = {
    ...(v.GATECHECK_SANDBOX_CA ? { ca: v.GATECHECK_SANDBOX_CA } : {}),
    ...(profile === 'visa' ? { cert: v.GATECHECK_SANDBOX_VISA_CERT!, key: v.GATECHECK_SANDBOX_VISA_KEY! } : {}),
    ...(profile === 'visa' && v.GATECHECK_SANDBOX_VISA_KEY_PASSPHRASE ? { passphrase: v.GATECHECK_SANDBOX_VISA_KEY_PASSPHRASE } : {}),
  };
  const secrets = [
    ...Object.entries(credentials).filter(([name]) => name !== 'profile').map(([, value]) => value),
    ...(tls.passphrase ? [tls.passphrase] : []),
    ...pemBody(tls.key),
  ];
  return { profile, target: { profile, baseUrl: (v[urlVariable(profile)] as string | undefined) ?? DEFAULT_URLS[profile], credentials, tls, secrets } };
}

/**
 * Reads the GATECHECK_SANDBOX_* variables: throws LiveCredentialRefused for anything that looks
 * live (checked first, on the raw values), SandboxConfigError for a set but unusable value, and
 * otherwise answers each profile's status: configured, or missing variables named.
 */
export function loadSandboxEnv(env: Readonly<Record<string, string | undefined>>): Record<ProfileName, ProfileStatus> {
  const problems = liveProblems(env);
  if (problems.length) throw new LiveCredentialRefused(problems);
  const parsed = SandboxVariables.safeParse(Object.fromEntries(Object.keys(SandboxVariables.shape).map((name) => [name, env[name]])));
  if (!parsed.success) throw new SandboxConfigError(z.prettifyError(parsed.error));
  return Object.fromEntries(ProfileName.options.map((profile) => [profile, statusOf(profile, parsed.data)])) as Record<ProfileName, ProfileStatus>;
}
