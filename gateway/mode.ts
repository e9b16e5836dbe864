import net from 'node:net';
import type { ProcessorConfig } from './config.ts';

type Mode = 'live' | 'test';

/** What the credential says about itself (only Stripe keys do: sk_live_ / sk_test_). */
export function credentialMode(processor: ProcessorConfig): Mode | undefined {
  if (processor.profile !== 'stripe') return undefined;
  const key = processor.credentials.secretKey;
  if (/^(sk|rk)_live_/.test(key)) return 'live';
  if (/^(sk|rk)_test_/.test(key)) return 'test';
  return undefined;
}

const SANDBOX_HOSTS = [/(^|\.)sandbox\.paypal\.com$/, /^checkout-test\.adyen\.com$/, /^pal-test\.adyen\.com$/, /^sandbox\.api\.visa\.com$/, /^localhost$/, /\.(test|local|localhost|example)$/];
const LIVE_HOSTS = [/^api(-m)?\.paypal\.com$/, /-checkout-live\.adyenpayments\.com$/, /^api\.visa\.com$/];

/** What the host says: a known sandbox (or loopback), a known live host, or nothing (api.stripe.com serves both). */
export function hostMode(processor: ProcessorConfig): Mode | undefined {
  const host = new URL(processor.baseUrl).hostname.replace(/^\[|\]$/g, '');
  if ((net.isIP(host) && (/^127\./.test(host) || host === '::1')) || SANDBOX_HOSTS.some((r) => r.test(host))) return 'test';
  if (LIVE_HOSTS.some((r) => r.test(host))) return 'live';
  return undefined;
}

/** A warning when a live credential points at a sandbox host or the reverse (AUTH_MODE_MISMATCH). */
export function modeMismatch(processor: ProcessorConfig): string | undefined {
  const credential = credentialMode(processor);
  const host = hostMode(processor);
  if (!credential || !host || credential === host) return undefined;
  return `a ${credential} credential is configured for a ${host} host (${new URL(processor.baseUrl).host}); the processor will refuse it (AUTH_MODE_MISMATCH). Fix: use the ${host} credential for this base URL.`;
}
