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

import { failoverAfterWrittenRequest } from './failover-after-written-request.ts';
import { failoverNeverEngages } from './failover-never-engages.ts';
import { healthSharedAcrossProcessors } from './health-shared-across-processors.ts';
import { clientCertForEveryProcessor } from './client-cert-for-every-processor.ts';
import { authHeaderShared } from './auth-header-shared.ts';
import { retryAfterIgnored } from './retry-after-ignored.ts';
import { retryAfterReadAsMs } from './retry-after-read-as-ms.ts';
import { declineCountedAsFailure } from './decline-counted-as-failure.ts';
import { declineOutcomeAsFailed } from './decline-outcome-as-failed.ts';
import { failureCodeLabelDropped } from './failure-code-label-dropped.ts';
import { webhookDedupeBySignature } from './webhook-dedupe-by-signature.ts';
import { webhookReserialisedBody } from './webhook-reserialised-body.ts';
import { staleWebhooksAccepted } from './stale-webhooks-accepted.ts';
import { failoverOnDecline } from './failover-on-decline.ts';
import { healthUpOnAnyAnswer } from './health-up-on-any-answer.ts';
import { panInDebugLogs } from './pan-in-debug-logs.ts';
import { legacyTlsAllowed } from './legacy-tls-allowed.ts';
import { caBundleFromCertFile } from './ca-bundle-from-cert-file.ts';

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
  failoverAfterWrittenRequest,
  failoverNeverEngages,
  healthSharedAcrossProcessors,
  clientCertForEveryProcessor,
  authHeaderShared,
  retryAfterIgnored,
  retryAfterReadAsMs,
  declineCountedAsFailure,
  declineOutcomeAsFailed,
  failureCodeLabelDropped,
  webhookDedupeBySignature,
  webhookReserialisedBody,
  staleWebhooksAccepted,
  failoverOnDecline,
  healthUpOnAnyAnswer,
  panInDebugLogs,
  legacyTlsAllowed,
  caBundleFromCertFile,
  basicCredentialsLogged,
  replayFabricatesReference,
];

export function getMutant(name: string): Mutant {
  const mutant = mutants.find((m) => m.name === name);
  if (!mutant) throw new Error(`gatecheck: no mutant "${name}"; one of: ${mutants.map((m) => m.name).join(', ')}`);
  return mutant;
}
