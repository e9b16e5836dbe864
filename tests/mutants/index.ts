import { apiKeyInError } from './api-key-in-error.ts';
import { basicCredentialsLogged } from './basic-credentials-logged.ts';
import { clientCertNotSent } from './client-cert-not-sent.ts';
import { declineAsOutage } from './decline-as-outage.ts';
import { genericErrorCode } from './generic-error-code.ts';
import { healthAlwaysGreen } from './health-always-green.ts';
import { hostnameUnchecked } from './hostname-unchecked.ts';
import type { Mutant } from './mutant.ts';
import { newIdempotencyKeyPerRetry } from './new-idempotency-key-per-retry.ts';
import { noTimeout } from './no-timeout.ts';
import { replayFabricatesReference } from './replay-fabricates-reference.ts';
import { retriesAuthFailure } from './retries-auth-failure.ts';
import { systemCaStore } from './system-ca-store.ts';
import { unsignedWebhooksAccepted } from './unsigned-webhooks-accepted.ts';
import { verificationOff } from './verification-off.ts';
import { weakKeysAccepted } from './weak-keys-accepted.ts';
import { wrongClientKey } from './wrong-client-key.ts';

export type { Mutant } from './mutant.ts';

/** Every mutant the contract suites must kill, in the order of the issue that asked for them. */
export const mutants: Mutant[] = [
  verificationOff,
  hostnameUnchecked,
  systemCaStore,
  weakKeysAccepted,
  clientCertNotSent,
  wrongClientKey,
  retriesAuthFailure,
  newIdempotencyKeyPerRetry,
  noTimeout,
  apiKeyInError,
  healthAlwaysGreen,
  unsignedWebhooksAccepted,
  genericErrorCode,
  declineAsOutage,
  basicCredentialsLogged,
  replayFabricatesReference,
];

export function getMutant(name: string): Mutant {
  const mutant = mutants.find((m) => m.name === name);
  if (!mutant) throw new Error(`gatecheck: no mutant "${name}"; one of: ${mutants.map((m) => m.name).join(', ')}`);
  return mutant;
}
