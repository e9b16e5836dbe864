import { loadPki, type Pki } from '../pki/load.ts';
import { getProfile } from '../processors/index.ts';
import type { CommittedPayment, ProfileName, ProfileOptions, ProfileState } from '../processors/profile.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { clientMaterial, type ClientMaterial } from './client-material.ts';
import { startHttpApp, type HttpApp } from './http-app.ts';
import { startOpensslFront } from './openssl-front.ts';
import { startPlainHttpFront } from './plain-http-front.ts';
import { startRawFault } from './raw-fault.ts';
import { startSynBlackhole } from './syn-blackhole.ts';
import { BoundedLog, type ConnectionRecord, type RequestRecord } from './records.ts';
import { startTlsFront } from './tls-front.ts';

export type ProcessorEvent = { type: 'connection'; record: ConnectionRecord } | { type: 'request'; record: RequestRecord };

/** A scenario's processor, running on 127.0.0.1. */
export type ProcessorServer = {
  scenarioId: string;
  /** The gateway side the scenario prescribes (credentials, host), beyond its TLS material. */
  gatewaySetup: Scenario['gateway'];
  profile: ProfileName;
  /** Where the gateway must send its requests (always https: the gateway expects TLS). */
  url: string;
  /** The gateway-side TLS material the scenario prescribes. */
  client: ClientMaterial;
  /** Every TCP connection the processor port accepted, with its handshake outcome. */
  connections(): ConnectionRecord[];
  /** Every HTTP request that reached the processor application. */
  requests(): RequestRecord[];
  /** Every charge the processor committed. */
  payments(): readonly CommittedPayment[];
  /** Calls `listener` for each connection and request from now on. */
  watch(listener: (event: ProcessorEvent) => void): void;
  state: ProfileState;
  /** Every port this processor listens on (the TLS front and the HTTP application). */
  ports: number[];
  close(): Promise<void>;
};

export type StartOptions = {
  profile?: ProfileName;
  port?: number;
  pki?: Pki;
  recordLimit?: number;
  /** The account the mock models; default CONTRACT_ACCOUNT. */
  profileOptions?: ProfileOptions;
};

/**
 * The account a contract run models: the harness hands the gateway card numbers, so the account
 * has raw-card access (Stripe's raw card data APIs, Adyen's raw-card role), as a gateway that takes
 * card numbers must. `gatecheck serve` and the in-process mocks default to a new test account
 * (no raw-card access) instead; see mocks/processors/README.md.
 */
export const CONTRACT_ACCOUNT: ProfileOptions = { rawCardAccess: true };

type Front = { port: number; close(): Promise<void> };

/** What answers HTTP behind the front: a built-in profile's node:http app, or a custom processor's mockttp rules. */
export type Application = Pick<HttpApp, 'port' | 'serve' | 'close'> & { payments(): readonly CommittedPayment[] };

/** A running processor, whatever answers HTTP behind its front. */
export type RunningProcessor = Omit<ProcessorServer, 'profile' | 'state'>;

export type Records = { connections: BoundedLog<ConnectionRecord>; requests: BoundedLog<RequestRecord> };

/**
 * Puts the scenario's front (TLS, plain HTTP or a raw fault) before a started application; closes
 * the application if the front cannot start.
 */
export async function frontApplication(scenario: Scenario, app: Application, records: Records, pki: Pki, port = 0): Promise<RunningProcessor> {
  let front: Front;
  try {
    front = await startFront(scenario, app, pki, records.connections, port);
  } catch (error) {
    await app.close();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    scenarioId: scenario.id,
    gatewaySetup: scenario.gateway,
    url: `https://127.0.0.1:${front.port}`,
    client: clientMaterial(scenario.gateway, pki),
    connections: () => records.connections.all(),
    requests: () => records.requests.all(),
    payments: () => app.payments(),
    watch: (listener) => {
      records.connections.watch((record) => listener({ type: 'connection', record }));
      records.requests.watch((record) => listener({ type: 'request', record }));
    },
    ports: [...new Set([front.port, app.port])],
    close: () => (closed ??= Promise.all([front.close(), app.close()]).then(() => undefined)),
  };
}

function startFront(scenario: Scenario, app: Application, pki: Pki, records: BoundedLog<ConnectionRecord>, port: number): Promise<Front> {
  const transport = scenario.processor.transport;
  switch (transport.kind) {
    case 'tls':
      return transport.tls.clientCert.mode === 'openssl-alert'
        ? startOpensslFront(transport.tls, pki, records, port)
        : startTlsFront(transport.tls, pki, app, records, port, scenario.processor.responseFault);
    case 'plain-http':
      return startPlainHttpFront(app.port, port);
    case 'raw':
      return transport.fault === 'syn-blackhole' ? startSynBlackhole(port) : startRawFault(transport.fault, records, port);
  }
}

/** Starts the processor a scenario describes; everything listens on 127.0.0.1, port 0 by default. */
export async function startProcessor(scenario: Scenario, options: StartOptions = {}): Promise<ProcessorServer> {
  const pki = options.pki ?? loadPki();
  const profileName = options.profile ?? scenario.processor.profile;
  const connections = new BoundedLog<ConnectionRecord>(options.recordLimit);
  const requests = new BoundedLog<RequestRecord>(options.recordLimit);
  const app = await startHttpApp(getProfile(profileName), scenario.processor.behaviour, requests, options.profileOptions ?? CONTRACT_ACCOUNT);
  const running = await frontApplication(scenario, { ...app, payments: () => app.state.payments }, { connections, requests }, pki, options.port ?? 0);
  return { ...running, profile: profileName, state: app.state };
}
